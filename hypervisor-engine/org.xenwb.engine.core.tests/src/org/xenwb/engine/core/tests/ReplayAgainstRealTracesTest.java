package org.xenwb.engine.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xenwb.engine.core.Engine;
import org.xenwb.engine.core.EngineOptions;
import org.xenwb.engine.core.model.Domain;
import org.xenwb.engine.core.model.DomainConfig;
import org.xenwb.engine.core.model.HostTopology;
import org.xenwb.engine.core.model.HypervisorBuild;
import org.xenwb.engine.core.model.SchedulerKind;
import org.xenwb.engine.core.model.Vcpu;
import org.xenwb.engine.core.trace.RunstateHistory;

/**
 * Replays the run/block pattern of the real traces (same host, domains, vCPUs and scheduler) and compares the
 * engine's per-vCPU running time with what Debian's xenalyze reported on the real trace (the saved
 * {@code xenalyze-summary.txt}).
 *
 * <p>Tolerance: running time within 3% of the real value plus 20 ms. Runnable (waiting) time is NOT within any
 * useful tolerance: on the real host (QEMU TCG, xentrace itself running in dom0) vCPUs waited 0.003-0.12 s where
 * the engine gives 0.000-0.062 s (different vCPUs wait in each), so it is printed, not asserted. Measured running
 * time: worst 1.4% (credit, d2v0), all others within 0.5%.</p>
 */
class ReplayAgainstRealTracesTest {

    @ParameterizedTest
    @CsvSource({"credit2boot-credit2-all, credit2", "creditboot-credit-all, credit"})
    void replayedRunningTimesMatchTheRealRun(String dir, String sched) throws Exception {
        Path trace = SharedData.require("traces/" + dir + "/trace.bin");
        Path summary = SharedData.require("traces/" + dir + "/xenalyze-summary.txt");
        long hz = 2_596_127_000L;
        RunstateHistory h = RunstateHistory.read(trace, hz);
        EngineOptions o = new EngineOptions();
        o.replay = h;
        o.dom0Workload = "replay";
        o.debugChecks = true;
        Engine e = new Engine(HostTopology.preset("xenlab-4"), HypervisorBuild.everything(),
                SchedulerKind.fromXlName(sched), o);
        e.createDomain(DomainConfig.simple("burn1", 2, 128).withWorkload("replay"));
        e.createDomain(DomainConfig.simple("mixed2", 1, 128).withWorkload("replay"));
        e.run(h.durationNs());
        Map<String, Xenalyze.Runstate> real = Xenalyze.runstates(Files.readString(summary));
        int compared = 0;
        for (Domain d : e.domains()) {
            for (Vcpu v : d.vcpus()) {
                String key = "d" + d.id() + "v" + v.id();
                Xenalyze.Runstate r = real.get(key + "/running");
                Xenalyze.Runstate w = real.get(key + "/runnable");
                double realRun = r.minCycles() / (double) hz;
                double engRun = e.metrics(v).running() / 1e9;
                System.out.printf(Locale.ROOT, "%s %s: running real %.3f s engine %.3f s; runnable real %.3f s "
                        + "engine %.3f s%n", dir, key, realRun, engRun, w == null ? 0 : w.minCycles() / (double) hz,
                        e.metrics(v).runnable() / 1e9);
                assertTrue(Math.abs(engRun - realRun) <= 0.03 * realRun + 0.02,
                        key + ": engine " + engRun + " s, real " + realRun + " s");
                compared++;
            }
        }
        assertEquals(5, compared);
    }
}
