package org.xenwb.xsm.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.xenwb.xsm.policy.XenPolicyBuild.Output;
import org.xenwb.xsm.policy.XenPolicyBuild.Variant;
import org.xenwb.xsm.policy.binary.PolicyWriter;
import org.xenwb.xsm.policy.compile.ConfParser;
import org.xenwb.xsm.policy.compile.PolicyCompileException;

/**
 * Our compiler against checkpolicy 3.4: the policy.conf that Xen's m4 recipe produces, compiled by
 * {@link ConfParser} and {@link org.xenwb.xsm.policy.compile.PolicyBuilder} and written by our writer, is byte for
 * byte checkpolicy's binary, for every variant; and broken policies that checkpolicy rejects are rejected here too,
 * with the file and line of the culprit.
 */
class CompileConformanceTest {

    static List<Variant> variants() {
        return Variants.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void compiledBinaryIsCheckpolicys(Variant v) throws IOException, PolicyCompileException {
        Output built = BuiltPolicies.get(v);
        String conf = Files.readString(built.policyConf());
        Policy policy = ConfParser.parse(conf, built.policyConf().toString()).build(v.version(),
                v.defines().contains("enable_mls"));
        byte[] ours = new PolicyWriter().toBytes(policy);
        Files.write(ReferenceTools.targetDir("compile").resolve(v.name() + ".xenpolicy"), ours);
        assertArrayEquals(Files.readAllBytes(built.binary()), ours, "our compilation of " + built.policyConf());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "allow dom0_t no_such_t:domain create;",
        "allow dom0_t domU_t:domain no_such_perm;",
        "allow dom0_t xen_t:no_such_class create;",
        "type_transition dom0_t domU_t:event xen_t;",
        "neverallow domU_t xen_t:xen writeconsole;",
        "neverallow dom0_t domU_t:domain create;",
        "type xen_t;",
        "bool guest_writeconsole true;",
        "allow dom0_t xen_t domain create;",
        "role vm_r types no_such_t;",
        "role undeclared_r types dom0_t;",
        "typeattribute dom0_t no_such_attribute;",
        "typebounds xen_t domU_t;",
    })
    void brokenPoliciesFailLikeCheckpolicy(String statement) throws IOException {
        Output built = BuiltPolicies.get(Variant.defaults("4.17"));
        String conf = Files.readString(built.policyConf());
        // the TE/RBAC section ends where m4 starts on policy/users
        int at = conf.indexOf("policy/users\"");
        assertTrue(at > 0, "policy.conf has Xen's users file");
        at = conf.lastIndexOf("#line", at);
        String broken = conf.substring(0, at) + "#line 7 \"broken.te\"\n" + statement + "\n" + conf.substring(at);
        Path dir = ReferenceTools.targetDir("broken");
        Path file = dir.resolve("policy.conf");
        Files.writeString(file, broken);
        ReferenceTools.Result r = ReferenceTools.run(List.of("checkpolicy", "-t", "Xen", "-c", "30",
                file.toString(), "-o", dir.resolve("xenpolicy").toString()));
        assertNotEquals(0, r.exitCode(), "checkpolicy accepted " + statement);
        PolicyCompileException e = assertThrows(PolicyCompileException.class,
                () -> ConfParser.parse(broken, file.toString()).build(30, false));
        assertTrue(e.getMessage().startsWith("broken.te:7: "), e.getMessage() + " (checkpolicy: "
                + (r.stdout() + r.stderr()).strip() + ")");
    }
}
