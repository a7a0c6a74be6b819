package org.xenwb.xsm.policy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.xenwb.xsm.policy.XenPolicyBuild.Output;
import org.xenwb.xsm.policy.XenPolicyBuild.Variant;

/** Builds each variant at most once per test run (m4 and checkpolicy), skipping when data or tools are absent. */
final class BuiltPolicies {

    private static final Map<String, Output> BUILT = new HashMap<>();

    private BuiltPolicies() {
    }

    static synchronized Output get(Variant v) throws IOException {
        Output out = BUILT.get(v.name());
        if (out == null) {
            Path tree = SharedData.xenTree(v.xenVersion());
            ReferenceTools.require("m4", "checkpolicy");
            out = XenPolicyBuild.build(tree, v, ReferenceTools.targetDir("build"));
            BUILT.put(v.name(), out);
        }
        return out;
    }
}
