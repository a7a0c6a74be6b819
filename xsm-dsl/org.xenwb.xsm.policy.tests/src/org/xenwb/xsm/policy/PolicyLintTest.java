package org.xenwb.xsm.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xenwb.xsm.policy.XenPolicyBuild.Output;
import org.xenwb.xsm.policy.XenPolicyBuild.Variant;
import org.xenwb.xsm.policy.analysis.PolicyLint;
import org.xenwb.xsm.policy.compile.ConfParser;
import org.xenwb.xsm.policy.compile.PolicyCompileException;
import org.xenwb.xsm.policy.compile.PolicyDiagnostic;

/**
 * The warnings of {@link PolicyLint} on Xen's default policies and on a module with one instance of each problem.
 * checkpolicy compiles all of these without a word (checked here): the warnings are ours.
 */
class PolicyLintTest {

    private static final String MODULE = """
            attribute empty_attr;
            type lonely_t;
            allow empty_attr xen_t:xen readconsole;
            bool lint_b true;
            if (lint_b && !lint_b) { allow dom0_t xen_t:xen writeconsole; } else { allow dom0_t xen_t:xen getidle; }
            allow { dom0_t -dom0_t } xen_t:xen readconsole;
            allow dom0_t { domU_t -domU_t }:xen readconsole;
            type_transition dom0_t empty_attr:domain domU_t;
            """;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"4.17", "4.22"})
    void xenDefaultPolicies(String xen) throws IOException, PolicyCompileException {
        Output built = BuiltPolicies.get(Variant.defaults(xen));
        List<String> warnings = PolicyLint.check(ConfParser.parse(Files.readString(built.policyConf()), "policy.conf")
                .compile(30, false)).stream().map(d -> d.code() + " " + d.message()).toList();
        assertEquals(List.of(), warnings);
    }

    @Test
    void eachProblemOnce() throws IOException, PolicyCompileException {
        Output built = BuiltPolicies.get(Variant.defaults("4.17"));
        String conf = Files.readString(built.policyConf());
        int at = conf.lastIndexOf("#line", conf.indexOf("policy/users\""));
        String text = conf.substring(0, at) + "#line 1 \"lint.te\"\n" + MODULE + conf.substring(at);
        java.nio.file.Path file = ReferenceTools.targetDir("lint").resolve("policy.conf");
        Files.writeString(file, text);
        ReferenceTools.Result r = ReferenceTools.run(List.of("checkpolicy", "-t", "Xen", "-c", "30",
                file.toString(), "-o", file.resolveSibling("xenpolicy").toString()));
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("", (r.stdout() + r.stderr()).lines().filter(l -> l.toLowerCase().contains("warn"))
                .reduce("", String::concat), "checkpolicy warns about none of these");
        List<String> warnings = PolicyLint.check(ConfParser.parse(text, "policy.conf").compile(30, false)).stream()
                .map(PolicyDiagnostic::toString).toList();
        assertEquals(List.of(
                "lint.te:3: warning: rule can never apply: its source empty_attr stands for no type",
                "lint.te:6: warning: rule can never apply: its source { dom0_t -dom0_t } stands for no type",
                "lint.te:7: warning: rule can never apply: its target { domU_t -domU_t } stands for no type",
                "lint.te:8: warning: rule can never apply: its target empty_attr stands for no type",
                "lint.te:5: warning: rule can never apply: the condition lint_b && !lint_b is always false, so the if"
                        + " branch is never taken",
                "lint.te:2: warning: type lonely_t is never used: no rule applies to it and no initial SID or device"
                        + " context labels it"), warnings);
    }
}
