package org.xenwb.xsm.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.xenwb.xsm.policy.binary.PolicyWriter;
import org.xenwb.xsm.policy.compile.PolicyBuilder;
import org.xenwb.xsm.policy.compile.PolicyCompileException;
import org.xenwb.xsm.policy.compile.SourceLocation;
import org.xenwb.xsm.policy.compile.Specs.CondItem;
import org.xenwb.xsm.policy.compile.Specs.Context;
import org.xenwb.xsm.policy.compile.Specs.Perms;
import org.xenwb.xsm.policy.compile.Specs.TypeSet;
import org.xenwb.xsm.policy.text.ConfWriter;

/**
 * The builder API as a language front end uses it, without policy.conf: a small policy built statement by statement
 * compiles to the same bytes as checkpolicy gives for its decompiled text, and errors carry their location.
 */
class PolicyBuilderTest {

    private static final SourceLocation AT = new SourceLocation("demo.xsm", 3);

    static PolicyBuilder demo() throws PolicyCompileException {
        PolicyBuilder b = new PolicyBuilder();
        b.declareClass(AT, "domain");
        b.declareClass(AT, "event");
        b.declareSid(AT, "xenboot");
        b.declareSid(AT, "xen");
        b.defineClass(AT, "domain", null, List.of("create", "pause", "unpause", "getdomaininfo"));
        b.defineClass(AT, "event", null, List.of("bind", "send", "create"));
        b.declareAttribute(AT, "domain_type");
        b.declareAttribute(AT, "event_type");
        b.declareType(AT, "xen_t", List.of(), List.of());
        b.declareType(AT, "dom0_t", List.of("dom0_alias_t"), List.of("domain_type"));
        b.declareType(AT, "domU_t", List.of(), List.of("domain_type"));
        b.declareType(AT, "dom0_chan_t", List.of(), List.of("event_type"));
        b.declareBool(AT, "locked", false);
        Perms create = new Perms(List.of("create", "getdomaininfo"), false, false);
        b.avRule(AT, AvRule.ALLOWED, TypeSet.of("dom0_t"), TypeSet.of("domain_type"), true, List.of("domain"),
                create);
        b.avRule(AT, AvRule.ALLOWED, TypeSet.of("domain_type"), TypeSet.of("event_type"), false,
                List.of("event"), new Perms(List.of("bind", "send"), false, false));
        b.typeRule(AT, AvRule.TRANSITION, TypeSet.of("dom0_t"), TypeSet.of("domain_type"), List.of("event"),
                "dom0_chan_t");
        b.beginConditional(AT, List.of(new CondItem(CondExpr.BOOL, "locked"), new CondItem(CondExpr.NOT, null)));
        b.avRule(AT, AvRule.ALLOWED, TypeSet.of("dom0_alias_t"), TypeSet.of("domU_t"), false, List.of("domain"),
                new Perms(List.of("pause", "unpause"), false, false));
        b.endConditional();
        b.role(AT, "system_r", null);
        b.role(AT, "system_r", TypeSet.of("xen_t", "domain_type"));
        b.user(AT, "system_u", List.of("system_r"), null, null, null);
        b.sidContext(AT, "xenboot", new Context("system_u", "system_r", "xen_t", null, null));
        b.sidContext(AT, "xen", new Context("system_u", "system_r", "xen_t", null, null));
        return b;
    }

    @Test
    void builtPolicyIsWhatCheckpolicyCompilesFromItsText() throws Exception {
        Policy policy = demo().build(30, false);
        // "if (!locked)" is stored as "if (locked)" with the rule in the false branch, as checkpolicy does
        assertEquals(0, policy.conditionals().get(0).trueRules().size());
        assertEquals(1, policy.conditionals().get(0).falseRules().size());
        byte[] ours = new PolicyWriter().toBytes(policy);
        ReferenceTools.require("checkpolicy");
        Path dir = ReferenceTools.targetDir("builder");
        Path conf = dir.resolve("demo.conf");
        Files.writeString(conf, new ConfWriter(List.of("xenboot", "xen"), ConfWriter.Order.VALUES).text(policy));
        Path bin = dir.resolve("demo.bin");
        ReferenceTools.Result r = ReferenceTools.run(List.of("checkpolicy", "-t", "Xen", "-c", "30",
                conf.toString(), "-o", bin.toString()));
        assertEquals(0, r.exitCode(), r.stderr());
        assertArrayEquals(Files.readAllBytes(bin), ours);
    }

    @Test
    void errorsNameTheStatement() throws IOException, PolicyCompileException {
        PolicyBuilder b = demo();
        SourceLocation bad = new SourceLocation("demo.xsm", 42);
        b.avRule(bad, AvRule.ALLOWED, TypeSet.of("dom0_t"), TypeSet.of("nobody_t"), false, List.of("domain"),
                new Perms(List.of("create"), false, false));
        PolicyCompileException e = assertThrows(PolicyCompileException.class, () -> b.build(30, false));
        assertEquals("demo.xsm:42: unknown type nobody_t", e.getMessage());
        PolicyBuilder b2 = demo();
        b2.avRule(bad, PolicyBuilder.NEVERALLOW, TypeSet.of("domain_type"), TypeSet.of("event_type"), false,
                List.of("event"), new Perms(List.of("send"), false, false));
        e = assertThrows(PolicyCompileException.class, () -> b2.build(30, false));
        // like checkpolicy: one violation per source type, target type and class of the offending rules
        assertEquals(List.of("neverallow violated by allow dom0_t dom0_chan_t:event { send }",
                "neverallow violated by allow domU_t dom0_chan_t:event { send }"),
                e.diagnostics().stream().map(d -> d.message()).sorted().toList(), e.getMessage());
        assertTrue(e.getMessage().startsWith("demo.xsm:42: neverallow violated by allow "), e.getMessage());
        assertThrows(PolicyCompileException.class, () -> demo().declareType(bad, "xen_t", List.of(), List.of()));
    }
}
