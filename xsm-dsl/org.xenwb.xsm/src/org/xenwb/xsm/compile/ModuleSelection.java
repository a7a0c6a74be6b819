package org.xenwb.xsm.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.ecore.EObject;
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

    private static final int MAX_REPORTED = 20;

    private ModuleSelection() {
    }

    /**
     * @param policies all parsed and linked policies
     * @return the policies that are on, in the given order
     * @throws PolicySourceException when one of them uses something of a module that is off; the message lists
     *         each use as {@code file:line: error: ...}
     */
    static List<Policy> enabled(List<Policy> policies) throws PolicySourceException {
        Set<Resource> off = policies.stream().filter(Policy::isOff).map(Policy::eResource)
                .collect(Collectors.toSet());
        List<Policy> on = policies.stream().filter(policy -> !policy.isOff()).toList();
        if (off.isEmpty()) {
            return on;
        }
        List<String> errors = new ArrayList<>();
        for (Policy policy : on) {
            for (TreeIterator<EObject> it = policy.eAllContents(); it.hasNext();) {
                EObject element = it.next();
                for (EObject target : element.eCrossReferences()) {
                    if (!target.eIsProxy() && off.contains(target.eResource())) {
                        Policy module = (Policy) target.eResource().getContents().get(0);
                        INode node = NodeModelUtils.getNode(element);
                        errors.add(policy.eResource().getURI().lastSegment() + ":"
                                + (node == null ? 0 : node.getStartLine()) + ": error: uses "
                                + NodeModelUtils.getTokenText(node).strip().split("\\s+")[0] + "... from module "
                                + module.getName() + ", which is off");
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            int shown = Math.min(errors.size(), MAX_REPORTED);
            throw new PolicySourceException(String.join("\n", errors.subList(0, shown))
                    + (errors.size() > shown ? "\n(" + (errors.size() - shown) + " more errors)" : ""));
        }
        return on;
    }
}
