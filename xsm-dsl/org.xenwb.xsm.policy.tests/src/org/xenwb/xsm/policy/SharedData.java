package org.xenwb.xsm.policy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;

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

    /** @return the {@code shared} folder, if found */
    public static Optional<Path> sharedDir() {
        for (String value : new String[] {System.getProperty("xenwb.shared"), System.getenv("XENWB_SHARED")}) {
            if (value != null && !value.isBlank() && Files.isDirectory(Path.of(value))) {
                return Optional.of(Path.of(value).toAbsolutePath());
            }
        }
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path a = start; a != null; a = a.getParent()) {
            if (Files.exists(a.resolve("pom.xml")) && Files.exists(a.resolve("xenwb"))
                    && Files.isRegularFile(a.resolve("../shared/data/README.md"))) {
                return Optional.of(a.resolve("../shared").normalize());
            }
        }
        for (Path a = start; a != null; a = a.getParent()) {
            if (Files.isRegularFile(a.resolve("shared/data/README.md"))) {
                return Optional.of(a.resolve("shared"));
            }
            if (Files.isRegularFile(a.resolve("../shared/data/README.md"))) {
                return Optional.of(a.resolve("../shared").normalize());
            }
        }
        return Optional.empty();
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
