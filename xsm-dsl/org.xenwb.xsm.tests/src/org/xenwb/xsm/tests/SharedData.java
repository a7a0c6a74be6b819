package org.xenwb.xsm.tests;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.xenwb.testing.SharedFolder;

/** Finds ../shared/data (the build passes it as system property xenwb.shared); skips tests where it is absent. */
final class SharedData {

    private SharedData() {
    }

    /** The root of a Xen source tree's data files, for example {@code xen("4.17")}. */
    static Path xen(String version) {
        Path data = SharedFolder.findData().orElse(null);
        Assumptions.assumeTrue(data != null, "shared data folder (../shared/data) not found: skipped");
        Path tree = data.resolve("xen-" + version);
        Assumptions.assumeTrue(Files.isDirectory(tree), "no real Xen data at " + tree + ": skipped");
        return tree;
    }
}
