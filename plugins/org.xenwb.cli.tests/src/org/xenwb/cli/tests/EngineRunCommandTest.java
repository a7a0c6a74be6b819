package org.xenwb.cli.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code xenwb engine run} end to end: domains from xl.cfg files on a small credit2 host, the per-vCPU report (run
 * times, wake-latency percentiles), a trace that Debian's xenalyze reads and that {@code xenwb trace summary}
 * summarises exactly as xenalyze does, the same trace bytes for the same seed, and a broken xl.cfg reported with its
 * file and line.
 */
class EngineRunCommandTest {

    /** A report row: domain, id, vcpu, running_s, runnable_s, blocked_s, offline_s, migr, lat_p50us, lat_p99us. */
    private static final Pattern ROW = Pattern.compile("(?m)^(\\S+)\\s+(\\d+)\\s+(\\d+)\\s+([\\d.]+)\\s+([\\d.]+)"
            + "\\s+([\\d.]+)\\s+([\\d.]+)\\s+(\\d+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)$");

    @TempDir
    Path dir;

    private Path cfg(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private CliRun run(Path a, Path b, Path trace) {
        return CliRun.run("engine", "run", "--pcpus", "2", "--sched", "credit2", "--domain", a.toString(), "--domain",
                b.toString(), "--duration", "2s", "--seed", "5", "--trace", trace.toString());
    }

    @Test
    void runsXlCfgDomainsReportsThemAndWritesATraceXenalyzeReads() throws Exception {
        Path io = cfg("io.cfg", "name = \"io\"\nvcpus = 2\nmemory = 512\nxenwb_workload = \"io:run=1ms,block=2ms\"\n");
        Path cpu = cfg("cpu.cfg", "name = \"cpu\"\nvcpus = 2\nmemory = 512\n");
        Path trace = dir.resolve("run.bin");
        CliRun r = run(io, cpu, trace);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("simulated 2.000 s on 2 pCPUs (credit2)"), r.out());

        int ioRows = 0;
        double cpuRunning = 0;
        Matcher m = ROW.matcher(r.out());
        while (m.find()) {
            double running = Double.parseDouble(m.group(4));
            double total = running + Double.parseDouble(m.group(5)) + Double.parseDouble(m.group(6))
                    + Double.parseDouble(m.group(7));
            assertTrue(Math.abs(total - 2.0) < 0.002, "a vCPU's runstates add up to the run: " + m.group());
            if (m.group(1).equals("io")) {
                ioRows++;
                // I/O-like vCPUs wake hundreds of times: both percentiles exist, the median is not above the p99
                double p50 = Double.parseDouble(m.group(9));
                double p99 = Double.parseDouble(m.group(10));
                assertTrue(p50 >= 0 && p50 <= p99, m.group());
                assertTrue(running > 0.3 && running < 1.0, "about a third of the time running: " + m.group());
            } else if (m.group(1).equals("cpu")) {
                cpuRunning += running;
            }
        }
        assertEquals(2, ioRows, r.out());
        // two pCPUs for four vCPUs: the CPU-bound ones get what the I/O-like ones leave, most of the host
        assertTrue(cpuRunning > 2.0 && cpuRunning < 3.5, "CPU-bound vCPUs ran " + cpuRunning + " s:\n" + r.out());

        byte[] first = Files.readAllBytes(trace);
        assertTrue(first.length > 10_000, "trace of " + first.length + " bytes");
        Path again = dir.resolve("again.bin");
        assertEquals(0, run(io, cpu, again).exitCode());
        assertArrayEquals(first, Files.readAllBytes(again), "same seed, same trace bytes");

        if (Files.isExecutable(Path.of("/usr/bin/xenalyze"))) {
            String theirs = TraceSummaryAutoVendorTest.xenalyze(List.of("--summary", trace.toString()));
            CliRun ours = CliRun.run("trace", "summary", trace.toString());
            assertEquals(0, ours.exitCode(), ours.err());
            assertTrue(theirs.contains("|-- Domain 1 --|"), theirs);
            assertEquals(theirs, ours.out(), "xenwb trace summary of the engine's trace = xenalyze --summary");
        }
    }

    @Test
    void aBrokenXlCfgIsReportedWithItsFileAndLine() throws Exception {
        Path bad = cfg("bad.cfg", "name = \"bad\"\nvcpus = = 2\n");
        Path cpu = cfg("cpu.cfg", "name = \"cpu\"\nvcpus = 1\nmemory = 256\n");
        CliRun r = run(bad, cpu, dir.resolve("t.bin"));
        assertNotEquals(0, r.exitCode());
        assertTrue(r.err().contains("bad.cfg:2"), r.err());
        assertTrue(!r.err().contains("Exception") && !r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    /** A missing domain file or an unwritable trace says which file and why, not just the file's name. */
    @Test
    void missingFilesSayWhy() throws Exception {
        Path cpu = cfg("cpu.cfg", "name = \"cpu\"\nvcpus = 1\nmemory = 256\n");
        Path missing = dir.resolve("missing.cfg");
        CliRun r = CliRun.run("engine", "run", "--pcpus", "2", "--duration", "10ms", "--domain", missing.toString());
        assertEquals(1, r.exitCode());
        assertEquals("xenwb: " + missing + ": no such file or directory", r.err().strip());
        Path trace = dir.resolve("no-such-dir").resolve("t.bin");
        r = CliRun.run("engine", "run", "--pcpus", "2", "--duration", "10ms", "--domain", cpu.toString(), "--trace",
                trace.toString());
        assertEquals(1, r.exitCode());
        assertEquals("xenwb: " + trace + ": no such file or directory", r.err().strip());
    }
}
