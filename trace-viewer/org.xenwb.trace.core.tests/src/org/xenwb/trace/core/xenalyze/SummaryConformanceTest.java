package org.xenwb.trace.core.xenalyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xenwb.trace.core.SharedData;
import org.xenwb.trace.core.Xenalyze;
import org.xenwb.trace.core.read.TraceReader;

/**
 * {@code xenwb trace summary} against {@code xenalyze --summary} (and {@code --report-pcpu}) run in the test with
 * the options of each capture ({@code --cpu-hz}, {@code --svm-mode} for the AMD capture), compared byte for byte.
 */
class SummaryConformanceTest {

    /** Captures without HVM records. */
    public static List<String> tracesWithoutHvm() {
        return SharedData.traceNames().stream().filter(n -> !tracesWithHvm().contains(n)).toList();
    }

    public static List<String> tracesWithHvm() {
        return List.of("credit2boot-pvh-run-all", "public-xentrace-parser-rs");
    }

    static String xenalyze(String name, List<String> extra) throws IOException, InterruptedException {
        Xenalyze.assumeInstalled();
        Path file = SharedData.trace(name);
        List<String> args = new ArrayList<>(Xenalyze.options(file.getParent()));
        args.addAll(extra);
        args.add(file.toString());
        String out = Xenalyze.run(args);
        Files.writeString(SharedData.targetDir().resolve(name + ".xenalyze" + String.join("", extra) + ".txt"), out);
        return out;
    }

    static XenalyzeOptions optionsOf(String name, boolean reportPcpu) throws IOException {
        XenalyzeOptions options = new XenalyzeOptions(XenalyzeOptions.DEFAULT_CPU_HZ, false, reportPcpu);
        for (String o : Xenalyze.options(SharedData.trace(name).getParent())) {
            if (o.startsWith("--cpu-hz=")) {
                options = new XenalyzeOptions(XenalyzeOptions.parseCpuHz(o.substring(9)), options.svmMode(),
                        reportPcpu);
            } else if (o.equals("--svm-mode")) {
                options = new XenalyzeOptions(options.cpuHz(), true, reportPcpu);
            }
        }
        return options;
    }

    static String ours(String name, boolean reportPcpu) throws IOException {
        XenalyzeAnalysis summary = new XenalyzeAnalysis(optionsOf(name, reportPcpu));
        try (TraceReader reader = TraceReader.openLikeXenalyze(SharedData.trace(name))) {
            summary.process(reader);
        }
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            summary.printTo(out);
        }
        Files.writeString(SharedData.targetDir().resolve(name + ".xenwb" + (reportPcpu ? "--report-pcpu" : "")
                + ".txt"), text.toString());
        return text.toString();
    }

    private static String beforeDomains(String report) {
        int i = report.indexOf("\n|-- ");
        return i < 0 ? report : report.substring(0, i + 1);
    }

    static List<String> allTraces() {
        return SharedData.traceNames();
    }

    @ParameterizedTest
    @MethodSource("allTraces")
    void summaryMatchesXenalyze(String name) throws Exception {
        String expected = xenalyze(name, List.of("--summary"));
        assertTrue(expected.startsWith("Total time: "), name + ": xenalyze printed no summary");
        assertEquals(expected, ours(name, false), name);
    }

    @ParameterizedTest
    @MethodSource("allTraces")
    void summaryWithReportPcpuMatchesXenalyze(String name) throws Exception {
        assertEquals(xenalyze(name, List.of("--summary", "--report-pcpu")), ours(name, true), name);
    }

    /** The sections before the per-domain ones already match on HVM captures. */
    @ParameterizedTest
    @MethodSource("tracesWithHvm")
    void totalTimeAndLogVolumeMatchWithHvm(String name) throws Exception {
        String expected = beforeDomains(xenalyze(name, List.of("--summary")));
        assertTrue(expected.contains("+-vmexit"), name + ": no HVM volume in xenalyze's report");
        assertEquals(expected, beforeDomains(ours(name, false)), name);
    }

    /** Without --svm-mode, xenalyze stops at the first SVM exit reason and prints no report: so do we. */
    @Test
    void amdTraceWithoutSvmModeStopsLikeXenalyze() throws Exception {
        String name = "credit2boot-pvh-run-all";
        Xenalyze.assumeInstalled();
        Path file = SharedData.trace(name);
        String expected = Xenalyze.run(List.of("--cpu-hz=2596127000", "--summary", file.toString()));
        assertEquals("", expected);
        XenalyzeAnalysis summary = new XenalyzeAnalysis(new XenalyzeOptions(2596126976L, false, false));
        try (TraceReader reader = TraceReader.openLikeXenalyze(file)) {
            summary.process(reader);
        }
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            summary.printTo(out);
        }
        assertEquals(expected, text.toString());
        assertTrue(summary.abortReason().contains("needs --svm-mode"), summary.abortReason());
    }

    @Test
    void totalTimeMatchesOnHvmTracesToo() throws Exception {
        for (String name : tracesWithHvm()) {
            String expected = xenalyze(name, List.of("--summary"));
            String firstLine = expected.substring(0, expected.indexOf('\n') + 1);
            assertEquals(firstLine, ours(name, false).substring(0, firstLine.length()), name);
        }
    }

    @Test
    void cpuHzParsingAndPrintingFollowXenalyze() {
        // xenalyze reads the number with strtof: 2596127000 becomes the float 2596126976
        assertEquals(2596126976L, XenalyzeOptions.parseCpuHz("2596127000"));
        assertEquals(2400000000L, XenalyzeOptions.parseCpuHz("2.4G"));
        assertEquals("2.60 GHz", CFormat.cpuHz(2596127000L));
        assertEquals("2.40 GHz", CFormat.cpuHz(XenalyzeOptions.DEFAULT_CPU_HZ));
        assertEquals("0.12", CFormat.fixed(0.125, 2));
        assertEquals("0.38", CFormat.fixed(0.375, 2));
    }
}
