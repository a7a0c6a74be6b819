package org.xenwb.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code xenwb trace summary --auto-vendor} prints what xenalyze prints in the mode the trace needs: on the AMD SVM
 * capture, {@code xenalyze --svm-mode --summary}; on an Intel/no-HVM capture, plain {@code xenalyze --summary}.
 */
class TraceSummaryAutoVendorTest {

    private static final String HZ = "--cpu-hz=2596127000";

    static Path trace(String name) {
        Path p = null;
        for (Path a = Path.of("").toAbsolutePath(); a != null; a = a.getParent()) {
            if (Files.isDirectory(a.resolve("../shared/data/traces"))) {
                p = a.resolve("../shared/data/traces").resolve(name).resolve("trace.bin").normalize();
                break;
            }
        }
        Assumptions.assumeTrue(p != null && Files.isRegularFile(p), "shared data not found: skipped");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/xenalyze")), "xenalyze not installed: skipped");
        return p;
    }

    static String xenalyze(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/xenalyze"));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor();
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"credit2boot-pvh-run-all", "creditboot-credit-sched"})
    void autoVendorPrintsXenalyzesReportForTheRightMode(String name) throws Exception {
        Path t = trace(name);
        boolean svm = name.equals("credit2boot-pvh-run-all");
        CliRun r = CliRun.run("trace", "summary", "--auto-vendor", HZ, t.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> args = new ArrayList<>(svm ? List.of("--svm-mode") : List.of());
        args.addAll(List.of(HZ, "--summary", t.toString()));
        assertEquals(xenalyze(args), r.out(), name);
        assertEquals(svm, r.err().contains("AMD SVM exit reasons found: using --svm-mode"), r.err());
        assertTrue(r.out().contains("|-- Domain "), r.out());
    }
}
