package org.xenwb.trace.core.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xenwb.trace.core.SharedData;
import org.xenwb.trace.core.read.TraceReader;
import org.xenwb.trace.core.state.Lane;
import org.xenwb.trace.core.state.Runstate;
import org.xenwb.trace.core.state.StateModel;
import org.xenwb.trace.core.state.StateModelBuilder;
import org.xenwb.trace.core.state.XenalyzeRunstatesAccess;

/**
 * The exact statistics on every real capture: wake-to-run latencies and migrations over the whole trace agree with
 * xenalyze's "wake" and "cpu affinity" lines, and statistics over two adjacent ranges add up to those over their
 * union (times, runs, migrations, latency samples, run-queue time), for random split points (fixed seed).
 */
class SchedStatsTest {

    static List<String> traces() {
        return SharedData.traceNames();
    }

    private static StateModel model(Path trace) throws Exception {
        try (TraceReader r = TraceReader.open(trace)) {
            return StateModelBuilder.build(r);
        }
    }

    @ParameterizedTest
    @MethodSource("traces")
    void wakeLatencyAndMigrationsAgreeWithXenalyze(String name) throws Exception {
        Path trace = SharedData.trace(name);
        Path svm = trace.resolveSibling("xenalyze-summary.svm-mode.txt");
        Map<String, long[]> x = XenalyzeRunstatesAccess.countsAndAverages(
                Files.isRegularFile(svm) ? svm : trace.resolveSibling("xenalyze-summary.txt"));
        StateModel m = model(trace);
        List<String> diffs = new ArrayList<>();
        for (Lane lane : m.vcpuLanes()) {
            if (lane.id().domain() == Runstate.IDLE_DOMAIN) {
                continue;
            }
            // runs as xenalyze sees them: entries into running, continue-running slices excluded
            List<Integer> runs = new ArrayList<>();
            for (int i = 0; i < lane.size(); i++) {
                if (lane.state(i) == Runstate.RUNNING && (i == 0 || lane.state(i - 1) != Runstate.RUNNING)) {
                    runs.add(i);
                }
            }
            if (runs.isEmpty()) {
                continue;
            }
            // xenalyze counts from the vCPU's first run on: start the range just after it
            SchedStats s = SchedStats.compute(m, lane.start(runs.get(0)) + 1, m.lastTsc() + 1);
            SchedStats.VcpuStats v = s.vcpus().get(m.vcpuLanes().indexOf(lane));
            long[] wake = x.getOrDefault(v.id() + " wake", new long[2]);
            Distribution d = v.wakeLatency();
            long count = d.count();
            long total = d.total();
            // xenalyze also counts a wake whose vCPU ran at the very last TSC of its pCPU, where the stream ended:
            // the model turns that zero-length run into the lost state, and such a wait is not a wake-to-run latency
            int last = lane.size() - 1;
            if (last >= 2 && lane.state(last) == Runstate.LOST && lane.state(last - 1) == Runstate.RUNNABLE
                    && lane.state(last - 2) == Runstate.BLOCKED) {
                count++;
                total += lane.end(last - 1) - lane.start(last - 1);
            }
            if (wake[0] != count || (count > 0 && wake[1] != total / count)) {
                diffs.add(v.id() + " wake: xenalyze " + wake[0] + " x " + wake[1] + ", stats " + count + " x "
                        + (count == 0 ? 0 : total / count));
            }
            // xenalyze's "cpu affinity" counts pCPU stints from the vCPU's second run (its first run does not set
            // the stint start), the last one closed at the end of the trace
            long expected = 0;
            if (runs.size() >= 2) {
                boolean secondMoved = lane.arg(runs.get(1)) != lane.arg(runs.get(0));
                expected = 1 + v.migrations() - (secondMoved ? 1 : 0);
            }
            long[] aff = x.getOrDefault(v.id() + " cpu affinity", new long[2]);
            if (aff[0] != expected) {
                diffs.add(v.id() + " pCPU stints: xenalyze " + aff[0] + ", from migrations " + expected);
            }
        }
        assertTrue(diffs.isEmpty(), name + ":\n" + String.join("\n", diffs));
    }

    @ParameterizedTest
    @MethodSource("traces")
    void adjacentRangesAddUp(String name) throws Exception {
        StateModel m = model(SharedData.trace(name));
        Random random = new Random(42);
        long a = m.firstTsc();
        long c = m.lastTsc() + 1;
        for (int round = 0; round < 20; round++) {
            long b = a + (long) (random.nextDouble() * (c - a));
            SchedStats whole = SchedStats.compute(m, a, c);
            SchedStats left = SchedStats.compute(m, a, b);
            SchedStats right = SchedStats.compute(m, b, c);
            for (int i = 0; i < whole.vcpus().size(); i++) {
                SchedStats.VcpuStats w = whole.vcpus().get(i);
                SchedStats.VcpuStats l = left.vcpus().get(i);
                SchedStats.VcpuStats r = right.vcpus().get(i);
                for (int s = 0; s < Runstate.COUNT; s++) {
                    assertEquals(w.time()[s], l.time()[s] + r.time()[s], w.id() + " " + Runstate.name(s));
                }
                assertEquals(w.runs(), l.runs() + r.runs(), w.id() + " runs");
                assertEquals(w.migrations(), l.migrations() + r.migrations(), w.id() + " migrations");
                assertEquals(w.wakeLatency().count(), l.wakeLatency().count() + r.wakeLatency().count());
                assertEquals(w.wakeLatency().total(), l.wakeLatency().total() + r.wakeLatency().total());
            }
            long[] wq = whole.hostRunQueue();
            long[] lq = left.hostRunQueue();
            long[] rq = right.hostRunQueue();
            for (int k = 0; k < wq.length; k++) {
                assertEquals(wq[k], (k < lq.length ? lq[k] : 0) + (k < rq.length ? rq[k] : 0), "queue length " + k);
            }
            long total = 0;
            for (long t : wq) {
                total += t;
            }
            assertEquals(c - a, total, "run-queue time covers the range");
            assertArrayEquals(whole.vcpus().get(0).time(), SchedStats.compute(m, a, c).vcpus().get(0).time());
        }
    }
}
