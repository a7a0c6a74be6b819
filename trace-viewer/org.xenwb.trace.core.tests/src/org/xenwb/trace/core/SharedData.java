package org.xenwb.trace.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

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

    /** @return the traces folder; skips the calling test when absent */
    public static Path tracesDir() {
        Optional<Path> shared = sharedDir();
        Assumptions.assumeTrue(shared.isPresent(), "shared data folder (../shared/data) not found: skipped");
        Path traces = shared.get().resolve("data/traces");
        Assumptions.assumeTrue(Files.isDirectory(traces), "no " + traces + ": skipped");
        return traces;
    }

    /**
     * The trace of one capture; skips the calling test when absent.
     *
     * @param name the folder name, e.g. {@code creditboot-credit-sched}
     * @return its {@code trace.bin}
     */
    public static Path trace(String name) {
        Path file = tracesDir().resolve(name).resolve("trace.bin");
        Assumptions.assumeTrue(Files.isRegularFile(file), "no " + file + ": skipped");
        return file;
    }

    /**
     * Names of all capture folders that hold a {@code trace.bin}, or an empty list when the data is absent.
     *
     * @return sorted folder names
     */
    public static List<String> traceNames() {
        Optional<Path> shared = sharedDir();
        List<String> names = new ArrayList<>();
        if (shared.isPresent()) {
            Path traces = shared.get().resolve("data/traces");
            if (Files.isDirectory(traces)) {
                try (Stream<Path> dirs = Files.list(traces)) {
                    dirs.filter(d -> Files.isRegularFile(d.resolve("trace.bin")))
                            .forEach(d -> names.add(d.getFileName().toString()));
                } catch (java.io.IOException e) {
                    // treated as absent data
                }
            }
        }
        names.sort(null);
        return names;
    }

    /**
     * A scratch directory under the test bundle's {@code target/}: the working directory when it is the test bundle
     * (as under Tycho), else the test bundle found below the working directory (project root).
     *
     * @return the directory, created if needed
     */
    public static Path targetDir() {
        Path cwd = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        Path bundle = cwd.resolve("trace-viewer/org.xenwb.trace.core.tests");
        Path base = Files.isDirectory(bundle) ? bundle : cwd;
        Path dir = base.resolve("target/xenwb-trace-tests");
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return dir;
    }
}
