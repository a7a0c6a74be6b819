package org.xenwb.xsm.policy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.xenwb.testing.SharedFolder;

/**
 * Finds the project's shared real data ({@code ../shared/data} from the project root) for tests.
 *
 * <p>Lookup order: system property {@code xenwb.shared}, environment {@code XENWB_SHARED} (either naming the
 * {@code shared} folder), then the first ancestor A of {@code user.dir} with a {@code pom.xml} and a {@code xenwb}
 * file whose {@code ../shared} exists, then the first ancestor A where {@code A/shared/data/README.md} or
 * {@code A/../shared/data/README.md} exists.</p>
 */
public final class SharedData {

    private SharedData() {
    }

    /** @return the {@code shared} folder, if found (see {@link SharedFolder#find()} for the lookup order) */
    public static Optional<Path> sharedDir() {
        return SharedFolder.find();
    }

    /**
     * The root of a Xen source tree's data files; skips the calling test when absent.
     *
     * @param version {@code 4.17} or {@code 4.22}
     * @return e.g. {@code shared/data/xen-4.17}
     */
    public static Path xenTree(String version) {
        Optional<Path> shared = sharedDir();
        Assumptions.assumeTrue(shared.isPresent(), "shared data folder (../shared/data) not found: skipped");
        Path tree = shared.get().resolve("data/xen-" + version);
        Assumptions.assumeTrue(Files.isDirectory(tree.resolve("tools/flask/policy")),
                "no Xen " + version + " policy sources under " + tree + ": skipped");
        return tree;
    }
}
