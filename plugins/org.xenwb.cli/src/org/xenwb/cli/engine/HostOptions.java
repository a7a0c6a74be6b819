package org.xenwb.cli.engine;

import java.io.IOException;
import java.nio.file.Path;

import org.xenwb.engine.core.Engine;
import org.xenwb.engine.core.EngineOptions;
import org.xenwb.engine.core.ScenarioRunner;
import org.xenwb.engine.core.model.HostTopology;
import org.xenwb.engine.core.model.HypervisorBuild;
import org.xenwb.engine.core.model.SchedulerKind;
import org.xenwb.engine.core.workload.Workloads;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options that describe the simulated host, shared by {@code run} and {@code shell}. */
final class HostOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--pcpus", paramLabel = "N", description = "A host with N pCPUs in one socket.")
    Integer pcpus;

    @Option(names = "--preset", paramLabel = "NAME",
            description = "A host preset: xenlab-4 (the real traces' QEMU host, default), 1s4c, 1s8c-smt, 2s16c-smt, "
                    + "2s32c, 4s32c-smt.")
    String preset;

    @Option(names = "--host", paramLabel = "FILE", description = "A host description file (xl.cfg syntax).")
    Path hostFile;

    @Option(names = "--config", paramLabel = "XEN_CONFIG",
            description = "The hypervisor's Kconfig .config (default: every scheduler built in).")
    Path buildConfig;

    @Option(names = "--sched", paramLabel = "NAME",
            description = "Boot scheduler (sched=): credit, credit2, rtds, arinc653, null. Default: the build's.")
    String sched;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default 1).")
    long seed;

    @Option(names = "--dom0-vcpus", paramLabel = "N", defaultValue = "2",
            description = "dom0_max_vcpus (default 2; 0 = one per pCPU).")
    int dom0Vcpus;

    @Option(names = "--dom0-workload", paramLabel = "SPEC", defaultValue = "idle",
            description = "dom0's workload (default idle).")
    String dom0Workload;

    @Option(names = "--debug-checks", description = "Check invariants after every scheduling decision.")
    boolean debugChecks;

    @Option(names = "--replay", paramLabel = "TRACE",
            description = "A real xentrace file whose run/block patterns 'replay' workloads use "
                    + "(e.g. --dom0-workload replay --workload replay: each vCPU replays the same domid/vCPU).")
    Path replay;

    @Option(names = "--replay-cpu-hz", paramLabel = "HZ", defaultValue = "2596127000",
            description = "TSC frequency of the host that recorded --replay (default: the real traces' 2596127000).")
    long replayCpuHz;

    /**
     * Checks the options whose values are wrong in themselves (not in a file), before anything runs.
     *
     * @throws ParameterException a usage error (exit code 2) naming the option
     */
    void check() {
        int given = (pcpus != null ? 1 : 0) + (preset != null ? 1 : 0) + (hostFile != null ? 1 : 0);
        if (given > 1) {
            throw usage("give only one of --pcpus, --preset, --host");
        }
        if (pcpus != null && (pcpus < 1 || pcpus > 4096)) {
            throw usage("--pcpus must be 1..4096, got " + pcpus);
        }
        try {
            if (preset != null) {
                HostTopology.preset(preset);
            }
            if (sched != null) {
                SchedulerKind.fromXlName(sched);
            }
            Workloads.validate(dom0Workload);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        if (dom0Vcpus < 0) {
            throw usage("--dom0-vcpus must be 0 (one per pCPU) or more, got " + dom0Vcpus);
        }
        if (replay != null && replayCpuHz <= 0) {
            throw usage("--replay-cpu-hz must be positive, got " + replayCpuHz);
        }
    }

    /** @return a usage error of the command these options belong to */
    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** @return the host the options describe; call {@link #check()} first */
    HostTopology host() throws IOException {
        if (pcpus != null) {
            return HostTopology.withCpus(pcpus);
        }
        if (hostFile != null) {
            return HostTopology.read(hostFile);
        }
        return ScenarioRunner.host(preset == null ? null : "preset=" + preset, null, "--preset");
    }

    HypervisorBuild build() throws IOException {
        return buildConfig == null ? HypervisorBuild.everything() : HypervisorBuild.read(buildConfig);
    }

    /** @return the engine options the host options give (the replay trace is read here); call {@link #check()} first */
    EngineOptions options() throws IOException {
        EngineOptions o = new EngineOptions();
        if (replay != null) {
            o.replay = org.xenwb.engine.core.trace.RunstateHistory.read(replay, replayCpuHz);
        }
        o.seed = seed;
        o.debugChecks = debugChecks;
        o.dom0Vcpus = dom0Vcpus;
        o.dom0Workload = dom0Workload;
        return o;
    }

    Engine boot(EngineOptions o) throws IOException {
        return new Engine(host(), build(), sched == null ? null : SchedulerKind.fromXlName(sched), o);
    }
}
