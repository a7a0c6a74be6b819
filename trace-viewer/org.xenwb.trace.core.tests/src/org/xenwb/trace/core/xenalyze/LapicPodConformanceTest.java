package org.xenwb.trace.core.xenalyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xenwb.trace.core.SharedData;
import org.xenwb.trace.core.Xenalyze;
import org.xenwb.trace.core.gen.LapicPodSimulator;
import org.xenwb.trace.core.gen.LapicPodSimulator.Mode;
import org.xenwb.trace.core.read.TraceReader;

/**
 * The virtual LAPIC (IPIs sent by ICR writes, ICR polls, EOIs, injections and their latency lines) and
 * populate-on-demand records (populate, zero reclaim, splinter, with xenalyze's order aliasing) against xenalyze, byte
 * for byte: the summary (plain, with {@code --report-pcpu}, with the MMIO enumeration and other sampling) and
 * {@code --dump-all}, on traces of {@link LapicPodSimulator} for VMX with and without APIC-access pages and for SVM
 * ({@code --svm-mode}), with and without dom0, odd values and lost records.
 */
class LapicPodConformanceTest {

    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        Object[][] shapes = {
            // pcpus, domains, vcpus, pod, dom0, odd, loss, steps
            {2, 1, 3, false, false, false, 0.0, 3000},
            {3, 2, 4, true, true, true, 0.0, 4000},
            {4, 2, 3, true, true, true, 0.05, 4000},
            {1, 1, 2, true, false, true, 0.1, 2000},
            {8, 3, 4, true, true, false, 0.02, 6000},
        };
        long seed = 1;
        for (Mode mode : Mode.values()) {
            for (Object[] s : shapes) {
                list.add(Arguments.of(seed++, mode, s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]));
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "seed {0}, {1}, {2} pCPUs, {3} domains x {4} vCPUs, pod {5}, dom0 {6}, odd {7}, loss {8}")
    @MethodSource("cases")
    void summaryAndDumpMatchXenalyze(long seed, Mode mode, int pcpus, int domains, int vcpus, boolean pod,
            boolean dom0, boolean odd, double loss, int steps) throws Exception {
        Xenalyze.assumeInstalled();
        String name = "lapic-pod-" + seed;
        Path file = SharedData.targetDir().resolve(name + ".bin");
        new LapicPodSimulator(seed, mode, pcpus, domains, vcpus, pod, dom0, odd, loss).write(file, steps, 40);
        List<String> base = mode == Mode.SVM ? List.of("--svm-mode") : List.of();
        List<List<String>> optionSets = List.of(List.of(), List.of("--report-pcpu"),
                List.of("--with-mmio-enumeration", "--sample-size=3", "--sample-max=7"));
        for (List<String> options : optionSets) {
            List<String> args = new ArrayList<>(base);
            args.addAll(options);
            XenalyzeOptions ours = ReportOptionsConformanceTest.apply(XenalyzeOptions.defaults(), args);
            args.add("--summary");
            args.add(file.toString());
            assertEquals(Xenalyze.run(args), summary(file, ours), name + " " + args);
        }
        XenalyzeOptions dumpOptions = ReportOptionsConformanceTest.apply(XenalyzeOptions.defaults(), base);
        Path dump = DumpAllConformanceTest.ourDump(file, dumpOptions, name);
        List<String> args = new ArrayList<>(base);
        args.add("--dump-all");
        args.add(file.toString());
        DumpAllConformanceTest.assertSameAsXenalyze(args, dump, name);
    }

    private static String summary(Path file, XenalyzeOptions options) throws Exception {
        XenalyzeAnalysis analysis = new XenalyzeAnalysis(options);
        try (TraceReader reader = TraceReader.openLikeXenalyze(file)) {
            analysis.process(reader);
        }
        assertFalse(analysis.hasUnsupportedContent(), file + ": LAPIC and PoD records are reproduced");
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            analysis.printTo(out);
        }
        return text.toString();
    }
}
