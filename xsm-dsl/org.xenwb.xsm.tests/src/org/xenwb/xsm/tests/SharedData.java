package org.xenwb.xsm.tests;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/** Finds ../shared/data (the build passes it as system property xenwb.shared); skips tests where it is absent. */
final class SharedData {

    private SharedData() {
    }

    /** The root of a Xen source tree's data files, for example {@code xen("4.17")}. */
    static Path xen(String version) {
        String shared = System.getProperty("xenwb.shared", System.getenv().getOrDefault("XENWB_SHARED",
                Path.of("..", "..", "..", "shared").toString()));
        Path tree = Path.of(shared, "data", "xen-" + version);
        Assumptions.assumeTrue(Files.isDirectory(tree), "no real Xen data at " + tree.toAbsolutePath() + ": skipped");
        return tree;
    }
}
