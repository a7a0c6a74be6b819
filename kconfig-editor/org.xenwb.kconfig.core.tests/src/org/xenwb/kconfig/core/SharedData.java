package org.xenwb.kconfig.core;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

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
        String prop = System.getProperty("xenwb.shared");
        if (prop != null) {
            return Path.of(prop);
        }
        String env = System.getenv("XENWB_SHARED");
        if (env != null) {
            return Path.of(env);
        }
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path a = dir; a != null; a = a.getParent()) {
            if (Files.exists(a.resolve("pom.xml")) && Files.exists(a.resolve("xenwb"))) {
                Path s = a.resolveSibling("shared");
                if (Files.isRegularFile(s.resolve("data/README.md"))) {
                    return s;
                }
            }
        }
        for (Path a = dir; a != null; a = a.getParent()) {
            if (Files.isRegularFile(a.resolve("shared/data/README.md"))) {
                return a.resolve("shared");
            }
            if (a.getParent() != null && Files.isRegularFile(a.getParent().resolve("shared/data/README.md"))) {
                return a.getParent().resolve("shared");
            }
        }
        return null;
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
