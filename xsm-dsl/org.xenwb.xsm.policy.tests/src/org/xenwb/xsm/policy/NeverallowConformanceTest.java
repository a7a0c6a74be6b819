package org.xenwb.xsm.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xenwb.xsm.policy.XenPolicyBuild.Output;
import org.xenwb.xsm.policy.XenPolicyBuild.Variant;
import org.xenwb.xsm.policy.compile.ConfParser;
import org.xenwb.xsm.policy.compile.PolicyBuilder.Compilation;
import org.xenwb.xsm.policy.compile.PolicyCompileException;
import org.xenwb.xsm.policy.compile.PolicyDiagnostic;

/**
 * neverallow checking against checkpolicy 3.4: Xen's default policies (which have neverallow rules of their own)
 * pass, and for modules that violate Xen's or their own neverallows we report exactly the violations checkpolicy
 * reports (neverallow file:line, and the violating allow per source type, target type and class with the
 * permissions both name), plus the file:line of the allow statements that grant them.
 */
class NeverallowConformanceTest {

    private static final Pattern CHECKPOLICY_REPORT = Pattern.compile(
            "neverallow on line (\\d+) of (\\S+) \\(or line \\d+ of \\S+\\) violated by (allow .*);");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"4.17", "4.22"})
    void xenDefaultPoliciesHaveNoViolation(String xen) throws IOException, PolicyCompileException {
        Output built = BuiltPolicies.get(Variant.defaults(xen));
        Compilation c = ConfParser.parse(Files.readString(built.policyConf()), "policy.conf").compile(30, false);
        long neverallows = c.rules().stream().filter(r -> r.kind() == 0x80).count();
        assertTrue(neverallows >= 4, "Xen's xen.te has neverallow rules: " + neverallows);
    }

    @ParameterizedTest(name = "{index}")
    @ValueSource(strings = {
        // Xen's own neverallow rules, violated by a module
        "allow dom0_t xen_t:domain create;\nallow domU_t self:event bind;",
        // a module's neverallows, violated by Xen's rules (attributes, self, several permissions)
        "neverallow domU_t xen_t:xen { readconsole };\nneverallow dom0_t self:domain { setvcpucontext pause };\n"
                + "neverallow domain_type xen_t:mmu memorymap;\nallow domU_t xen_t:xen readconsole;",
        "neverallow domain_type domain_type:domain { getdomaininfo pause };",
        // a conditional allow violates too, whatever the boolean's value
        "bool nv_test false;\nif (nv_test) { allow domU_t dom0_t:grant { map_read copy }; }\n"
                + "neverallow domU_t dom0_t:grant copy;",
        // no violation: checkpolicy and we both accept
        "neverallow domain_type ~domain_type:event bind;",
    })
    void violationsAreCheckpolicys(String module) throws IOException {
        Output built = BuiltPolicies.get(Variant.defaults("4.17"));
        String conf = Files.readString(built.policyConf());
        int at = conf.lastIndexOf("#line", conf.indexOf("policy/users\""));
        // checkpolicy 3.4 numbers the lines after a '#line N "FILE"' marker from N + 1, and right after a bare
        // '#line N' (which m4 writes after every macro expansion): give both, as m4 does, so the lines compare
        String text = conf.substring(0, at) + "#line 1 \"nv.te\"\n#line 1\n" + module + "\n" + conf.substring(at);
        Path dir = ReferenceTools.targetDir("neverallow");
        Path file = dir.resolve("policy.conf");
        Files.writeString(file, text);
        ReferenceTools.Result r = ReferenceTools.run(List.of("checkpolicy", "-t", "Xen", "-c", "30",
                file.toString(), "-o", dir.resolve("xenpolicy").toString()));
        List<String> expected = new ArrayList<>();
        Matcher m = CHECKPOLICY_REPORT.matcher(r.stdout() + r.stderr());
        while (m.find()) {
            expected.add(m.group(2) + ":" + m.group(1) + ": neverallow violated by " + m.group(3));
        }
        if (expected.isEmpty()) {
            assertEquals(0, r.exitCode(), r.stderr());
            assertFalse(assertCompiles(text).rules().isEmpty());
            return;
        }
        assertNotEquals(0, r.exitCode());
        PolicyCompileException e = assertThrows(PolicyCompileException.class,
                () -> ConfParser.parse(text, "policy.conf").compile(30, false));
        List<String> ours = new ArrayList<>();
        for (PolicyDiagnostic d : e.diagnostics()) {
            assertEquals(PolicyDiagnostic.NEVERALLOW_VIOLATED, d.code());
            assertFalse(d.related().isEmpty(), "the allow statements granting it are named: " + d);
            ours.add(d.location() + ": " + d.message());
        }
        expected.sort(null);
        ours.sort(null);
        assertEquals(expected, ours);
    }

    private static Compilation assertCompiles(String text) {
        try {
            return ConfParser.parse(text, "policy.conf").compile(30, false);
        } catch (PolicyCompileException e) {
            throw new AssertionError("checkpolicy accepts it but we do not: " + e.getMessage(), e);
        }
    }

}
