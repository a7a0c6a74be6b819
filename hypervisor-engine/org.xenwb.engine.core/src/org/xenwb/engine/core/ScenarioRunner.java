package org.xenwb.engine.core;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.xenwb.engine.core.config.ConfigException;
import org.xenwb.engine.core.config.Diagnostic;
import org.xenwb.engine.core.model.DomainConfig;
import org.xenwb.engine.core.model.HostTopology;
import org.xenwb.engine.core.model.HypervisorBuild;
import org.xenwb.engine.core.model.SchedulerKind;
import org.xenwb.engine.core.trace.XentraceRecorder;
import org.xenwb.engine.core.xl.XlException;
import org.xenwb.engine.core.xl.XlShell;

/**
 * Builds an engine from a {@link Scenario} and runs it: boots the host, creates the domains (ids from 1 in the
 * order given), runs the timeline's xl commands at their times, runs to the end, quiesces, closes the trace and
 * resumes the domains (so xl commands afterwards show the live state).
 * Deterministic: the same scenario gives the same results and the same trace bytes.
 */
public final class ScenarioRunner {

    private ScenarioRunner() {
    }

    /**
     * @param s the scenario
     * @param debugChecks check invariants after every decision
     * @param diagnostics receives config file findings
     * @param xlOutput receives what timeline commands print
     * @param monitor progress and cancellation over the whole timeline, may be null: once canceled, the run stops
     *     where it is (later timeline commands do not run) and the trace is closed, valid up to that point
     * @return the engine after the run
     * @throws IOException if a file cannot be read or the trace written
     * @throws ConfigException on bad input, with file and line
     */
    public static Engine run(Scenario s, boolean debugChecks, Consumer<Diagnostic> diagnostics,
            Consumer<String> xlOutput, ProgressMonitor monitor) throws IOException {
        HostTopology host = host(s.hostSpec(), s.baseDir(), s.source());
        HypervisorBuild build = s.buildFile() == null ? HypervisorBuild.everything()
                : HypervisorBuild.read(s.buildFile());
        EngineOptions o = new EngineOptions();
        o.seed = s.seed();
        o.debugChecks = debugChecks;
        o.dom0Vcpus = s.dom0Vcpus();
        o.dom0MemMiB = s.dom0MemMiB();
        o.dom0Workload = s.dom0Workload();
        if (s.replayFile() != null) {
            o.replay = org.xenwb.engine.core.trace.RunstateHistory.read(s.replayFile(), s.replayCpuHz());
        }
        if (s.traceFile() != null) {
            o.trace = XentraceRecorder.create(s.traceFile());
        }
        SchedulerKind kind = s.sched() == null ? null : SchedulerKind.fromXlName(s.sched());
        Engine e = new Engine(host, build, kind, o);
        try {
            List<DomainConfig> configs = new ArrayList<>();
            for (Scenario.DomainEntry d : s.domains()) {
                DomainConfig c = DomainConfig.read(d.file(), diagnostics);
                configs.add(d.workload() == null ? c : c.withWorkload(d.workload()));
            }
            for (int i = 0; i < configs.size(); i++) {
                try {
                    e.createDomain(configs.get(i));
                } catch (IllegalArgumentException ex) {
                    // e.g. a pool the host does not have: the scenario's domain line, and the file it names
                    Scenario.DomainEntry d = s.domains().get(i);
                    throw new ConfigException(s.source(), d.line(), d.file() + ": " + ex.getMessage());
                }
            }
            XlShell xl = new XlShell(e, s.baseDir(), diagnostics);
            long start = e.now();
            for (Scenario.TimedCommand t : s.timeline()) {
                if (t.atNs() > s.durationNs() || canceled(monitor)) {
                    break;
                }
                e.run(start + t.atNs() - e.now(), monitor);
                if (canceled(monitor)) {
                    break;
                }
                try {
                    String out = xl.execute(t.command());
                    if (!out.isEmpty()) {
                        xlOutput.accept(out);
                    }
                } catch (XlException ex) {
                    throw new ConfigException(s.source(), t.line(), ex.getMessage());
                }
            }
            if (!canceled(monitor)) {
                e.run(start + s.durationNs() - e.now(), monitor);
            }
            e.quiesce();
        } finally {
            e.closeTrace();
        }
        e.resume();
        return e;
    }

    private static boolean canceled(ProgressMonitor monitor) {
        return monitor != null && monitor.isCanceled();
    }

    /**
     * Resolves a host spec.
     *
     * @param spec {@code preset=NAME}, {@code pcpus=N}, {@code file=PATH} or null (the xenlab-4 preset)
     * @param baseDir for relative files
     * @param source for messages
     * @return the host
     * @throws IOException if a host file cannot be read
     */
    public static HostTopology host(String spec, Path baseDir, String source) throws IOException {
        if (spec == null) {
            return HostTopology.preset("xenlab-4");
        }
        HostSpec parsed;
        try {
            parsed = HostSpec.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source, 0, e.getMessage());
        }
        return parsed.resolve(baseDir);
    }
}
