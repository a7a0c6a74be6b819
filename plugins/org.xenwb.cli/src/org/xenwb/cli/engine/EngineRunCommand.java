package org.xenwb.cli.engine;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.xenwb.cli.CancelOnShutdown;
import org.xenwb.cli.Main;
import org.xenwb.engine.core.Engine;
import org.xenwb.engine.core.EngineOptions;
import org.xenwb.engine.core.Scenario;
import org.xenwb.engine.core.ScenarioRunner;
import org.xenwb.engine.core.model.DomainConfig;
import org.xenwb.engine.core.trace.XentraceRecorder;
import org.xenwb.engine.core.workload.Workloads;
import org.xenwb.engine.core.xl.XlException;
import org.xenwb.engine.core.xl.XlShell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code xenwb engine run}: a quick run from options, or a scenario file. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a simulated host and print per-vCPU metrics.",
            "Either a SCENARIO file, or options: domains get ids from 1 in the order given and run CPU-bound "
                + "unless their xl.cfg has xenwb_workload or --workload is given."},
        footer = {"", "Example: xenwb engine run --pcpus 4 --sched credit2 --domain burn1.cfg --domain mixed2.cfg "
            + "--duration 10s --seed 1 --trace out.bin",
            "",
            "A SCENARIO file has one directive per line ('#' starts a comment; paths are relative to the file):",
            "  host preset=NAME | pcpus=N | file=HOST.cfg     sched NAME     seed N",
            "  build XEN.config     duration TIME     trace OUT.bin",
            "  dom0 vcpus=N mem=MIB workload=SPEC     domain FILE.cfg [workload=SPEC]",
            "  replay TRACE.bin cpu_hz=HZ",
            "  at TIME XL-COMMAND   (e.g. at 2s vcpu-pin guest1 0 3; at 4s cpupool-migrate",
            "                        guest2 rt: domains by name or id)",
            "",
            "The report: per vCPU, the seconds spent running, runnable, blocked and offline; migr, the runs that "
                + "started on another pCPU than the run before; lat_p50us and lat_p99us, the percentiles of the time "
                + "from becoming runnable (a wake-up, an unpause, the domain's start) to running, '-' without one; "
                + "dl_miss, the periodic jobs finished after their deadline, of those finished. Per domain, in its "
                + "cpupool: cpu_share, its part of the CPU time the pool's domains used; w_share, its part of their "
                + "weight times online vCPUs (what credit and credit2 share by when every vCPU is busy and no cap "
                + "applies)."})
final class EngineRunCommand implements java.util.concurrent.Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "SCENARIO", description = "A scenario file.")
    private Path scenario;

    @Mixin
    private HostOptions host;

    @Option(names = "--domain", paramLabel = "FILE.cfg", description = "A domain's xl.cfg (repeatable).")
    private List<Path> domains = new ArrayList<>();

    @Option(names = "--workload", paramLabel = "SPEC",
            description = "Workload of domains without xenwb_workload: cpu (default), idle, "
                    + "periodic:period=10ms,exec=2ms[,jitter=1ms], io:run=1ms,block=5ms.")
    private String workload;

    @Option(names = "--duration", paramLabel = "TIME", defaultValue = "10s", description = "Simulated time (10s).")
    private String duration;

    @Option(names = "--trace", paramLabel = "OUT.bin", description = "Write a xentrace file.")
    private Path trace;

    @Option(names = "--quiet", description = "No progress on standard error (a run longer than a second of wall time "
            + "reports every tenth of its simulated time). Ctrl-C stops a run where it is, with its trace and report.")
    private boolean quiet;

    @Option(names = "--xl", paramLabel = "CMD", description = "xl command(s) to print after the run, e.g. "
            + "--xl 'vcpu-list'.")
    private List<String> xl = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Scenario s = null;
        long durationNs;
        host.check();
        for (String cmd : xl) {
            try {
                XlShell.checkCommand(cmd);
            } catch (XlException e) {
                throw host.usage("--xl '" + cmd + "': " + e.getMessage());
            }
        }
        if (scenario != null) {
            if (!domains.isEmpty()) {
                throw host.usage("give either a SCENARIO or --domain options, not both");
            }
            s = Scenario.read(scenario);
            durationNs = s.durationNs();
        } else {
            try {
                durationNs = Workloads.parseDuration(duration);
                if (workload != null) {
                    Workloads.validate(workload);
                }
            } catch (IllegalArgumentException e) {
                throw host.usage(e.getMessage());
            }
            if (durationNs <= 0) {
                throw host.usage("--duration must be positive, got '" + duration + "'");
            }
        }
        CancelOnShutdown shutdown = new CancelOnShutdown();
        RunProgress progress = new RunProgress(err, quiet, durationNs, shutdown);
        Scenario toRun = s;
        long runNs = durationNs;
        return shutdown.run("xenwb-engine-run-cancel", () -> runAndReport(toRun, runNs, progress, out, err));
    }

    private int runAndReport(Scenario s, long durationNs, RunProgress progress, PrintWriter out, PrintWriter err)
            throws IOException {
        long t0 = System.nanoTime();
        Engine e;
        if (s != null) {
            if (trace != null) {
                s = new Scenario(s.source(), s.baseDir(), s.hostSpec(), s.buildFile(), s.sched(), s.seed(),
                        s.dom0Vcpus(), s.dom0MemMiB(), s.dom0Workload(), s.domains(), s.timeline(), s.durationNs(),
                        trace, s.replayFile(), s.replayCpuHz());
            }
            e = ScenarioRunner.run(s, host.debugChecks, d -> err.println("xenwb: " + d), out::print, progress);
        } else {
            EngineOptions o = host.options();
            List<DomainConfig> configs = new ArrayList<>();
            for (Path p : domains) {
                DomainConfig c = DomainConfig.read(p, d -> err.println("xenwb: " + d));
                configs.add(c.workload() == null && workload != null ? c.withWorkload(workload) : c);
            }
            if (trace != null) {
                o.trace = XentraceRecorder.create(trace);
            }
            e = host.boot(o);
            try {
                for (int i = 0; i < configs.size(); i++) {
                    try {
                        e.createDomain(configs.get(i));
                    } catch (IllegalArgumentException ex) {
                        throw new IllegalArgumentException(domains.get(i) + ": " + ex.getMessage(), ex);
                    }
                }
                e.run(durationNs, progress);
                e.quiesce();
            } finally {
                e.closeTrace();
            }
            e.resume();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        boolean interrupted = progress.isCanceled();
        Report.print(e, interrupted ? e.now() : durationNs, wall, out);
        XlShell shell = new XlShell(e, null, d -> err.println("xenwb: " + d));
        boolean xlFailed = false;
        for (String cmd : xl) {
            out.println();
            try {
                out.print(shell.execute(cmd));
            } catch (XlException | IllegalArgumentException ex) {
                // the others still print: the run behind them may have taken long
                out.flush();
                err.println("xenwb: xl: " + ex.getMessage());
                err.flush();
                xlFailed = true;
            }
        }
        if (trace != null) {
            out.println();
            out.println("trace written to " + trace + " (read it with: xenalyze --cpu-hz="
                    + e.hostTopology().tscHz() + " --summary " + trace + ")");
        }
        out.flush();
        if (interrupted) {
            err.printf(java.util.Locale.ROOT, "xenwb: interrupted: simulated %.3f s of %.3f s%s%n", e.now() / 1e9,
                    durationNs / 1e9, trace == null ? "" : "; the trace holds that part");
            err.flush();
            return Main.EXIT_INTERRUPTED;
        }
        return xlFailed ? Main.EXIT_FAILURE : Main.EXIT_OK;
    }
}
