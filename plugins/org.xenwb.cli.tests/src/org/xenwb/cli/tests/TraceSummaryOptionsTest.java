package org.xenwb.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@code xenwb trace summary} and {@code trace dump --format xenalyze} with xenalyze's report-shaping options:
 * the same text as {@code xenalyze} with the same options, and one-line errors (exit 2) for values xenalyze would
 * refuse.
 */
class TraceSummaryOptionsTest {

    private static final String HZ = "--cpu-hz=2596127000";

    @Test
    void reportOptionsGiveXenalyzesText() throws Exception {
        Path t = TraceSummaryAutoVendorTest.trace("creditboot-credit-all");
        List<String> options = List.of(HZ, "--sample-size=0", "--show-default-domain-summary", "--tolerance=4",
                "--with-interrupt-eip-enumeration=0x20", "--with-mmio-enumeration", "--mmio-enumeration-skip-vga=0",
                "--report-pcpu");
        List<String> ours = new ArrayList<>(List.of("trace", "summary"));
        ours.addAll(options);
        ours.add(t.toString());
        CliRun r = CliRun.run(ours.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        List<String> theirs = new ArrayList<>(options);
        theirs.addAll(List.of("--summary", t.toString()));
        assertEquals(TraceSummaryAutoVendorTest.xenalyze(theirs), r.out());
        assertTrue(r.out().startsWith("Tolerating errors at or below 4\n"), r.out());
        assertTrue(r.out().contains("|-- Default domain --|"), r.out());
    }

    @Test
    void toleranceLetsAnAmdTraceBeReadAsIntelLikeXenalyze() throws Exception {
        Path t = TraceSummaryAutoVendorTest.trace("credit2boot-pvh-run-all");
        CliRun r = CliRun.run("trace", "summary", HZ, "--tolerance=4", t.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(TraceSummaryAutoVendorTest.xenalyze(List.of(HZ, "--tolerance=4", "--summary", t.toString())),
                r.out());
    }

    @Test
    void dumpAcceptsTolerance() throws Exception {
        Path t = TraceSummaryAutoVendorTest.trace("creditboot-credit-sched");
        CliRun r = CliRun.run("trace", "dump", "--format", "xenalyze", "--tolerance=5", t.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(TraceSummaryAutoVendorTest.xenalyze(List.of("--dump-all", "--tolerance=5", t.toString())),
                r.out());
    }

    @Test
    void badValuesAreOneLineErrors() throws Exception {
        Path t = TraceSummaryAutoVendorTest.trace("creditboot-credit-sched");
        for (String[] bad : new String[][] {{"--tolerance=7", "0 to 6"}, {"--sample-size=-1", "negative"},
                {"--sample-max=lots", "--sample-max"}, {"--with-interrupt-eip-enumeration=x", "enumeration"}}) {
            CliRun r = CliRun.run("trace", "summary", bad[0], t.toString());
            assertEquals(2, r.exitCode(), bad[0] + ": " + r.err());
            assertTrue(r.err().contains(bad[1]), bad[0] + ": " + r.err());
            assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
            assertEquals("", r.out());
        }
    }
}
