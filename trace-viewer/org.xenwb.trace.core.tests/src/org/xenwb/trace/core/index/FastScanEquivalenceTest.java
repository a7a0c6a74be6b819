package org.xenwb.trace.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.xenwb.trace.core.SharedData;
import org.xenwb.trace.core.format.TraceEvents;
import org.xenwb.trace.core.format.TraceRecord;
import org.xenwb.trace.core.format.TraceWriter;
import org.xenwb.trace.core.read.TraceBytes;
import org.xenwb.trace.core.read.TraceReader;
import org.xenwb.trace.core.state.Runstate;
import org.xenwb.trace.core.state.StateModel;
import org.xenwb.trace.core.state.StateModelBuilder;

/**
 * {@link FastScan} (which merges only state-changing records) builds exactly the lanes of a full {@link TraceReader}
 * merge, on generated traces made of the cases where the merge order is delicate: several pCPUs writing records at
 * exactly the same TSC (a vCPU woken on one pCPU and run on another in the same cycle), non-state records and records
 * without a TSC interleaved so that the pCPUs reach a common TSC in different orders, lost-records records, and TSCs
 * that cross 2^63 (negative as Java longs) and wrap past 2^64 back to small values, and seams where every pCPU loses
 * records from the same TSC and resumes at the same TSC. Where {@link FastScan} judges
 * its merge exact, its model alone must equal the reader's; elsewhere the index falls back to the reader.
 */
class FastScanEquivalenceTest {

    private static final int RUNSTATE = TraceEvents.TRC_SCHED_RUNSTATE_CHANGE;
    private static final int OTHER = 0x0008_1102; // a VM exit: never changes the state model

    /** Seams written by the last {@link #generate} call. */
    private static int seams;

    @Test
    void fastScanLanesEqualReaderLanesOnGeneratedEdgeCases() throws IOException {
        Path dir = Files.createTempDirectory(SharedData.targetDir(), "fastscan");
        int ties = 0;
        int fast = 0;
        int slow = 0;
        int fastWithSeams = 0;
        try {
            for (int seed = 0; seed < 400; seed++) {
                Path trace = dir.resolve("gen-" + seed + ".trace");
                seams = 0;
                ties += generate(trace, new Random(seed), seed);
                String what = "seed " + seed;
                StateModel want;
                try (TraceReader r = TraceReader.open(trace)) {
                    want = StateModelBuilder.build(r);
                }
                try (TraceBytes bytes = TraceBytes.open(trace)) {
                    // the fast merge alone must be right whenever it claims to be
                    IndexBuilder.Result fastOnly = IndexBuilder.build(bytes, IndexProgress.NONE, false);
                    if (fastOnly.slowPathReason() == null) {
                        fast++;
                        fastWithSeams += seams > 0 ? 1 : 0;
                        assertModelsEqual(what + " (fast merge judged exact)", want, fastOnly.model());
                    } else {
                        slow++;
                    }
                }
                Path index = dir.resolve("gen-" + seed + TraceIndex.SUFFIX);
                try (TraceIndex idx = TraceIndex.build(trace, index, IndexProgress.NONE)) {
                    assertModelsEqual(what + " (index)", want, idx.model());
                }
                Files.delete(index);
                Files.delete(trace);
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
        assertTrue(ties > 1000, "the generator made too few cross-pCPU ties at one TSC: " + ties);
        assertTrue(fast > 40 && slow > 40, "both paths must be exercised: fast " + fast + ", slow " + slow);
        assertTrue(fastWithSeams > 20, "fast merges of traces with lost-records seams: " + fastWithSeams);
    }

    /** On the real captures the fast merge needs no slow path (and the index tests compare its lanes). */
    @Test
    void realCapturesTakeTheFastPath() throws IOException {
        for (String name : SharedData.traceNames()) {
            try (TraceBytes bytes = TraceBytes.open(SharedData.trace(name))) {
                IndexBuilder.Result r = IndexBuilder.build(bytes, IndexProgress.NONE, false);
                assertEquals(null, r.slowPathReason(), name);
            }
        }
    }

    private static void assertModelsEqual(String what, StateModel want, StateModel got) {
        assertEquals(want.firstTsc(), got.firstTsc(), what + " first TSC");
        assertEquals(want.lastTsc(), got.lastTsc(), what + " last TSC");
        try {
            IndexQueryTest.assertLanesEqual(want.allLanes(), got.allLanes());
        } catch (AssertionError e) {
            throw new AssertionError(what + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a trace: a consistent random schedule of 5 vCPUs on 2..4 pCPUs where most steps take 0 cycles.
     *
     * @return how many state records share their TSC with a state record of another pCPU
     */
    private static int generate(Path file, Random random, int seed) throws IOException {
        int pcpus = 2 + random.nextInt(3);
        int vcpus = 5;
        int[] state = new int[vcpus];
        int[] where = new int[vcpus];
        int[] running = new int[pcpus];
        java.util.Arrays.fill(running, -1);
        java.util.Arrays.fill(state, Runstate.BLOCKED);
        java.util.Arrays.fill(where, -1);
        List<List<TraceRecord>> streams = new ArrayList<>();
        for (int p = 0; p < pcpus; p++) {
            streams.add(new ArrayList<>());
        }
        // odd seeds: every step takes cycles and lost records are well-formed, so no two pCPUs tie
        boolean distinct = seed % 2 == 1;
        long tsc = switch (seed % 3) {
            case 0 -> 1_000_000L;
            case 1 -> Long.MAX_VALUE - 200; // crosses 2^63
            default -> -300L; // wraps past 2^64 to small values
        };
        long[] lastTsc = new long[pcpus];
        int ties = 0;
        long previousStateTsc = 0;
        int previousStateCpu = -1;
        for (int step = 0; step < 200; step++) {
            tsc += distinct || random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 0;
            int p = random.nextInt(pcpus);
            List<TraceRecord> s = streams.get(p);
            // noise that changes when each pCPU reaches this TSC in the full merge
            int noise = random.nextInt(3);
            for (int i = 0; i < noise; i++) {
                s.add(random.nextBoolean() ? TraceRecord.withTsc(OTHER, p, tsc, i)
                        : TraceRecord.withoutTsc(OTHER, p, i));
            }
            if (random.nextInt(50) == 0) {
                // a seam as TraceReplicator writes one: every pCPU loses records from the same TSC and resumes at
                // the same TSC its own running vCPU (idle vCPU p when none; the same vCPU twice now and then)
                tsc++;
                seams++;
                for (int q = 0; q < pcpus; q++) {
                    int dom = running[q] >= 0 ? 0 : Runstate.IDLE_DOMAIN;
                    int vc = running[q] >= 0 ? running[q] : q;
                    if (!distinct && random.nextInt(4) == 0) {
                        vc = 0;
                        dom = 0;
                    }
                    streams.get(q).add(TraceRecord.lostRecords(q, tsc + 1, 5, dom, vc, tsc));
                    lastTsc[q] = tsc + 1;
                }
                tsc += 2;
                continue;
            }
            if (random.nextInt(40) == 0) {
                int q = random.nextInt(pcpus);
                if (streams.get(q).isEmpty() || random.nextBoolean()) {
                    continue;
                }
                long firstLost = random.nextBoolean() && !distinct ? lastTsc[q] : tsc;
                streams.get(q).add(TraceRecord.lostRecords(q, tsc, 3, random.nextInt(2), random.nextInt(vcpus),
                        firstLost));
                lastTsc[q] = tsc;
                continue;
            }
            int v = random.nextInt(vcpus);
            int old = state[v];
            int neu;
            int on = p;
            if (old == Runstate.RUNNING) {
                on = where[v];
                neu = random.nextBoolean() ? Runstate.RUNNABLE : Runstate.BLOCKED;
                running[on] = -1;
            } else if (old == Runstate.BLOCKED) {
                neu = Runstate.RUNNABLE;
            } else if (running[p] < 0) {
                neu = Runstate.RUNNING;
                running[p] = v;
                where[v] = p;
            } else if (random.nextInt(4) == 0) {
                s.add(TraceRecord.withTsc(TraceEvents.TRC_SCHED_CONTINUE_RUNNING, p, tsc, running[p]));
                lastTsc[p] = tsc;
                continue;
            } else {
                neu = Runstate.BLOCKED;
            }
            state[v] = neu;
            streams.get(on).add(TraceRecord.withTsc(RUNSTATE | old << 8 | neu << 4, on, tsc, v));
            lastTsc[on] = tsc;
            if (previousStateTsc == tsc && previousStateCpu != on) {
                ties++;
            }
            previousStateTsc = tsc;
            previousStateCpu = on;
        }
        // windows of random length, pCPUs in random order, each pCPU's records in its own order
        int[] next = new int[pcpus];
        try (TraceWriter w = new TraceWriter(Files.newOutputStream(file))) {
            boolean more = true;
            while (more) {
                more = false;
                for (int p = 0; p < pcpus; p++) {
                    List<TraceRecord> s = streams.get(p);
                    int n = random.nextInt(6);
                    for (int i = 0; i < n && next[p] < s.size(); i++) {
                        w.write(s.get(next[p]++));
                    }
                    w.endWindow();
                    more |= next[p] < s.size();
                }
            }
        }
        return ties;
    }
}
