package org.xenwb.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the real inputs in ../shared/data (system property xenwb.shared overrides) and the reference tools. */
final class SharedInputs {

    private SharedInputs() {
    }

    static Path data(String relative) {
        String shared = System.getProperty("xenwb.shared", "../shared");
        Path file = Path.of(shared, "data", relative).toAbsolutePath().normalize();
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " is missing: run from the checkout root with ../shared beside it,"
                    + " or pass -Dxenwb.shared=DIR");
        }
        return file;
    }

    static Path tool(String path) {
        Path tool = Path.of(path);
        if (!Files.isExecutable(tool)) {
            throw new IllegalStateException(path + " is not installed (see .ci/run for the Debian package)");
        }
        return tool;
    }

    /** Runs a command, discarding its output; returns its exit code. */
    static int run(String... command) throws Exception {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor();
    }
}
