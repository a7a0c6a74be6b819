package org.xenwb.kconfig.core;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.xenwb.testing.SharedFolder;

/**
 * Locates the project's shared real data ({@code ../shared/data} from the project root) and reference tools; tests
 * that need them skip with a clear message when they are absent.
 */
final class SharedData {
    /** Debian linux-kbuild-6.1's conf, the reference tool. */
    static final Path CONF = Path.of("/usr/lib/linux-kbuild-6.1/scripts/kconfig/conf");

    private SharedData() {
    }

    /** @return the {@code shared} directory (holding {@code data/} and {@code tools/}), or null */
    static Path sharedDir() {
        return SharedFolder.find().orElse(null);
    }

    /** @return {@code shared/data}, skipping the calling test when it is absent */
    static Path requireData() {
        Path s = sharedDir();
        Assumptions.assumeTrue(s != null && Files.isDirectory(s.resolve("data")),
                "shared data (../shared/data) not found: set -Dxenwb.shared or XENWB_SHARED");
        return s.resolve("data");
    }

    /** @return {@code shared/tools}, skipping the calling test when it is absent */
    static Path requireTools() {
        Path s = sharedDir();
        Assumptions.assumeTrue(s != null && Files.isDirectory(s.resolve("tools/xen-kconfig-scripts")),
                "shared tools (../shared/tools/xen-kconfig-scripts) not found");
        return s.resolve("tools");
    }

    /** Skips the calling test when Debian's conf is not installed. */
    static void requireConf() {
        Assumptions.assumeTrue(Files.isExecutable(CONF),
                "reference tool " + CONF + " not installed (Debian package linux-kbuild-6.1)");
    }

    /** @return the test bundle's {@code target/} directory for outputs */
    static Path targetDir() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        Path bundle = dir.resolve("kconfig-editor/org.xenwb.kconfig.core.tests");
        if (Files.isDirectory(bundle)) {
            return bundle.resolve("target");
        }
        if (dir.getFileName() != null && dir.getFileName().toString().equals("org.xenwb.kconfig.core.tests")) {
            return dir.resolve("target");
        }
        return dir.resolve("target");
    }
}
