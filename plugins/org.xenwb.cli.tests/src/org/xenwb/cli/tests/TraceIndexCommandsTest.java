package org.xenwb.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xenwb.cli.Main;
import org.xenwb.trace.core.index.IndexProgress;
import org.xenwb.trace.core.index.TraceIndex;
import org.xenwb.trace.core.read.TraceReader;
import org.xenwb.trace.core.state.Runstate;
import org.xenwb.trace.core.stats.QueueLength;
import org.xenwb.trace.core.stats.RunQueues;
import org.xenwb.trace.core.stats.SchedStats;

/**
 * {@code xenwb trace index|states|events|stats} on a real capture: what they print equals what the core computes,
 * and bad input gives exit code 1 (bad file) or 2 (bad option) with one clear line.
 */
class TraceIndexCommandsTest {

    private static final String HZ = "2596127000";

    @TempDir
    Path tmp;

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    /** The capture, from {@code xenwb.shared} or {@code ../shared} above the working directory; else skipped. */
    private static Path trace() {
        return trace("creditboot-credit-sched");
    }

    /**
     * @param name a capture's folder
     * @return its trace, from {@code xenwb.shared} or {@code ../shared} above the working directory; else skipped
     */
    private static Path trace(String name) {
        String prop = System.getProperty("xenwb.shared");
        Path shared = prop != null ? Path.of(prop) : null;
        for (Path a = Path.of("").toAbsolutePath(); shared == null && a != null; a = a.getParent()) {
            if (Files.isDirectory(a.resolve("../shared/data/traces"))) {
                shared = a.resolve("../shared").normalize();
            }
        }
        Assumptions.assumeTrue(shared != null, "shared data folder (../shared/data) not found: skipped");
        Path t = shared.resolve("data/traces/" + name + "/trace.bin");
        Assumptions.assumeTrue(Files.isRegularFile(t), "no " + t + ": skipped");
        return t;
    }

    @Test
    void indexBuildsOnceThenIsUpToDate() {
        Path index = tmp.resolve("t.xwbidx");
        Result first = run("trace", "index", trace().toString(), "--index", index.toString());
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("index built (no index yet)"), first.out());
        assertTrue(first.err().contains("indexing trace.bin: 100%"), first.err());
        Result second = run("trace", "index", trace().toString(), "--index", index.toString(), "--quiet");
        assertEquals(0, second.code(), second.err());
        assertTrue(second.out().contains("index up to date"), second.out());
        assertEquals("", second.err());
    }

    @Test
    void statsPrintWhatTheCoreComputes() throws IOException {
        Path index = tmp.resolve("t.xwbidx");
        Result r = run("trace", "stats", trace().toString(), "--index", index.toString(), "--cpu-hz", HZ,
                "--from", "1", "--to", "2.5s", "--quiet");
        assertEquals(0, r.code(), r.err());
        try (TraceIndex idx = TraceIndex.open(trace(), index, IndexProgress.NONE)) {
            long first = idx.model().firstTsc();
            long hz = Long.parseLong(HZ); // exact: the index commands do not round it to a float as xenalyze
            SchedStats s = SchedStats.compute(idx.model(), first + hz, first + Math.round(2.5 * hz));
            for (SchedStats.VcpuStats v : s.vcpus()) {
                String running = String.format(Locale.ROOT, "%10.6f", v.time()[Runstate.RUNNING] / (double) hz);
                assertTrue(r.out().lines().anyMatch(l -> l.startsWith("  " + v.id() + " ") && l.contains(running)),
                        v.id() + " running " + running + " in\n" + r.out());
            }
            String wakes = String.format(Locale.ROOT, "  %-20s %10d ", "all", s.wakeLatency().count());
            assertTrue(r.out().contains(wakes), wakes + " in\n" + r.out());
            RunQueues queues;
            try (TraceReader reader = TraceReader.open(trace())) {
                queues = RunQueues.compute(idx.model(), reader);
            }
            // a credit (credit1) capture: no record says where a vCPU is queued, so every waiting vCPU is 'unq'
            assertTrue(queues.byRunqueue().isEmpty() && queues.byPcpu().isEmpty(), "credit1 capture");
            String host = r.out().lines().filter(l -> l.startsWith("  host ")).findFirst().orElseThrow();
            String unq = r.out().lines().filter(l -> l.startsWith("  unq ")).findFirst().orElseThrow();
            assertEquals(host.substring(8), unq.substring(8), r.out());
            assertTrue(host.matches("  host +mean [0-9.]+ max [1-9]\\d* \\|.*"), host);
            for (Map.Entry<Integer, QueueLength> e : queues.byRunqueue().entrySet()) {
                long[] at = e.getValue().timeAtLength(s.from(), s.to());
                int max = 0;
                for (int k = 0; k < at.length; k++) {
                    max = at[k] > 0 ? k : max;
                }
                String line = "  rq" + e.getKey() + " ";
                String maxText = " max " + max + " |";
                assertTrue(r.out().lines().anyMatch(l -> l.startsWith(line) && l.contains(maxText)),
                        line + maxText + " in\n" + r.out());
            }
        }
    }

    @Test
    void statesAndEventsQueryTheIndex() {
        Path index = tmp.resolve("t.xwbidx");
        Result states = run("trace", "states", trace().toString(), "--index", index.toString(), "--pixels", "40",
                "--quiet");
        assertEquals(0, states.code(), states.err());
        assertTrue(states.out().lines().anyMatch(l -> l.matches("d1v0 +\\|R{40}\\|")), states.out());
        assertTrue(states.out().lines().anyMatch(l -> l.matches("p0 +\\|[R.?]{40}\\|")), states.out());
        Result events = run("trace", "events", trace().toString(), "--index", index.toString(), "--from", "2",
                "--to", "3", "--filter", "class=sched,domain=2", "--limit", "50", "--quiet");
        assertEquals(0, events.code(), events.err());
        long lines = events.out().lines().count();
        assertEquals(50, lines, events.out());
        assertTrue(events.out().lines()
                .allMatch(l -> l.matches("[0-9.]+ p\\d d2(v\\d+)?=(rec|run) 0x0002[0-9a-f]{4} [a-z][\\w:]*.* @\\d+")),
                events.out());
        // records owned through their own payload show that owner in their decoded fields
        assertTrue(events.out().lines().filter(l -> l.contains("=rec "))
                .allMatch(l -> l.contains("d2v") || l.contains("dom=2")), events.out());
        assertFalse(events.out().contains("unknown:"), events.out());
    }

    /** 64 zeroed bytes in the middle of a capture: the commands answer from what can be read and say where not. */
    @Test
    void aDamagedTraceIsQueriedUpToItsDamage() throws IOException {
        Path trace = tmp.resolve("z.bin");
        Files.copy(trace("credit2boot-credit2-all"), trace);
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(trace.toFile(), "rw")) {
            f.seek(100_000);
            f.write(new byte[64]);
        }
        String damage = "z.bin: byte offset 99992: damaged records of pCPU 2";
        for (int pass = 0; pass < 2; pass++) { // built, then reused: the damage is reported both times
            Result index = run("trace", "index", trace.toString(), "--quiet");
            assertEquals(1, index.code(), index.out() + index.err());
            assertTrue(index.out().contains(pass == 0 ? "index built" : "index up to date"), index.out());
            assertTrue(index.err().contains(damage), index.err());
            assertTrue(index.err().contains("exit code 1: the trace is damaged (see above)"), index.err());
        }
        Result stats = run("trace", "stats", trace.toString(), "--cpu-hz", HZ, "--quiet");
        assertEquals(1, stats.code(), stats.err());
        assertTrue(stats.out().startsWith("Range: 0.000000 s to 4.956715 s"), stats.out());
        assertTrue(stats.err().contains(damage), stats.err());
        assertFalse(stats.err().contains("nothing to query"), stats.err());
        Result states = run("trace", "states", trace.toString(), "--pixels", "20", "--quiet");
        assertEquals(1, states.code(), states.err());
        assertTrue(states.out().lines().anyMatch(l -> l.matches("p2 +\\|R+\\?+\\|")), states.out());
    }

    @Test
    void badInputIsOneClearLine() throws IOException {
        Result missing = run("trace", "stats", tmp.resolve("nope.bin").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().startsWith("xenwb: ") && missing.err().contains("no such file"), missing.err());
        Path junk = tmp.resolve("junk.bin");
        Files.writeString(junk, "this is not a trace, just text long enough to look at\n");
        Result notTrace = run("trace", "states", junk.toString(), "--quiet");
        assertEquals(1, notTrace.code(), notTrace.err());
        assertTrue(notTrace.err().contains("not a xentrace file"), notTrace.err());
        assertFalse(notTrace.err().contains("Exception"), notTrace.err());
        Result filter = run("trace", "events", trace().toString(), "--index", tmp.resolve("i").toString(),
                "--filter", "colour=blue");
        assertEquals(2, filter.code());
        assertTrue(filter.err().contains("unknown filter key 'colour'"), filter.err());
        Result time = run("trace", "stats", trace().toString(), "--index", tmp.resolve("i").toString(), "--from",
                "soon", "--quiet");
        assertEquals(2, time.code());
        assertTrue(time.err().contains("Invalid value for --from: 'soon'"), time.err());
    }
}
