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
 * summarises exactly as xenalyze does, the same trace bytes for the same seed, a broken xl.cfg reported with its
 * file and line, usage errors found before the run, and the per-pool shares.
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
        long migrations = 0;
        for (m = ROW.matcher(r.out()); m.find();) {
            migrations += Long.parseLong(m.group(8));
        }
        assertTrue(migrations > 20, "the I/O-like vCPUs wake on either pCPU: " + r.out());
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
    /** Option values wrong in themselves are usage errors (exit code 2), found before anything is simulated. */
    @Test
    void badOptionValuesAreUsageErrorsBeforeTheRun() throws Exception {
        Path cpu = cfg("cpu.cfg", "name = \"cpu\"\nvcpus = 1\nmemory = 256\n");
        String[][] cases = {
            {"--pcpus", "0"}, {"--sched", "cfs"}, {"--preset", "nosuch"}, {"--pcpus", "4", "--preset", "1s4c"},
            {"--duration", "1x"}, {"--duration", "0s"}, {"--workload", "io:run=1ms,extra=1"}, {"--xl", "bogus"},
            {"--dom0-workload", "spin"},
        };
        for (String[] c : cases) {
            List<String> args = new java.util.ArrayList<>(List.of("engine", "run", "--domain", cpu.toString(),
                    "--duration", "100s", "--quiet"));
            args.addAll(List.of(c));
            long t0 = System.nanoTime();
            CliRun r = CliRun.run(args.toArray(String[]::new));
            assertEquals(2, r.exitCode(), String.join(" ", c) + ": " + r.err());
            assertTrue(r.err().startsWith("xenwb: ") && r.err().contains("Try 'xenwb engine run --help'"), r.err());
            assertEquals("", r.out(), "nothing simulated for " + String.join(" ", c));
            assertTrue(System.nanoTime() - t0 < 30_000_000_000L, "refused before 100 s were simulated");
        }
    }

    /**
     * The per-domain shares compare each domain with the others of its own cpupool; an xl command that fails after
     * the run does not hide the output of the others.
     */
    @Test
    void reportSharesPerPoolAndEveryXlCommand() throws Exception {
        Path big = cfg("big.cfg", "name = \"big\"\nvcpus = 4\nmemory = 256\ncpu_weight = 512\n");
        Path small = cfg("small.cfg", "name = \"small\"\nvcpus = 4\nmemory = 256\n");
        CliRun r = CliRun.run("engine", "run", "--pcpus", "2", "--sched", "credit", "--dom0-vcpus", "1", "--domain",
                big.toString(), "--domain", small.toString(), "--duration", "3s", "--quiet", "--xl", "pause nosuch",
                "--xl", "list");
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("xenwb: xl: pause: domain 'nosuch' does not exist"), r.err());
        assertTrue(r.out().contains("Name                                        ID   Mem VCPUs"), r.out());
        // weights 512 x 4 and 256 x 4 (dom0 idle, 256 x 1): the CPU-bound domains share by weight under credit
        Matcher share = Pattern.compile("(?m)^(big|small)\\s+Pool-0\\s+(\\d+)\\s+0\\s+([\\d.]+)%\\s+([\\d.]+)%$")
                .matcher(r.out());
        int rows = 0;
        while (share.find()) {
            rows++;
            double cpuShare = Double.parseDouble(share.group(3));
            double wShare = Double.parseDouble(share.group(4));
            assertEquals(share.group(1).equals("big") ? 2048.0 / 3328 * 100 : 1024.0 / 3328 * 100, wShare, 0.1,
                    share.group());
            assertEquals(share.group(1).equals("big") ? 66.7 : 33.3, cpuShare, 5, share.group());
        }
        assertEquals(2, rows, r.out());
        // RTDS does not schedule by weight: no weight, cap or weight share to compare with
        CliRun rt = CliRun.run("engine", "run", "--pcpus", "2", "--sched", "rtds", "--dom0-vcpus", "1", "--domain",
                big.toString(), "--duration", "100ms", "--quiet");
        assertEquals(0, rt.exitCode(), rt.err());
        Pattern unweighted = Pattern.compile("(?m)^big\\s+Pool-0\\s+-\\s+-\\s+[\\d.]+%\\s+-$");
        assertTrue(unweighted.matcher(rt.out()).find(), rt.out());
    }

    /** Mistakes in or around a domain's xl.cfg name the file (and the line, where there is one). */
    @Test
    void domainFileMistakesNameTheFile() throws Exception {
        Path pool = cfg("pool.cfg", "name = \"p\"\nvcpus = 1\nmemory = 256\npool = \"nosuch\"\n");
        Path workload = cfg("wl.cfg", "name = \"w\"\nvcpus = 1\nmemory = 256\nxenwb_workload = \"bogus\"\n");
        String[][] cases = {
            {dir.toString(), "xenwb: " + dir + ": is a directory"},
            {pool.toString(), "xenwb: " + pool + ": cpupool 'nosuch' does not exist"},
            {workload.toString(), "xenwb: " + workload + ":4: xenwb_workload: unknown workload 'bogus'"},
        };
        for (String[] c : cases) {
            CliRun r = CliRun.run("engine", "run", "--pcpus", "2", "--duration", "10ms", "--domain", c[0]);
            assertEquals(1, r.exitCode(), r.err());
            assertTrue(r.err().startsWith(c[1]), r.err());
        }
        CliRun shell = CliRun.withInput("create " + dir.resolve("missing.cfg") + "\n", "engine", "shell", "--pcpus",
                "2");
        assertEquals("xl: Failed to read config file: " + dir.resolve("missing.cfg")
                + ": No such file or directory\n", shell.err());
    }
}
