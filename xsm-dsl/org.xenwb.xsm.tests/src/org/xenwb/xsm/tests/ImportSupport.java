package org.xenwb.xsm.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.xenwb.xsm.compile.XsmCompiler;

/** The checks every import conformance case makes, and the test bundle's work folders. */
final class ImportSupport {

    private ImportSupport() {
    }

    static XsmCompiler compiler() {
        return PolicyParser.injector().getInstance(XsmCompiler.class);
    }

    static Path workDir(String name) throws IOException {
        Path dir = Path.of("target", "xsm-import", name).toAbsolutePath();
        if (Files.isDirectory(dir)) {
            try (var walk = Files.walk(dir)) {
                for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        return Files.createDirectories(dir);
    }

    /**
     * Compiles the imported sources and checks them against Xen's m4 recipe over the given modules: checkpolicy
     * accepts our policy.conf, our binary equals checkpolicy's binary of m4's policy.conf byte for byte, and
     * checkpolicy's binaries of the two policy.conf files give the same sesearch -A, sesearch -T and seinfo -x.
     */
    static void assertConforms(Path tree, Map<String, Path> modules, List<Path> sources, Path dir) throws Exception {
        XsmCompiler.Result result = compiler().compile(sources, XsmCompiler.XEN_POLICY_VERSION);
        Path ours = dir.resolve("policy.conf");
        Files.writeString(ours, result.policyConf());
        Files.write(dir.resolve("xenpolicy"), result.binary());
        Path fromOurConf = Tools.checkpolicy(ours, "xenpolicy.ours-checkpolicy");

        Path reference = Tools.m4(tree, modules, dir.resolve("policy.m4.conf"));
        Path fromM4 = Tools.checkpolicy(reference, "xenpolicy.m4-checkpolicy");

        assertArrayEquals(Files.readAllBytes(fromM4), result.binary(), "our xenpolicy vs checkpolicy on m4's conf");
        assertEquals(Tools.setoolsListings(fromM4), Tools.setoolsListings(fromOurConf),
                "sesearch/seinfo of checkpolicy's binaries of m4's and our policy.conf");
    }
}
