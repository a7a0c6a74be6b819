package org.xenwb.trace.core.xenalyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.xenwb.trace.core.SharedData;
import org.xenwb.trace.core.Xenalyze;
import org.xenwb.trace.core.read.TraceReader;

/**
 * {@code xenwb trace dump --format xenalyze} against {@code xenalyze --dump-all} run in the test with the options of
 * each capture, line by line over the whole output (the lifecycle capture prints 1.5 million lines).
 */
public class DumpAllConformanceTest {

    static List<String> tracesWithoutHvm() {
        return SummaryConformanceTest.tracesWithoutHvm();
    }

    static List<String> tracesWithHvm() {
        return SummaryConformanceTest.tracesWithHvm();
    }

    /**
     * Writes our dump of a file to the test bundle's target folder.
     *
     * @return the dump file
     */
    public static Path ourDump(Path trace, XenalyzeOptions options, String name) throws IOException {
        Path out = SharedData.targetDir().resolve(name + ".xenwb-dump-all.txt");
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.ISO_8859_1);
                TraceReader reader = TraceReader.openLikeXenalyze(trace)) {
            XenalyzeAnalysis.forDumpAll(options, w).process(reader);
        }
        return out;
    }

    /** Compares xenalyze's stdout with a file, line by line, naming the first differing line. */
    public static void assertSameAsXenalyze(List<String> args, Path ours, String name) throws IOException {
        try (BufferedReader expected = Xenalyze.start(args);
                BufferedReader actual = Files.newBufferedReader(ours, StandardCharsets.ISO_8859_1)) {
            long line = 0;
            for (String e = expected.readLine(); e != null; e = expected.readLine()) {
                line++;
                assertEquals(e, actual.readLine(), name + ": line " + line);
            }
            assertNull(actual.readLine(), name + ": we print more than xenalyze's " + line + " lines");
        }
    }

    static void check(String name) throws IOException {
        Xenalyze.assumeInstalled();
        Path trace = SharedData.trace(name);
        List<String> args = new ArrayList<>(Xenalyze.options(trace.getParent()));
        args.add("--dump-all");
        args.add(trace.toString());
        assertSameAsXenalyze(args, ourDump(trace, SummaryConformanceTest.optionsOf(name, false), name), name);
    }

    static List<String> allTraces() {
        return SharedData.traceNames();
    }

    @ParameterizedTest
    @MethodSource("allTraces")
    void dumpAllMatchesXenalyze(String name) throws IOException {
        check(name);
    }

    /** {@code --dump-all --report-pcpu}: the per-pCPU report follows the dump, as in xenalyze. */
    @ParameterizedTest
    @ValueSource(strings = {"creditboot-credit-sched", "credit2boot-cpupool-credit-all"})
    void dumpAllWithReportPcpuMatchesXenalyze(String name) throws IOException {
        Xenalyze.assumeInstalled();
        Path trace = SharedData.trace(name);
        List<String> args = new ArrayList<>(Xenalyze.options(trace.getParent()));
        args.addAll(List.of("--dump-all", "--report-pcpu", trace.toString()));
        Path ours = ourDump(trace, SummaryConformanceTest.optionsOf(name, true), name + "-report-pcpu");
        assertSameAsXenalyze(args, ours, name);
        assertTrue(Files.readString(ours, StandardCharsets.ISO_8859_1).contains("\nTotal active cpus: "), name);
    }

    /** Without --svm-mode xenalyze stops at the first AMD exit code of the PVH capture: same output up to there. */
    @Test
    void amdTraceWithoutSvmModeStopsAtTheSameLine() throws IOException {
        Xenalyze.assumeInstalled();
        String name = "credit2boot-pvh-run-all";
        Path trace = SharedData.trace(name);
        XenalyzeOptions vmx = new XenalyzeOptions(XenalyzeOptions.parseCpuHz("2596127000"), false, false);
        assertSameAsXenalyze(List.of("--cpu-hz=2596127000", "--dump-all", trace.toString()),
                ourDump(trace, vmx, name + "-no-svm"), name + " without --svm-mode");
    }
}
