package org.xenwb.xsm.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xenwb.xsm.policy.XenPolicyBuild.Output;
import org.xenwb.xsm.policy.XenPolicyBuild.Variant;
import org.xenwb.xsm.policy.analysis.AccessCheck;
import org.xenwb.xsm.policy.analysis.AccessCheck.Answer;
import org.xenwb.xsm.policy.analysis.AccessCheck.Verdict;
import org.xenwb.xsm.policy.binary.PolicyReader;
import org.xenwb.xsm.policy.compile.ConfParser;
import org.xenwb.xsm.policy.compile.PolicyBuilder;
import org.xenwb.xsm.policy.compile.PolicyBuilder.Compilation;
import org.xenwb.xsm.policy.compile.PolicyCompileException;

/**
 * "Can A do P on B?" on Xen 4.17's default policy: the compiled rules we give as the explanation are exactly the
 * lines {@code sesearch -A --auditallow --dontaudit -s A -t B -c C -p P} prints for checkpolicy's binary; the
 * verdicts were derived by hand from those lines and the booleans' defaults (guest_writeconsole true,
 * prot_doms_locked false).
 */
class AccessCheckTest {

    @ParameterizedTest(name = "{0} {1}:{2} {3}")
    @CsvSource({
        "domU_t, xen_t, xen, writeconsole, ALLOWED",
        "dom0_t, prot_domU_t, domain, create, ALLOWED",
        "dom0_t, domU_t, domain, create, ALLOWED",
        "domU_t, dom0_t, domain, create, DENIED",
        "xenstore_t, domU_t, grant, map_read, ALLOWED",
        "dom0_t, xen_t, domain, create, DENIED",
        "dom0_t, domxen_t, mmu, map_read, ALLOWED",
        "dom0_t, security_t, security, setenforce, ALLOWED",
        "domU_t, domU_t, grant, query, DENIED",
        "domU_t, domU_t_self, grant, query, ALLOWED",
    })
    void grantsAreSesearchsLines(String s, String t, String c, String p, Verdict verdict) throws Exception {
        Output built = BuiltPolicies.get(Variant.defaults("4.17"));
        ReferenceTools.require("sesearch");
        Policy policy = new PolicyReader().read(built.binary());
        Answer a = AccessCheck.check(policy, null, s, t, c, p);
        List<String> expected = new ArrayList<>(ReferenceTools.run(List.of("sesearch", "-A", "--auditallow",
                "--dontaudit", "-s", s, "-t", t, "-c", c, "-p", p, built.binary().toString())).lines());
        List<String> ours = new ArrayList<>(a.grants().stream().map(AccessCheck.Grant::line).toList());
        expected.sort(null);
        ours.sort(null);
        assertEquals(expected, ours);
        assertEquals(verdict, a.verdict());
    }

    @Test
    void explanationsOfXensDefaultPolicy() throws Exception {
        Output built = BuiltPolicies.get(Variant.defaults("4.17"));
        Compilation c = compile(built);
        Answer console = AccessCheck.check(c.policy(), c.rules(), "domU_t", "xen_t", "xen", "writeconsole");
        assertEquals(Verdict.ALLOWED, console.verdict());
        AccessCheck.Grant allow = console.grants().stream().filter(g -> g.rule().kind() == AvRule.ALLOWED)
                .findFirst().orElseThrow();
        assertEquals("source domain_type: an attribute of domU_t", allow.via());
        assertEquals("guest_writeconsole is true", allow.condition());
        assertTrue(allow.active());
        // the statement behind it and the inactive dontaudit of the else branch
        assertEquals(2, console.statements().size(), console.statements().toString());
        assertTrue(console.statements().stream().anyMatch(st -> !st.active()
                && st.rule().kind() == AvRule.AUDITDENY));

        Answer create = AccessCheck.check(c.policy(), c.rules(), "dom0_t", "xen_t", "domain", "create");
        assertEquals(Verdict.DENIED, create.verdict());
        assertTrue(create.logged());
        assertEquals(1, create.statements().size());
        assertEquals(PolicyBuilder.NEVERALLOW, create.statements().get(0).rule().kind());
        assertTrue(create.statements().get(0).rule().location().toString().endsWith("modules/xen.te:68"));
        String text = AccessCheck.format(create, Object::toString);
        assertTrue(text.contains("missing: allow dom0_t xen_t:domain create;"), text);
        assertTrue(text.contains("adding it violates the neverallow at "), text);

        Answer map = AccessCheck.check(c.policy(), c.rules(), "xenstore_t", "domU_t", "grant", "map_read");
        assertEquals(1, map.statements().size());
        assertEquals("domain_type", map.statements().get(0).rule().targetText());
        assertTrue(map.statements().get(0).rule().location().toString().endsWith("modules/xenstore.te:21"));

        Answer none = AccessCheck.check(c.policy(), c.rules(), "domU_t", "dom0_t", "domain", "create");
        assertFalse(none.grants().isEmpty() && !none.statements().isEmpty());
        assertEquals(List.of(), none.otherPermissions());
    }

    private static Compilation compile(Output built) throws IOException, PolicyCompileException {
        return ConfParser.parse(Files.readString(built.policyConf()), "policy.conf").compile(30, false);
    }
}
