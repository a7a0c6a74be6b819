package org.xenwb.trace.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs the reference tool {@code /usr/bin/xenalyze} (Debian bookworm, Xen 4.17) with the options the shared trace
 * folders were made with, for conformance tests. Tests skip when the tool or the data is absent.
 */
public final class Xenalyze {

    /** The reference tool. */
    public static final Path TOOL = Path.of("/usr/bin/xenalyze");

    private static final Pattern CPU_HZ = Pattern.compile("xenalyze (--cpu-hz=\\d+) --summary trace.bin");

    private Xenalyze() {
    }

    /** Skips the calling test when xenalyze is not installed. */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(TOOL), TOOL + " not installed (package xen-utils-common): skipped");
    }

    /**
     * The options that shape the saved outputs of a capture: its {@code --cpu-hz} (from its README.txt) and
     * {@code --svm-mode} where the folder keeps svm-mode outputs.
     *
     * @param traceDir the capture folder
     * @return options, possibly empty
     * @throws IOException when the README cannot be read
     */
    public static List<String> options(Path traceDir) throws IOException {
        List<String> options = new ArrayList<>();
        Path readme = traceDir.resolve("README.txt");
        if (Files.isRegularFile(readme)) {
            Matcher m = CPU_HZ.matcher(Files.readString(readme, StandardCharsets.UTF_8));
            if (m.find()) {
                options.add(m.group(1));
            }
        }
        if (Files.exists(traceDir.resolve("xenalyze-summary.svm-mode.txt"))) {
            options.add("--svm-mode");
        }
        return options;
    }

    /**
     * Starts xenalyze; its standard error is discarded.
     *
     * @param args options and the trace file
     * @return a reader of its standard output; closing it ends the process
     * @throws IOException when it cannot start
     */
    public static BufferedReader start(List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(TOOL.toString());
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.ISO_8859_1)) {
            @Override
            public void close() throws IOException {
                process.destroy();
                super.close();
            }
        };
    }

    /**
     * Runs xenalyze to the end and returns its standard output.
     *
     * @param args options and the trace file
     * @return stdout as ISO-8859-1 text
     * @throws IOException when it cannot run
     * @throws InterruptedException when interrupted
     */
    public static String run(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(TOOL.toString());
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = process.getInputStream().readAllBytes();
        process.waitFor();
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /**
     * Runs xenalyze with a time limit: on a corrupt trace and a high {@code --tolerance} it can loop for ever on one
     * record.
     *
     * @param args options and the trace file
     * @param seconds the time limit
     * @return stdout as ISO-8859-1 text, or null when xenalyze did not finish in time (it is then killed) or died
     *         of a signal (an assertion: it then loses unflushed output)
     * @throws IOException when it cannot run
     * @throws InterruptedException when interrupted
     */
    public static String runWithin(List<String> args, int seconds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(TOOL.toString());
        command.addAll(args);
        java.nio.file.Path out = java.nio.file.Files.createTempFile("xenalyze", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectOutput(out.toFile()).start();
            if (!process.waitFor(seconds, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                return null;
            }
            if (process.exitValue() > 128) {
                return null;
            }
            return new String(java.nio.file.Files.readAllBytes(out), StandardCharsets.ISO_8859_1);
        } finally {
            java.nio.file.Files.deleteIfExists(out);
        }
    }
}
