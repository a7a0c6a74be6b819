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
import org.xenwb.trace.core.gen.ShadowPagingTrace;
import org.xenwb.trace.core.gen.ShadowPagingTrace.Options;
import org.xenwb.trace.core.read.TraceReader;

/**
 * Shadow paging (xenalyze's TRC_SHADOW and PF_XEN analyses) against Debian's xenalyze, byte for byte: the summary
 * with several report options and --dump-all, on traces of {@link ShadowPagingTrace} with 2-, 3- and 4-level guests:
 * shadow records padded to xenalyze's structures, as Xen 4.17 packs them (xenalyze stops at the first 4-level fixup
 * unless its tolerance is 4 or more), with xenalyze's corner cases, with a record of the wrong size, and PF_XEN records
 * of hosts that do not trace the shadow class.
 */
class ShadowPagingConformanceTest {

    /** A generated trace: name, seed, exits per pCPU, options. */
    record Case(String name, long seed, int exits, Options options) {

        Path file() throws IOException {
            Path file = SharedData.targetDir().resolve("shadow-" + name + ".bin");
            ShadowPagingTrace.write(file, seed, exits, options);
            return file;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Case> CASES = List.of(
            new Case("clean-1-small", 1, 300, Options.clean()),
            new Case("clean-2", 2, 1500, Options.clean()),
            new Case("odd-3", 3, 1500, new Options(true, true, true, -1)),
            new Case("odd-4", 4, 2500, new Options(true, true, true, -1)),
            new Case("xen-layout-5", 5, 800, new Options(true, false, false, -1)),
            new Case("bad-size-6", 6, 800, new Options(true, true, false, 200)),
            new Case("pf-xen-7", 7, 1500, new Options(false, true, false, -1)),
            new Case("pf-xen-odd-8", 8, 1500, new Options(false, true, true, -1)));

    static final List<List<String>> OPTION_SETS = List.of(
            List.of(),
            List.of("--report-pcpu"),
            List.of("--with-mmio-enumeration", "--mmio-enumeration-skip-vga=0"),
            List.of("--sample-size=0", "--show-default-domain-summary"),
            List.of("--tolerance=4", "--sample-max=8"),
            List.of("--tolerance=0"),
            List.of("--default-guest-paging-levels=3", "--tolerance=4"),
            List.of("--default-guest-paging-levels=4"));

    static Stream<Arguments> summaryCases() {
        List<Arguments> cases = new ArrayList<>();
        for (Case c : CASES) {
            for (List<String> set : OPTION_SETS) {
                cases.add(Arguments.of(c, set));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("summaryCases")
    void summaryMatchesXenalyze(Case c, List<String> set) throws Exception {
        Xenalyze.assumeInstalled();
        Path file = c.file();
        List<String> args = new ArrayList<>(set);
        args.add("--summary");
        args.add(file.toString());
        String expected = Xenalyze.run(args);
        assertEquals(expected, OurXenalyze.summary(file, ReportOptionsConformanceTest.apply(
                XenalyzeOptions.defaults(), set)), c + " " + set);
    }

    /**
     * Dumps at tolerances where xenalyze's output is defined: not 4 and more on Xen's own layout, where xenalyze goes
     * on after a 3-level unshadow record it could not parse and prints uninitialised values.
     */
    static Stream<Arguments> dumpCases() {
        List<Arguments> cases = new ArrayList<>();
        for (Case c : CASES) {
            cases.add(Arguments.of(c, 3));
            if (c.options().xenalyzeLayout()) {
                cases.add(Arguments.of(c, c.options().badSizeAt() >= 0 ? 4 : 0));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} --tolerance={1}")
    @MethodSource("dumpCases")
    void dumpMatchesXenalyze(Case c, int tolerance) throws Exception {
        Xenalyze.assumeInstalled();
        Path file = c.file();
        XenalyzeOptions options = XenalyzeOptions.defaults().withTolerance(tolerance);
        Path dump = DumpAllConformanceTest.ourDump(file, options, "shadow-" + c.name() + "-tol" + tolerance);
        DumpAllConformanceTest.assertSameAsXenalyze(List.of("--dump-all", "--tolerance=" + tolerance,
                file.toString()), dump, c.name());
    }

    /**
     * {@code --default-guest-paging-levels} picks the record layouts before a vCPU's records say: the dumps differ
     * from the default ones (checked) and match xenalyze's.
     */
    @ParameterizedTest(name = "{0} --default-guest-paging-levels={1}")
    @MethodSource("pagingLevelCases")
    void dumpWithDefaultPagingLevelsMatchesXenalyze(Case c, int levels) throws Exception {
        Xenalyze.assumeInstalled();
        Path file = c.file();
        XenalyzeOptions options = XenalyzeOptions.defaults().withDefaultGuestPagingLevels(levels);
        Path dump = DumpAllConformanceTest.ourDump(file, options, "shadow-" + c.name() + "-gpl" + levels);
        DumpAllConformanceTest.assertSameAsXenalyze(List.of("--dump-all", "--default-guest-paging-levels=" + levels,
                file.toString()), dump, c.name());
        Path plain = DumpAllConformanceTest.ourDump(file, XenalyzeOptions.defaults(), "shadow-" + c.name() + "-gpl");
        assertFalse(java.util.Arrays.equals(java.nio.file.Files.readAllBytes(dump),
                java.nio.file.Files.readAllBytes(plain)), "the option changed nothing on " + c.name());
    }

    static Stream<Arguments> pagingLevelCases() {
        return Stream.of(Arguments.of(CASES.get(0), 3), Arguments.of(CASES.get(3), 3), Arguments.of(CASES.get(7), 3));
    }

    /** The generated traces reach what they are meant to: page-fault reports, and no unsupported records. */
    @Test
    void generatedTracesAreAnalysedAndReachThePageFaultReport() throws Exception {
        for (Case c : List.of(CASES.get(1), CASES.get(7))) {
            Path file = c.file();
            XenalyzeAnalysis analysis = new XenalyzeAnalysis(XenalyzeOptions.defaults());
            try (TraceReader reader = TraceReader.openLikeXenalyze(file)) {
                analysis.process(reader);
            }
            assertFalse(analysis.hasUnsupportedContent(), c.name());
            String report = OurXenalyze.summary(file, XenalyzeOptions.defaults());
            assertTrue(report.contains("   page_fault\n"), c.name());
            assertTrue(report.contains("Emulate eip list\n   Total samples: "), c.name());
        }
    }
}
