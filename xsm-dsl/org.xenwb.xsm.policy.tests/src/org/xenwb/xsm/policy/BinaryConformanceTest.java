package org.xenwb.xsm.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xenwb.xsm.policy.XenPolicyBuild.Output;
import org.xenwb.xsm.policy.XenPolicyBuild.Variant;
import org.xenwb.xsm.policy.binary.PolicyReader;
import org.xenwb.xsm.policy.binary.PolicyWriter;
import org.xenwb.xsm.policy.text.ConfWriter;

/**
 * Our binary reader and writer against checkpolicy 3.4 on Xen's real policies and variants: reading a binary that
 * checkpolicy built and writing it back gives the same bytes; and our policy.conf text, compiled by checkpolicy,
 * gives the same binary again.
 */
class BinaryConformanceTest {

    static List<Variant> variants() {
        return Variants.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void readThenWriteIsByteIdentical(Variant v) throws IOException {
        Output built = BuiltPolicies.get(v);
        byte[] reference = Files.readAllBytes(built.binary());
        Policy policy = new PolicyReader().read(reference, built.binary().toString());
        assertEquals(v.version(), policy.version());
        byte[] ours = new PolicyWriter().toBytes(policy);
        assertEquals(reference.length, ours.length, "size of the written policy");
        assertArrayEquals(reference, ours, "bytes of the written policy");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void decompiledTextRecompilesToTheSameBinary(Variant v) throws IOException {
        Output built = BuiltPolicies.get(v);
        Policy policy = new PolicyReader().read(built.binary());
        Path dir = ReferenceTools.targetDir("recompile/" + v.name());
        Path conf = dir.resolve("policy.conf");
        Files.writeString(conf, new ConfWriter(XenInitialSids.NAMES, ConfWriter.Order.VALUES).text(policy));
        Path binary = dir.resolve("xenpolicy");
        List<String> cmd = new ArrayList<>(List.of("checkpolicy", "-t", "Xen", "-c",
                Integer.toString(v.version()), conf.toString(), "-o", binary.toString()));
        if (policy.mls()) {
            cmd.add(1, "-M");
        }
        ReferenceTools.Result r = ReferenceTools.run(cmd);
        assertEquals(0, r.exitCode(), () -> "checkpolicy rejected our policy.conf " + conf + ": " + r.stderr());
        assertArrayEquals(Files.readAllBytes(built.binary()), Files.readAllBytes(binary),
                "checkpolicy's binary from our text differs from the original");
    }
}
