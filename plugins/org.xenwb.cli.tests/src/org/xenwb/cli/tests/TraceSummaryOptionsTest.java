package org.xenwb.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xenwb.trace.core.format.TraceEvents;
import org.xenwb.trace.core.format.TraceRecord;
import org.xenwb.trace.core.format.TraceWriter;

/**
 * {@code xenwb trace summary} and {@code trace dump --format xenalyze} with xenalyze's report-shaping options:
 * the same text as {@code xenalyze} with the same options, and one-line errors (exit 2) for values xenalyze would
 * refuse.
 */
class TraceSummaryOptionsTest {

    private static final String HZ = "--cpu-hz=2596127000";

    @TempDir
    Path dir;

    /** An HVM vCPU switching between two CR3 values on a VMX host, one CR3 write a flush, and a CR0 write. */
    private Path cr3Trace() throws IOException {
        Path file = dir.resolve("cr3.bin");
        long[] cr3 = {0x1234000L, 0x5678000L, 0x1234000L, 0x1234000L, 0};
        try (OutputStream out = Files.newOutputStream(file); TraceWriter w = new TraceWriter(out)) {
            w.write(TraceRecord.withTsc(TraceEvents.TRC_SCHED_RUNSTATE_CHANGE | 0x210, 0, 1000, (1 << 16)));
            w.write(TraceRecord.withTsc(TraceEvents.TRC_SCHED_RUNSTATE_CHANGE | 0x010, 0, 1000, (32767 << 16)));
            w.write(TraceRecord.withTsc(TraceEvents.TRC_SCHED_RUNSTATE_CHANGE | 0x100, 0, 1100, (1 << 16)));
            long t = 2000;
            for (int i = 0; i < cr3.length; i++) {
                w.write(TraceRecord.withTsc(TraceEvents.TRC_HVM_VMEXIT64, 0, t, 28, 0x81000000, 0xffffffff));
                int cr = i == 4 ? 0 : 3;
                long val = cr == 0 ? 0x80050033L : cr3[i];
                w.write(TraceRecord.withoutTsc(TraceEvents.TRC_HVM_CR_WRITE64, 0, cr, (int) val, 0));
                w.write(TraceRecord.withTsc(TraceEvents.TRC_HVM_VMENTRY, 0, t + 700 + 100 * i));
                t += 50_000;
            }
        }
        return file;
    }

    @Test
    void cr3EnumerationGivesXenalyzesText() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/xenalyze")), "xenalyze not installed: skipped");
        Path t = cr3Trace();
        CliRun r = CliRun.run("trace", "summary", "--with-cr3-enumeration", t.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(TraceSummaryAutoVendorTest.xenalyze(List.of("--with-cr3-enumeration", "--summary",
                t.toString())), r.out());
        assertTrue(r.out().contains("    cr3 values:\n      1234 (id 0):"), r.out());
        assertTrue(r.out().contains(" switch 2 flush 1\n"), r.out());
        assertTrue(r.out().contains("   cr0 "), r.out());
        assertTrue(!r.err().contains("not reproduced"), r.err());
    }

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

    @Test
    void symbolFileProblemsNameTheFile() throws Exception {
        Path t = TraceSummaryAutoVendorTest.trace("creditboot-credit-sched");
        CliRun missing = CliRun.run("trace", "summary", "--symbol-file=/nonexistent/System.map", t.toString());
        assertEquals(1, missing.exitCode(), missing.err());
        assertTrue(missing.err().contains("/nonexistent/System.map: no such symbol file"), missing.err());
        Path unordered = java.nio.file.Files.createTempFile("symbols", ".txt");
        try {
            java.nio.file.Files.writeString(unordered, "2000 b\n1000 a");
            CliRun r = CliRun.run("trace", "summary", "--symbol-file=" + unordered, t.toString());
            assertEquals(1, r.exitCode(), r.err());
            assertTrue(r.err().contains(unordered.toString()) && r.err().contains("address order"), r.err());
            assertEquals("", r.out());
        } finally {
            java.nio.file.Files.delete(unordered);
        }
    }
}
