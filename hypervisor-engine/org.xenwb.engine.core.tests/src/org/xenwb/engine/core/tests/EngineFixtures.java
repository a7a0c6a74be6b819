package org.xenwb.engine.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.xenwb.engine.core.Engine;
import org.xenwb.engine.core.EngineOptions;
import org.xenwb.engine.core.model.Domain;
import org.xenwb.engine.core.model.DomainConfig;
import org.xenwb.engine.core.model.HostTopology;
import org.xenwb.engine.core.model.HypervisorBuild;
import org.xenwb.engine.core.model.RunState;
import org.xenwb.engine.core.model.SchedulerKind;
import org.xenwb.engine.core.model.Vcpu;
import org.xenwb.engine.core.trace.XentraceRecorder;

/** Small helpers to build engines in tests. */
final class EngineFixtures {

    static final long MS = 1_000_000L;
    static final long S = 1_000_000_000L;

    private EngineFixtures() {
    }

    static Engine engine(int pcpus, SchedulerKind kind, long seed) {
        EngineOptions o = new EngineOptions();
        o.seed = seed;
        o.debugChecks = true;
        return new Engine(HostTopology.withCpus(pcpus), HypervisorBuild.everything(), kind, o);
    }

    /**
     * @param host the host
     * @param kind Pool-0's scheduler
     * @param seed the seed
     * @param file where the trace goes (replaced)
     * @return an engine with debug checks on, tracing to {@code file}
     */
    static Engine traced(HostTopology host, SchedulerKind kind, long seed, Path file) throws Exception {
        return traced(host, kind, seed, new EngineOptions().dom0Vcpus, file);
    }

    /**
     * {@link #traced(HostTopology, SchedulerKind, long, Path)} with dom0's number of vCPUs (0: one per pCPU).
     */
    static Engine traced(HostTopology host, SchedulerKind kind, long seed, int dom0Vcpus, Path file) throws Exception {
        EngineOptions o = new EngineOptions();
        o.seed = seed;
        o.dom0Vcpus = dom0Vcpus;
        o.debugChecks = true;
        o.trace = XentraceRecorder.create(file);
        return new Engine(host, HypervisorBuild.everything(), kind, o);
    }

    /**
     * Runs RTDS on the {@code xenlab-4} preset with a CPU-bound domain "burn" (d1, 3 vCPUs) and an I/O domain "io"
     * (d2), traced to {@code target/traces/NAME}, and returns xenalyze's {@code --dump-all} of it (checked to exit
     * 0 without complaints).
     */
    static Xenalyze.Result rtdsBurnAndIoDump(String name, long seed, int ioVcpus, String ioWorkload, long ns)
            throws Exception {
        Path file = SharedData.targetDir("traces").resolve(name);
        Engine e = traced(HostTopology.preset("xenlab-4"), SchedulerKind.RTDS, seed, file);
        e.createDomain(DomainConfig.simple("burn", 3, 128));
        e.createDomain(DomainConfig.simple("io", ioVcpus, 128).withWorkload(ioWorkload));
        e.run(ns);
        return cleanDumpAll(e, file);
    }

    /**
     * Closes an engine's trace and returns Debian's {@code xenalyze --dump-all} of it, checked to exit 0 without
     * complaints about the records.
     *
     * @param e an engine tracing to {@code file}
     * @param file its trace
     */
    static Xenalyze.Result cleanDumpAll(Engine e, Path file) throws Exception {
        e.closeTrace();
        Xenalyze.Result r = Xenalyze.run(file, e.hostTopology().tscHz(), "--dump-all");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(Xenalyze.complaints(r.stderr()).isEmpty(), r.stderr());
        return r;
    }

    /**
     * Asserts that each vCPU of the engine's domains has its runstate times add up to its lifetime (nothing lost or
     * counted twice through pauses, moves, parks and resizes).
     *
     * @param e the engine
     */
    static void assertRunstatesAddUp(Engine e) {
        long now = e.now();
        for (Domain d : e.domains()) {
            for (Vcpu v : d.vcpus()) {
                long sum = 0;
                for (RunState s : RunState.values()) {
                    sum += v.timeIn(s, now);
                }
                assertEquals(now - d.createdAt, sum, v + ": runstate times add up to its lifetime");
            }
        }
    }
}
