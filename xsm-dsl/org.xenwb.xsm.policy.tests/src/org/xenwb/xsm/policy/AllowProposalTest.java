package org.xenwb.xsm.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.xenwb.xsm.policy.XenPolicyBuild.Output;
import org.xenwb.xsm.policy.XenPolicyBuild.Variant;
import org.xenwb.xsm.policy.analysis.AllowProposal;
import org.xenwb.xsm.policy.analysis.AllowProposal.Proposal;
import org.xenwb.xsm.policy.analysis.AllowProposal.Verification;
import org.xenwb.xsm.policy.analysis.AvcDenials;
import org.xenwb.xsm.policy.analysis.MacroTemplate;
import org.xenwb.xsm.policy.binary.PolicyReader;

/**
 * audit2allow on Xen 4.17's default policy with denials in the format of Xen's avc.c (avc_audit): the proposal
 * merges denials per source, target and class, skips what the policy already allows, and once added to the policy
 * (recompiled by us, and by checkpolicy, queried with sesearch) allows every denial and nothing else.
 */
class AllowProposalTest {

    private static final String DMESG = """
            (XEN) [   12.345678] Xen version 4.17.7 (Debian 4.17.7-1)
            (XEN) avc:  denied  { pause } for domid=1 scontext=system_u:system_r:domU_t \
            tcontext=system_u:system_r:dom0_t tclass=domain
            (XEN) avc:  granted  { setenforce } for domid=0 scontext=system_u:system_r:dom0_t \
            tcontext=system_u:object_r:security_t tclass=security
            (XEN) [   13.000001] avc:  denied  { unpause pause } for domid=1 scontext=system_u:system_r:domU_t \
            tcontext=system_u:system_r:dom0_t tclass=domain
            (XEN) avc:  denied  { map_read } for domid=2 device=0x3000 scontext=system_u:system_r:dm_dom_t \
            tcontext=system_u:system_r:domU_t tclass=mmu
            (XEN) avc:  denied  { pause } for domid=0 scontext=system_u:system_r:dom0_t \
            tcontext=system_u:system_r:domU_t tclass=domain
            some other console line
            """;

    @Test
    void parsesXensFormat() {
        AvcDenials.Parsed parsed = AvcDenials.parse(DMESG, "dmesg.txt");
        assertEquals(4, parsed.denials().size());
        assertEquals(1, parsed.granted());
        AvcDenials.Denial d = parsed.denials().get(2);
        assertEquals(List.of("map_read"), d.permissions());
        assertEquals(2, d.domid());
        assertEquals("dm_dom_t", d.source());
        assertEquals("domU_t", d.target());
        assertEquals("mmu", d.tclass());
        assertEquals(5, d.line());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AvcDenials.parse(
                "x\n(XEN) avc:  denied  { pause } for domid=1 ssid=12 tcontext=a:b:c tclass=domain\n", "log"));
        assertTrue(e.getMessage().startsWith("log:2: the ssid 12 has no context"), e.getMessage());
    }

    @Test
    void proposalAllowsExactlyTheDenials() throws Exception {
        Output built = BuiltPolicies.get(Variant.defaults("4.17"));
        Policy policy = new PolicyReader().read(built.binary());
        Proposal p = AllowProposal.propose(policy, AvcDenials.parse(DMESG, "dmesg.txt").denials(), List.of());
        assertEquals(List.of("allow domU_t dom0_t:domain { pause unpause };", "allow dm_dom_t domU_t:mmu map_read;"),
                p.rules().stream().map(AllowProposal.Group::rule).toList());
        assertEquals(List.of(2, 4), p.rules().get(0).lines());
        assertEquals(1, p.notes().size(), p.notes().toString());
        assertTrue(p.notes().get(0).startsWith("line 6: pause already allowed"), p.notes().toString());

        String conf = Files.readString(built.policyConf());
        Verification v = AllowProposal.verify(conf, false, p);
        assertEquals(List.of(), v.errors());
        assertEquals(List.of(), v.stillDenied());
        assertEquals(List.of(), v.alsoAllowed());

        // checkpolicy compiles the policy with the proposal; sesearch then finds each denied permission allowed
        int at = conf.lastIndexOf("#line", conf.indexOf("policy/users\""));
        String withProposal = conf.substring(0, at) + AllowProposal.text(p, "dmesg.txt") + conf.substring(at);
        Path dir = ReferenceTools.targetDir("audit2allow");
        Files.writeString(dir.resolve("policy.conf"), withProposal);
        ReferenceTools.require("sesearch");
        ReferenceTools.Result cp = ReferenceTools.run(List.of("checkpolicy", "-t", "Xen", "-c", "30",
                dir.resolve("policy.conf").toString(), "-o", dir.resolve("xenpolicy").toString()));
        assertEquals(0, cp.exitCode(), cp.stdout() + cp.stderr());
        for (AvcDenials.Denial d : AvcDenials.parse(DMESG, "dmesg.txt").denials()) {
            for (String perm : d.permissions()) {
                ReferenceTools.Result r = ReferenceTools.run(List.of("sesearch", "-A", "-s", d.source(), "-t",
                        d.target(), "-c", d.tclass(), "-p", perm, dir.resolve("xenpolicy").toString()));
                assertFalse(r.lines().isEmpty(), "sesearch finds " + d.text() + " allowed");
            }
        }
    }

    @Test
    void macroThatCoversExactlyIsProposedAndOthersAreAlternatives() throws Exception {
        Output built = BuiltPolicies.get(Variant.defaults("4.17"));
        Policy policy = new PolicyReader().read(built.binary());
        MacroTemplate exact = new MacroTemplate("pause_peer", List.of("a", "b"), List.of(
                new MacroTemplate.Rule("allow", List.of("a"), List.of("b"), List.of("domain"),
                        List.of("pause", "unpause"))));
        MacroTemplate wide = new MacroTemplate("own_peer", List.of("a", "b"), List.of(
                new MacroTemplate.Rule("allow", List.of("a"), List.of("b"), List.of("domain"), List.of("pause")),
                new MacroTemplate.Rule("allow", List.of("a"), List.of("b"), List.of("mmu"), List.of("map_read"))));
        Proposal p = AllowProposal.propose(policy, AvcDenials.parse(DMESG, "dmesg.txt").denials(),
                List.of(wide, exact));
        assertEquals(List.of("pause_peer(domU_t, dom0_t)"), p.calls().stream().map(AllowProposal.Call::text)
                .toList());
        assertEquals(List.of("allow dm_dom_t domU_t:mmu map_read;"), p.rules().stream()
                .map(AllowProposal.Group::rule).toList());
        // own_peer(dm_dom_t, domU_t) covers the mmu denial but also allows pause
        assertEquals(1, p.alternatives().size());
        assertEquals("own_peer(dm_dom_t, domU_t)", p.alternatives().get(0).text());
        assertEquals(List.of("allow dm_dom_t domU_t:domain pause;"), p.alternatives().get(0).extra());
        Verification v = AllowProposal.verify(Files.readString(built.policyConf()), false, p);
        assertEquals(List.of(), v.stillDenied());
        assertEquals(List.of(), v.alsoAllowed());
    }

    @Test
    void proposalViolatingANeverallowIsReported() throws Exception {
        Output built = BuiltPolicies.get(Variant.defaults("4.17"));
        Policy policy = new PolicyReader().read(built.binary());
        String log = "avc:  denied  { create } for domid=0 scontext=system_u:system_r:dom0_t"
                + " tcontext=system_u:system_r:xen_t tclass=domain\n";
        Proposal p = AllowProposal.propose(policy, AvcDenials.parse(log, "log").denials(), List.of());
        Verification v = AllowProposal.verify(Files.readString(built.policyConf()), false, p);
        assertEquals(1, v.errors().size(), v.errors().toString());
        assertTrue(v.errors().get(0).toString().contains("modules/xen.te:68: error: neverallow violated by allow"
                + " dom0_t xen_t:domain { create }\n    proposal:1: note: rule involved"), v.errors().get(0).toString());
    }
}
