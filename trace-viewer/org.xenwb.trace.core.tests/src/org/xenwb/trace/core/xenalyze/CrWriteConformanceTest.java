package org.xenwb.trace.core.xenalyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xenwb.trace.core.SharedData;
import org.xenwb.trace.core.Xenalyze;
import org.xenwb.trace.core.gen.CrWriteTrace;
import org.xenwb.trace.core.read.TraceReader;

/**
 * HVM control-register writes and xenalyze's CR3 tracking ({@code --with-cr3-enumeration}): our summary and
 * --dump-all of generated Intel and AMD traces (see {@link CrWriteTrace}) against Debian's xenalyze, byte for byte,
 * with and without the enumeration, at the default tolerance and at 2 (where the CR numbers another handler record
 * of the same exit overwrote stop xenalyze), with sampling variants and lost records.
 */
class CrWriteConformanceTest {

    private static final List<List<String>> SUMMARY_SETS = List.of(
            List.of(),
            List.of("--with-cr3-enumeration"),
            List.of("--with-cr3-enumeration", "--sample-size=0", "--report-pcpu"),
            List.of("--with-cr3-enumeration", "--tolerance=2"),
            List.of("--with-cr3-enumeration", "--sample-max=8", "--show-default-domain-summary", "--cpu-hz=3.1G"));

    private static final List<List<String>> DUMP_SETS = List.of(
            List.of(),
            List.of("--with-cr3-enumeration"),
            List.of("--tolerance=2"));

    /** Seed 1: plain; 2: with oddities; 3 and 4: with oddities and lost records. */
    static Path generated(int seed, boolean svm) throws IOException {
        Path file = SharedData.targetDir().resolve("cr-writes-" + seed + (svm ? "-svm" : "-vmx") + ".bin");
        CrWriteTrace trace = new CrWriteTrace(seed, svm, 1 + seed, 1 + seed % 3, 1 + seed % 2);
        if (seed > 1) {
            trace.withOddities();
        }
        if (seed > 2) {
            trace.withLoss(0.05 * (seed - 2));
        }
        trace.write(file, 3000);
        return file;
    }

    static Stream<Arguments> summaryCases() {
        List<Arguments> cases = new ArrayList<>();
        for (int seed = 1; seed <= 4; seed++) {
            for (boolean svm : new boolean[] {false, true}) {
                for (List<String> set : SUMMARY_SETS) {
                    cases.add(Arguments.of(seed, svm, set));
                }
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> dumpCases() {
        List<Arguments> cases = new ArrayList<>();
        for (int seed = 1; seed <= 4; seed++) {
            for (boolean svm : new boolean[] {false, true}) {
                for (List<String> set : DUMP_SETS) {
                    cases.add(Arguments.of(seed, svm, set));
                }
            }
        }
        return cases.stream();
    }

    private static List<String> withVendor(boolean svm, List<String> set) {
        List<String> args = new ArrayList<>(set);
        if (svm) {
            args.add(0, "--svm-mode");
        }
        return args;
    }

    @ParameterizedTest(name = "seed {0}, svm {1}, {2}")
    @MethodSource("summaryCases")
    void summaryMatchesXenalyze(int seed, boolean svm, List<String> set) throws Exception {
        Xenalyze.assumeInstalled();
        Path file = generated(seed, svm);
        List<String> args = withVendor(svm, set);
        List<String> theirs = new ArrayList<>(args);
        theirs.add("--summary");
        theirs.add(file.toString());
        String expected = Xenalyze.run(theirs);
        assertEquals(expected, OurXenalyze.summary(file,
                ReportOptionsConformanceTest.apply(XenalyzeOptions.defaults(), args)), file + " " + args);
    }

    @ParameterizedTest(name = "seed {0}, svm {1}, {2}")
    @MethodSource("dumpCases")
    void dumpMatchesXenalyze(int seed, boolean svm, List<String> set) throws Exception {
        Xenalyze.assumeInstalled();
        Path file = generated(seed, svm);
        List<String> args = withVendor(svm, set);
        XenalyzeOptions options = ReportOptionsConformanceTest.apply(XenalyzeOptions.defaults(), args);
        Path dump = DumpAllConformanceTest.ourDump(file, options,
                "cr-writes-" + seed + (svm ? "-svm" : "-vmx") + "-" + String.join("", set));
        List<String> theirs = new ArrayList<>(args);
        theirs.add("--dump-all");
        theirs.add(file.toString());
        DumpAllConformanceTest.assertSameAsXenalyze(theirs, dump, file + " " + args);
    }

    /** The traces exercise what they are for, and nothing in them is left unreproduced. */
    @Test
    void generatedTracesAreFullySupportedAndListCr3Values() throws Exception {
        for (boolean svm : new boolean[] {false, true}) {
            Path file = generated(4, svm);
            XenalyzeAnalysis analysis = new XenalyzeAnalysis(XenalyzeOptions.defaults().withSvmMode(svm)
                    .withCr3Enumeration(true));
            try (TraceReader reader = TraceReader.openLikeXenalyze(file)) {
                analysis.process(reader);
            }
            assertFalse(analysis.hasUnsupportedContent(), file.toString());
            String report = OurXenalyze.summary(file, XenalyzeOptions.defaults().withSvmMode(svm)
                    .withCr3Enumeration(true));
            assertTrue(report.contains("    cr3 values:\n"), report);
            assertTrue(report.contains("   cr3 "), report);
            assertTrue(report.contains(" flush "), report);
            String plain = OurXenalyze.summary(file, XenalyzeOptions.defaults().withSvmMode(svm));
            assertFalse(plain.contains("cr3 values:"), plain);
        }
    }
}
