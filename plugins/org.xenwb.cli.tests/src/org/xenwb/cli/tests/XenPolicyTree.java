package org.xenwb.cli.tests;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/** Xen 4.17's tree from ../shared, for the tests that expand its FLASK policy with m4. */
final class XenPolicyTree {

    private XenPolicyTree() {
    }

    /**
     * @return {@code data/xen-4.17} under the shared data (system property {@code xenwb.shared}, else the
     *     environment variable {@code XENWB_SHARED}, else {@code ../shared} above the test's working directory)
     * @throws org.opentest4j.TestAbortedException (the test is skipped, saying why) without the data or m4
     */
    static Path require() {
        String shared = System.getProperty("xenwb.shared", System.getenv().getOrDefault("XENWB_SHARED",
                Path.of("..", "..", "..", "shared").toString()));
        Path tree = Path.of(shared, "data", "xen-4.17");
        Assumptions.assumeTrue(Files.isDirectory(tree), "no real Xen data at " + tree.toAbsolutePath() + ": skipped");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/m4")), "m4 not installed: skipped");
        return tree;
    }
}
