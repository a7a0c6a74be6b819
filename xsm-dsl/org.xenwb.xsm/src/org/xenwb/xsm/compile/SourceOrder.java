package org.xenwb.xsm.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.xenwb.xsm.xsm.Policy;

/**
 * Orders policy files so that each comes after the files whose declarations it uses: checkpolicy wants a type,
 * attribute or role declared before a rule uses it, and gives values in declaration order. Files that do not
 * depend on each other keep the order they were given in; a cycle keeps the given order for the files in it.
 */
final class SourceOrder {

    private SourceOrder() {
    }

    static List<Policy> declarationsFirst(List<Policy> policies) {
        Map<Resource, Policy> byResource = new LinkedHashMap<>();
        for (Policy policy : policies) {
            byResource.put(policy.eResource(), policy);
        }
        Map<Policy, Set<Policy>> uses = new LinkedHashMap<>();
        for (Policy policy : policies) {
            Set<Policy> used = new LinkedHashSet<>();
            for (TreeIterator<EObject> it = policy.eAllContents(); it.hasNext();) {
                EObject element = it.next();
                for (EObject target : element.eCrossReferences()) {
                    Policy owner = target.eIsProxy() ? null : byResource.get(target.eResource());
                    if (owner != null && owner != policy) {
                        used.add(owner);
                    }
                }
            }
            uses.put(policy, used);
        }
        List<Policy> ordered = new ArrayList<>();
        Set<Policy> visiting = new LinkedHashSet<>();
        for (Policy policy : policies) {
            visit(policy, uses, visiting, ordered);
        }
        return ordered;
    }

    private static void visit(Policy policy, Map<Policy, Set<Policy>> uses, Set<Policy> visiting,
            List<Policy> ordered) {
        if (ordered.contains(policy) || !visiting.add(policy)) {
            return;
        }
        for (Policy used : uses.get(policy)) {
            visit(used, uses, visiting, ordered);
        }
        ordered.add(policy);
    }
}
