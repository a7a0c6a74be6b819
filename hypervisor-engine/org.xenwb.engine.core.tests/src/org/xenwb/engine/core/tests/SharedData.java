package org.xenwb.engine.core.tests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Assumptions;
import org.xenwb.testing.SharedFolder;

/**
 * Locates {@code shared/data} (real traces, Xen configs) and this bundle's fixtures. Order: system property
 * {@code xenwb.shared}, environment {@code XENWB_SHARED}, then walking up from {@code user.dir}.
 */
public final class SharedData {

    private SharedData() {
    }

    /** @return the shared data directory, or null (see {@link SharedFolder#find()} for the lookup order) */
    public static Path dataDirOrNull() {
        return SharedFolder.findData().orElse(null);
    }

    /**
     * @param relative a path under shared/data
     * @return the file; skips the test when absent
     */
    public static Path require(String relative) {
        Path d = dataDirOrNull();
        Assumptions.assumeTrue(d != null, "shared/data not found: set -Dxenwb.shared or XENWB_SHARED");
        Path f = d.resolve(relative);
        Assumptions.assumeTrue(Files.exists(f), "missing shared data file " + f);
        return f;
    }

    /**
     * @param name a fixture under this bundle's resources/
     * @return its path
     */
    public static Path fixture(String name) {
        try {
            java.net.URL u = SharedData.class.getClassLoader().getResource(name);
            if (u != null && "file".equals(u.getProtocol())) {
                return Paths.get(u.toURI());
            }
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Path a = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
        for (Path c = a; c != null; c = c.getParent()) {
            for (String dir : new String[] {"resources", "hypervisor-engine/org.xenwb.engine.core.tests/resources"}) {
                Path f = c.resolve(dir).resolve(name);
                if (Files.exists(f)) {
                    return f;
                }
            }
        }
        throw new IllegalStateException("fixture " + name + " not found");
    }

    /**
     * @return a directory under the test bundle's target/ for outputs
     * @param sub a sub-directory name
     */
    public static Path targetDir(String sub) {
        Path a = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
        Path bundle = null;
        for (Path c = a; c != null; c = c.getParent()) {
            if (Files.isDirectory(c.resolve("hypervisor-engine/org.xenwb.engine.core.tests"))) {
                bundle = c.resolve("hypervisor-engine/org.xenwb.engine.core.tests");
                break;
            }
            if (c.getFileName() != null && c.getFileName().toString().equals("org.xenwb.engine.core.tests")) {
                bundle = c;
                break;
            }
        }
        Path t = (bundle == null ? Paths.get(System.getProperty("java.io.tmpdir")) : bundle.resolve("target"))
                .resolve(sub);
        try {
            Files.createDirectories(t);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return t;
    }
}
