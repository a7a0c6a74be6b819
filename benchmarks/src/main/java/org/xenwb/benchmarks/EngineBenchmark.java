package org.xenwb.benchmarks;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.xenwb.engine.core.Engine;
import org.xenwb.engine.core.EngineOptions;
import org.xenwb.engine.core.model.DomainConfig;
import org.xenwb.engine.core.model.HostTopology;
import org.xenwb.engine.core.model.HypervisorBuild;
import org.xenwb.engine.core.model.SchedulerKind;
import org.xenwb.engine.core.trace.XentraceRecorder;
import org.xenwb.trace.core.read.TraceReader;
import org.xenwb.trace.core.xenalyze.XenalyzeAnalysis;
import org.xenwb.trace.core.xenalyze.XenalyzeOptions;

/**
 * The hypervisor engine's speed (issue 6): a host of 128 pCPUs (2 sockets x 64 cores) running 1,000 guest vCPUs
 * (125 domains x 8 vCPUs; mixed workloads: 5 of 8 domains I/O-like, 1 ms bursts and 2 ms blocked on average,
 * 2 of 8 periodic, 2 ms every 10 ms, 1 of 8 CPU-bound), dom0 idle with one vCPU per pCPU, for 1 s of simulated
 * time per operation, untraced and traced (xentrace records encoded into the per-pCPU buffers and written to a
 * null stream). An "event" is one event the simulation's queue fires (a schedule softirq, a slice or tick timer,
 * the end of a workload burst, a wake-up, a scheduler's accounting/replenishment timer); the count is the same
 * with and without tracing (same seed) and is reported as the {@code events} counter, so events/s = events per
 * op / time per op. Decisions ({@code do_schedule} calls) are reported as {@code decisions}, the thread's CPU time
 * as {@code cpuMicros} (events / cpuMicros = events per CPU-microsecond, the rate on one core).
 *
 * <p>The reference tool is Debian's {@code xenalyze}: before measuring, a 200 ms traced run of the same host is
 * written to a file and {@code xenalyze --summary} of it must exit 0 and print exactly what the workbench's
 * xenalyze port prints, so only an engine whose traces xenalyze reads is measured. ARINC653 (only the pool's first
 * pCPU runs, from a table of dom0's vCPUs) and null (one vCPU per pCPU for good: with 1,128 vCPUs on 128 pCPUs
 * nearly nothing happens) are left out.</p>
 *
 * <p>The fork runs with the serial garbage collector, as the {@code xenwb} command line does: the engine is
 * single-threaded, and G1's write barriers cost it 10-20% (measured; the workbench's own JVM keeps G1).</p>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-XX:+UseSerialGC")
public class EngineBenchmark {

    /** Simulated time per operation, ns. */
    static final long SIMULATED_NS = 1_000_000_000L;

    @Param({"credit", "credit2", "rtds"})
    public String scheduler;

    @Param({"false", "true"})
    public boolean traced;

    private Engine engine;

    /** Per-operation counters, summed by JMH over an iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Counts {
        /** Events fired by the simulation's queue. */
        public long events;
        /** Scheduling decisions. */
        public long decisions;
        /**
         * CPU time of the benchmark thread in the runs, microseconds: the machine is shared, and on a loaded
         * machine this says how fast the engine is on one core better than the wall time does.
         */
        public long cpuMicros;
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Setup(Level.Trial)
    public void checkTraceAgainstXenalyze() throws Exception {
        Path file = Files.createTempFile("xenwb-engine-bench", ".trace");
        try {
            Engine e = build(XentraceRecorder.create(file));
            e.run(200_000_000L);
            e.closeTrace();
            StringWriter ours = new StringWriter();
            XenalyzeAnalysis analysis = new XenalyzeAnalysis(
                    new XenalyzeOptions(XenalyzeOptions.DEFAULT_CPU_HZ, false, false), Writer.nullWriter());
            try (TraceReader reader = TraceReader.openLikeXenalyze(file)) {
                analysis.process(reader);
            }
            analysis.printTo(new PrintWriter(ours));
            Process xenalyze = new ProcessBuilder(SharedInputs.tool("/usr/bin/xenalyze").toString(), "--summary",
                    file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String theirs = new String(xenalyze.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (xenalyze.waitFor() != 0 || !theirs.equals(ours.toString())) {
                throw new IllegalStateException("xenalyze's summary of the " + scheduler + " trace differs from the "
                        + "workbench's: fix that before measuring");
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Setup(Level.Invocation)
    public void createHost() {
        engine = build(traced ? new XentraceRecorder(OutputStream.nullOutputStream()) : null);
    }

    /**
     * Runs 1 s of simulated time.
     *
     * @param counts where the run's event and decision counts go
     * @return the engine
     */
    @Benchmark
    public Engine simulateOneSecond(Counts counts) {
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        engine.run(SIMULATED_NS);
        engine.closeTrace();
        counts.cpuMicros += (THREADS.getCurrentThreadCpuTime() - cpu0) / 1000;
        counts.events += engine.eventCount();
        counts.decisions += engine.decisionCount();
        return engine;
    }

    private Engine build(XentraceRecorder recorder) {
        EngineOptions o = new EngineOptions();
        o.seed = 1;
        o.dom0Vcpus = 0;
        if (recorder != null) {
            o.trace = recorder;
        }
        HostTopology host = new HostTopology("bench", 2, 64, 1, 2, XenalyzeOptions.DEFAULT_CPU_HZ, 1 << 20);
        Engine e = new Engine(host, HypervisorBuild.everything(), SchedulerKind.fromXlName(scheduler), o);
        for (int d = 0; d < 125; d++) {
            String workload = switch (d % 8) {
                case 5, 6 -> "periodic:period=10ms,exec=2ms";
                case 7 -> "cpu";
                default -> "io:run=1ms,block=2ms";
            };
            e.createDomain(DomainConfig.simple("g" + d, 8, 512).withWorkload(workload));
        }
        return e;
    }
}
