package org.xenwb.trace.core.state;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xenwb.trace.core.SharedData;
import org.xenwb.trace.core.read.TraceReader;

/**
 * Cross-check of the state model with xenalyze: for every real capture, the per-vCPU running, runnable, blocked,
 * offline and lost interval counts and totals of the lanes must equal what {@code xenalyze --summary} printed.
 *
 * <p>Two conventions of xenalyze are applied to the lanes before comparing, and are the only differences: xenalyze
 * counts a vCPU's time only from its first run (or its first lost state) on ("First schedule ... doesn't take us
 * into a running state; leaving INIT"), while the model knows the state from the vCPU's first record; and xenalyze
 * never closes the interval still open at the end of the trace, while the model ends every lane there. Counts and
 * xenalyze's integer averages (total / count, cycles) must be equal, so totals agree to within count - 1 cycles,
 * far below the 0.01 s that xenalyze prints.</p>
 */
class StateModelXenalyzeTest {

    static List<String> traces() {
        return SharedData.traceNames();
    }

    @ParameterizedTest
    @MethodSource("traces")
    void runstateTotalsEqualXenalyze(String name) throws Exception {
        Path trace = SharedData.trace(name);
        Path dir = trace.getParent();
        Path svm = dir.resolve("xenalyze-summary.svm-mode.txt");
        Path report = Files.isRegularFile(svm) ? svm : dir.resolve("xenalyze-summary.txt");
        Map<String, XenalyzeRunstates.Entry> expected = XenalyzeRunstates.parse(report);
        assertFalse(expected.isEmpty(), "no runstate lines in " + report);
        StateModel model;
        try (TraceReader r = TraceReader.open(trace)) {
            model = StateModelBuilder.build(r);
        }
        Map<String, long[]> actual = new TreeMap<>();
        for (Lane lane : model.vcpuLanes()) {
            int from = 0;
            while (from < lane.size() && lane.state(from) != Runstate.RUNNING && lane.state(from) != Runstate.LOST) {
                from++;
            }
            for (int i = from; i < lane.size() - 1; i++) {
                long[] e = actual.computeIfAbsent(lane.id() + " " + Runstate.name(lane.state(i)), k -> new long[2]);
                e[0]++;
                e[1] += lane.end(i) - lane.start(i);
            }
        }
        List<String> diffs = new ArrayList<>();
        expected.keySet().removeIf(k -> k.endsWith(" wake") || k.endsWith(" cpu affinity"));
        for (Map.Entry<String, XenalyzeRunstates.Entry> e : expected.entrySet()) {
            long[] a = actual.remove(e.getKey());
            XenalyzeRunstates.Entry x = e.getValue();
            if (a == null || a[0] != x.count() || a[1] / a[0] != x.avg()) {
                diffs.add(e.getKey() + ": xenalyze " + x.count() + " x " + x.avg() + ", model "
                        + (a == null ? "none" : a[0] + " x " + a[1] / a[0]));
            }
        }
        for (Map.Entry<String, long[]> e : actual.entrySet()) {
            diffs.add(e.getKey() + ": not in xenalyze, model " + e.getValue()[0] + " x "
                    + e.getValue()[1] / e.getValue()[0]);
        }
        assertTrue(diffs.isEmpty(), name + ":\n" + String.join("\n", diffs));
    }
}
