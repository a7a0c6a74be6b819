package org.xenwb.xsm.policy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/** Finds and runs the reference tools (m4, checkpolicy, sesearch, seinfo); tests skip when one is missing. */
public final class ReferenceTools {

    /**
     * The output of a finished tool.
     *
     * @param exitCode the exit code
     * @param stdout standard output
     * @param stderr standard error
     */
    public record Result(int exitCode, String stdout, String stderr) {
        /** @return the non-empty lines of standard output */
        public List<String> lines() {
            return stdout.lines().filter(l -> !l.isEmpty()).toList();
        }
    }

    private ReferenceTools() {
    }

    /**
     * @param name an executable name
     * @return its path on {@code PATH}
     */
    public static Optional<Path> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Skips the calling test unless every tool is installed.
     *
     * @param names executable names
     */
    public static void require(String... names) {
        for (String n : names) {
            Assumptions.assumeTrue(find(n).isPresent(), "reference tool " + n + " not installed: skipped");
        }
    }

    /**
     * Runs a tool to completion (at most two minutes).
     *
     * @param command the command and its arguments
     * @return its result
     * @throws IOException if it cannot be started or times out
     */
    public static Result run(List<String> command) throws IOException {
        Path out = Files.createTempFile("xsm-tool", ".out");
        Path err = Files.createTempFile("xsm-tool", ".err");
        try {
            Process p = new ProcessBuilder(new ArrayList<>(command)).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + command);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + command, e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /**
     * The test bundle's {@code target/} folder (created), where tests write what they build.
     *
     * @param sub a sub-folder name
     * @return the folder
     * @throws IOException if it cannot be created
     */
    public static Path targetDir(String sub) throws IOException {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        Path bundle = dir;
        if (!dir.getFileName().toString().equals("org.xenwb.xsm.policy.tests")) {
            Path nested = dir.resolve("xsm-dsl/org.xenwb.xsm.policy.tests");
            bundle = Files.isDirectory(nested) ? nested : dir;
        }
        Path target = bundle.resolve("target/xsm-conformance").resolve(sub);
        Files.createDirectories(target);
        return target;
    }
}
