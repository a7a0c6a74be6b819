package org.xenwb.xsm.policy.analysis;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

import org.xenwb.xsm.policy.AvRule;
import org.xenwb.xsm.policy.Policy;
import org.xenwb.xsm.policy.PolicyIndex;

/** The allow rules in force under the booleans' defaults, expanded to types: (source, target, class) to bits. */
final class AllowTable {

    /** A source type, target type (values) and class value. */
    record Key(int source, int target, int tclass) {
    }

    private AllowTable() {
    }

    static Map<Key, Integer> of(Policy policy) {
        PolicyIndex ix = policy.index();
        Map<Key, Integer> table = new HashMap<>();
        for (AvRule r : Interactions.activeRules(policy)) {
            if (r.kind() != AvRule.ALLOWED) {
                continue;
            }
            BitSet ss = ix.expand(r.source());
            BitSet ts = ix.expand(r.target());
            for (int s = ss.nextSetBit(0); s >= 0; s = ss.nextSetBit(s + 1)) {
                for (int t = ts.nextSetBit(0); t >= 0; t = ts.nextSetBit(t + 1)) {
                    table.merge(new Key(s + 1, t + 1, r.tclass()), r.data(), (a, b) -> a | b);
                }
            }
        }
        return table;
    }
}
