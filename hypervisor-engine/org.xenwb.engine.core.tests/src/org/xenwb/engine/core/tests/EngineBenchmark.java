package org.xenwb.engine.core.tests;

import java.io.OutputStream;
import java.util.Locale;

import org.xenwb.engine.core.Engine;
import org.xenwb.engine.core.EngineOptions;
import org.xenwb.engine.core.model.DomainConfig;
import org.xenwb.engine.core.model.HostTopology;
import org.xenwb.engine.core.model.HypervisorBuild;
import org.xenwb.engine.core.model.SchedulerKind;
import org.xenwb.engine.core.trace.XentraceRecorder;

/**
 * The benchmark of docs/benchmarks.md: a 128-pCPU host (2 sockets x 64 cores) with 1,000 guest vCPUs (125 domains
 * of 8 vCPUs, I/O-like: 1 ms bursts, 2 ms blocked), with tracing on (to a null stream) and off.
 * Run by hand: {@code java ... org.xenwb.engine.core.tests.EngineBenchmark [credit2|credit|rtds] [seconds]}.
 */
public final class EngineBenchmark {

    private EngineBenchmark() {
    }

    /**
     * @param args scheduler name and simulated seconds
     */
    public static void main(String[] args) {
        SchedulerKind kind = SchedulerKind.fromXlName(args.length > 0 ? args[0] : "credit2");
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 2;
        // alternate untraced/traced runs; the machine is shared, so read the best of the later runs
        for (boolean traced : new boolean[] {false, true, false, true, false, true, false, true}) {
            EngineOptions o = new EngineOptions();
            o.seed = 1;
            o.dom0Vcpus = 0;
            if (traced) {
                o.trace = new XentraceRecorder(OutputStream.nullOutputStream());
            }
            HostTopology h = new HostTopology("bench", 2, 64, 1, 2, 2_400_000_000L, 1 << 20);
            Engine e = new Engine(h, HypervisorBuild.everything(), kind, o);
            for (int d = 0; d < 125; d++) {
                e.createDomain(DomainConfig.simple("g" + d, 8, 512).withWorkload("io:run=1ms,block=2ms"));
            }
            long t0 = System.nanoTime();
            e.run(seconds * 1_000_000_000L);
            double wall = (System.nanoTime() - t0) / 1e9;
            e.closeTrace();
            System.out.printf(Locale.ROOT, "%s tracing=%s: %d events, %d decisions in %.2f s wall for %d s simulated:"
                    + " %.2f M events/s, %.1fx real time%n", kind.xlName(), traced, e.eventCount(),
                    e.decisionCount(), wall, seconds, e.eventCount() / wall / 1e6, seconds / wall);
        }
    }
}
