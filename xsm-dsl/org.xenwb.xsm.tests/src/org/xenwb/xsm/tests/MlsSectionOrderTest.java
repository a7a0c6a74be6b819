package org.xenwb.xsm.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.xenwb.xsm.compile.XsmCompiler;

/**
 * An MLS policy whose {@code mlsconstrain} is written last: the generated policy.conf puts it in the MLS section,
 * after the levels and before the types (checkpolicy takes it nowhere else), and a plain {@code constrain} after the
 * users; checkpolicy -M compiles that policy.conf to our binary (skips without checkpolicy).
 */
class MlsSectionOrderTest {

    private static final String POLICY = """
            class domain
            sid xen
            class domain { create pause }
            sensitivity s0;
            dominance { s0 }
            category c0;
            level s0:c0;
            attribute domain_type;
            type xen_t, domain_type;
            type dom0_t, domain_type;
            role system_r;
            role system_r types { xen_t dom0_t };
            allow dom0_t xen_t:domain { create pause };
            user system_u roles { system_r } level s0 range s0 - s0:c0;
            sid xen system_u:system_r:xen_t:s0 - s0:c0
            constrain domain pause (u1 == u2);
            mlsconstrain domain create (l1 dom l2);
            """;

    @Test
    void mlsConstraintsGoToTheMlsSection() throws Exception {
        Path dir = ImportSupport.workDir("mls-order");
        Path source = Files.writeString(dir.resolve("mls.xsm"), POLICY);
        XsmCompiler.Result result = ImportSupport.compiler().compile(List.of(source), XsmCompiler.XEN_POLICY_VERSION);
        String conf = result.policyConf();
        int mls = conf.indexOf("mlsconstrain domain");
        assertTrue(mls > conf.indexOf("level s0:c0;") && mls < conf.indexOf("attribute domain_type;"), conf);
        assertTrue(conf.indexOf("constrain domain pause") > conf.indexOf("user system_u"), conf);

        Path tool = Path.of("/usr/bin/checkpolicy");
        Assumptions.assumeTrue(Files.isExecutable(tool), "checkpolicy not installed: skipped");
        Path policyConf = Files.writeString(dir.resolve("policy.conf"), conf);
        Path binary = dir.resolve("checkpolicy.bin");
        Process p = new ProcessBuilder(tool.toString(), "-M", "-t", "Xen", "-c", "30", "-o", binary.toString(),
                policyConf.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertArrayEquals(Files.readAllBytes(binary), result.binary(), "our binary vs checkpolicy -M on our conf");
    }
}
