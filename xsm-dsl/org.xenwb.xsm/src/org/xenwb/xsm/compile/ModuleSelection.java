package org.xenwb.xsm.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.xenwb.xsm.xsm.Policy;

/**
 * Which modules go into the compiled policy: those not declared {@code module NAME = off;} (modules.conf's on/off).
 * A module that is on may not use a declaration or macro of a module that is off, as Xen's build would not see
 * it either. Stateless.
 */
final class ModuleSelection {

    private ModuleSelection() {
    }

    /** Issue code of a use of a module that is off. */
    static final String OFF_MODULE_USE = "offModuleUse";

    /**
     * @param policies all parsed and linked policies
     * @return the policies that are on, in the given order
     */
    static List<Policy> enabled(List<Policy> policies) {
        return policies.stream().filter(policy -> !policy.isOff()).toList();
    }

    /**
     * @param policies all parsed and linked policies
     * @return an error for each use, in a module that is on, of something of a module that is off, in file order
     */
    static List<XsmCompiler.Diagnostic> offUses(List<Policy> policies) {
        Set<Resource> off = policies.stream().filter(Policy::isOff).map(Policy::eResource)
                .collect(Collectors.toSet());
        List<XsmCompiler.Diagnostic> errors = new ArrayList<>();
        if (off.isEmpty()) {
            return errors;
        }
        for (Policy policy : enabled(policies)) {
            for (TreeIterator<EObject> it = policy.eAllContents(); it.hasNext();) {
                EObject element = it.next();
                for (EReference reference : element.eClass().getEAllReferences()) {
                    if (!reference.isContainment() && !reference.isContainer()) {
                        checkUses(element, reference, off, errors);
                    }
                }
            }
        }
        return errors;
    }

    /** Adds an error for each name of the reference that links into a module that is off. */
    private static void checkUses(EObject element, EReference reference, Set<Resource> off,
            List<XsmCompiler.Diagnostic> errors) {
        Object value = element.eGet(reference, true);
        List<?> targets = reference.isMany() ? (List<?>) value : value == null ? List.of() : List.of(value);
        List<INode> nodes = NodeModelUtils.findNodesForFeature(element, reference);
        for (int i = 0; i < targets.size(); i++) {
            EObject target = (EObject) targets.get(i);
            if (target.eIsProxy() || !off.contains(target.eResource())) {
                continue;
            }
            Policy module = (Policy) target.eResource().getContents().get(0);
            INode node = i < nodes.size() ? nodes.get(i) : NodeModelUtils.getNode(element);
            errors.add(new XsmCompiler.Diagnostic(element.eResource().getURI().lastSegment(),
                    node == null ? 0 : node.getStartLine(), true,
                    (node == null ? "a name" : NodeModelUtils.getTokenText(node)) + " is declared in module "
                            + module.getName() + ", which is off", OFF_MODULE_USE));
        }
    }
}
