package org.xenwb.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the project's {@code shared} folder (holding {@code data/}, {@code docs/} and {@code tools/}), which lives
 * beside the checkout ({@code ../shared}) and is never copied into it.
 *
 * <p>Lookup order, first match wins:</p>
 * <ol>
 * <li>the system property {@code xenwb.shared} (the build sets it), then the environment variable
 * {@code XENWB_SHARED}: either names the {@code shared} folder, or directly its {@code data} folder;</li>
 * <li>the nearest ancestor A of {@code user.dir} that is the project root (it holds {@code pom.xml} and the
 * {@code xenwb} script) and has {@code A/../shared/data/README.md};</li>
 * <li>the nearest ancestor A with {@code A/shared/data/README.md} or {@code A/../shared/data/README.md}.</li>
 * </ol>
 *
 * <p>Stateless and thread-safe; every call looks again (tests may set the property).</p>
 */
public final class SharedFolder {

    /** The file whose presence marks a {@code shared/data} folder. */
    private static final String MARKER = "data/README.md";

    private SharedFolder() {
    }

    /** @return the absolute, normalised {@code shared} folder, or empty when none is found */
    public static Optional<Path> find() {
        for (String value : new String[] {System.getProperty("xenwb.shared"), System.getenv("XENWB_SHARED")}) {
            if (value != null && !value.isBlank()) {
                Path named = Path.of(value).toAbsolutePath().normalize();
                if (Files.isRegularFile(named.resolve(MARKER))) {
                    return Optional.of(named);
                }
                if (named.getFileName() != null && named.getFileName().toString().equals("data")
                        && Files.isRegularFile(named.resolve("README.md"))) {
                    return Optional.of(named.getParent());
                }
            }
        }
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path a = start; a != null; a = a.getParent()) {
            if (Files.exists(a.resolve("pom.xml")) && Files.exists(a.resolve("xenwb"))
                    && Files.isRegularFile(a.resolve("../shared").resolve(MARKER))) {
                return Optional.of(a.resolve("../shared").normalize());
            }
        }
        for (Path a = start; a != null; a = a.getParent()) {
            if (Files.isRegularFile(a.resolve("shared").resolve(MARKER))) {
                return Optional.of(a.resolve("shared").normalize());
            }
            if (Files.isRegularFile(a.resolve("../shared").resolve(MARKER))) {
                return Optional.of(a.resolve("../shared").normalize());
            }
        }
        return Optional.empty();
    }

    /** @return {@code shared/data}, or empty when the shared folder is not found */
    public static Optional<Path> findData() {
        return find().map(shared -> shared.resolve("data"));
    }
}
