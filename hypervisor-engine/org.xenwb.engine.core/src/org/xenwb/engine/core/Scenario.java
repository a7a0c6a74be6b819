package org.xenwb.engine.core;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.xenwb.engine.core.config.ConfigException;
import org.xenwb.engine.core.config.InputFiles;
import org.xenwb.engine.core.model.SchedulerKind;
import org.xenwb.engine.core.workload.Workloads;
import org.xenwb.engine.core.xl.XlException;
import org.xenwb.engine.core.xl.XlShell;

/**
 * A scenario file: host, build, scheduler, domains, workloads, a timeline of xl commands, duration and trace
 * options. One directive per line, {@code #} comments:
 * <pre>
 * host preset=xenlab-4          # or: host pcpus=8, or: host file=myhost.cfg
 * build debian.config           # a Xen .config (default: every scheduler built in)
 * sched credit2                 # the boot scheduler (sched=)
 * seed 42
 * dom0 vcpus=2 mem=1024 workload=idle
 * domain burn1.cfg workload=cpu # an xl.cfg file; workload overrides its xenwb_workload
 * at 2s vcpu-pin burn1 0 3      # an xl command at a simulated time
 * at 4s cpupool-migrate burn1 pool-rt
 * duration 10s
 * trace out.bin
 * replay real.bin cpu_hz=2596127000   # patterns for workload=replay
 * </pre>
 * Relative paths are resolved against the scenario's directory. Immutable after parsing.
 *
 * @param source the file name
 * @param baseDir directory for relative paths
 * @param hostSpec {@code preset=NAME}, {@code pcpus=N} or {@code file=PATH}, or null
 * @param buildFile a .config, or null
 * @param sched the boot scheduler name, or null
 * @param seed the seed
 * @param dom0Vcpus dom0 vCPUs (0 = one per pCPU)
 * @param dom0MemMiB dom0 memory
 * @param dom0Workload dom0 workload spec
 * @param domains domain files with optional workload overrides
 * @param timeline commands in time order
 * @param durationNs how long to run, ns
 * @param traceFile where to write the trace, or null
 * @param replayFile a real trace whose run/block patterns {@code replay} workloads use, or null
 * @param replayCpuHz the TSC frequency of that trace's host
 */
public record Scenario(String source, Path baseDir, String hostSpec, Path buildFile, String sched, long seed,
        int dom0Vcpus, long dom0MemMiB, String dom0Workload, List<DomainEntry> domains, List<TimedCommand> timeline,
        long durationNs, Path traceFile, Path replayFile, long replayCpuHz) {

    /**
     * A domain of the scenario.
     *
     * @param file its xl.cfg
     * @param workload workload override, or null
     * @param line the line in the scenario
     */
    public record DomainEntry(Path file, String workload, int line) {
    }

    /**
     * An xl command at a time.
     *
     * @param atNs simulated time, ns
     * @param command the xl command line
     * @param line the line in the scenario
     */
    public record TimedCommand(long atNs, String command, int line) {
    }

    /**
     * @param path the scenario file
     * @return the scenario
     * @throws IOException if unreadable
     * @throws ConfigException with file and line on a bad directive
     */
    public static Scenario read(Path path) throws IOException {
        return parse(path.toString(), path.toAbsolutePath().getParent(),
                InputFiles.text(path));
    }

    /**
     * @param source name for messages
     * @param baseDir directory for relative paths
     * @param text the content
     * @return the scenario
     * @throws ConfigException with file and line on a bad directive
     */
    public static Scenario parse(String source, Path baseDir, String text) {
        String host = null;
        Path build = null;
        String sched = null;
        long seed = 1;
        int dom0Vcpus = 2;
        long dom0Mem = 1024;
        String dom0Workload = "idle";
        List<DomainEntry> domains = new ArrayList<>();
        List<TimedCommand> timeline = new ArrayList<>();
        long duration = 10_000_000_000L;
        Path trace = null;
        Path replay = null;
        long replayHz = 0;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int ln = i + 1;
            String l = lines[i];
            int hash = l.indexOf('#');
            if (hash >= 0) {
                l = l.substring(0, hash);
            }
            l = l.strip();
            if (l.isEmpty()) {
                continue;
            }
            String[] w = l.split("\\s+", 2);
            String arg = w.length > 1 ? w[1].strip() : "";
            try {
                switch (w[0]) {
                    case "host" -> {
                        host = need(arg, "host preset=NAME | pcpus=N | file=PATH");
                        HostSpec.parse(host).withoutFile(); // a host file is read, and its lines checked, at run time
                    }
                    case "build" -> build = baseDir.resolve(need(arg, "build FILE"));
                    case "sched" -> sched = SchedulerKind.fromXlName(need(arg, "sched NAME")).xlName();
                    case "seed" -> seed = Long.parseLong(need(arg, "seed N"));
                    case "duration" -> duration = Workloads.parseDuration(need(arg, "duration 10s"));
                    case "trace" -> trace = baseDir.resolve(need(arg, "trace FILE"));
                    case "replay" -> {
                        String[] p = need(arg, "replay FILE cpu_hz=HZ").split("\\s+");
                        if (p.length != 2 || !p[1].startsWith("cpu_hz=")) {
                            throw new IllegalArgumentException("usage: replay FILE cpu_hz=HZ");
                        }
                        replay = baseDir.resolve(p[0]);
                        replayHz = Long.parseLong(p[1].substring(7));
                        if (replayHz <= 0) {
                            throw new IllegalArgumentException("replay: cpu_hz must be positive, got " + replayHz);
                        }
                    }
                    case "dom0" -> {
                        for (String kv : arg.split("\\s+")) {
                            String[] p = kv.split("=", 2);
                            if (p.length != 2) {
                                throw new IllegalArgumentException("expected key=value, got '" + kv + "'");
                            }
                            switch (p[0]) {
                                case "vcpus" -> dom0Vcpus = Integer.parseInt(p[1]);
                                case "mem" -> dom0Mem = Long.parseLong(p[1]);
                                case "workload" -> {
                                    Workloads.validate(p[1]);
                                    dom0Workload = p[1];
                                }
                                default -> throw new IllegalArgumentException("unknown dom0 key '" + p[0] + "'");
                            }
                        }
                    }
                    case "domain" -> {
                        String[] p = need(arg, "domain FILE.cfg [workload=SPEC]").split("\\s+");
                        String wl = null;
                        for (int k = 1; k < p.length; k++) {
                            if (!p[k].startsWith("workload=")) {
                                throw new IllegalArgumentException("unexpected '" + p[k] + "'");
                            }
                            wl = p[k].substring(9);
                            Workloads.validate(wl);
                        }
                        domains.add(new DomainEntry(baseDir.resolve(p[0]), wl, ln));
                    }
                    case "at" -> {
                        String[] p = need(arg, "at TIME XL-COMMAND").split("\\s+", 2);
                        if (p.length < 2) {
                            throw new IllegalArgumentException("'at' needs a time and an xl command");
                        }
                        try {
                            XlShell.checkCommand(p[1]); // a misspelt command fails now, not after the run to it
                        } catch (XlException e) {
                            throw new IllegalArgumentException(e.getMessage(), e);
                        }
                        timeline.add(new TimedCommand(Workloads.parseDuration(p[0]), p[1], ln));
                    }
                    default -> throw new IllegalArgumentException("unknown directive '" + w[0]
                            + "' (host, build, sched, seed, dom0, domain, at, duration, trace, replay)");
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException(source, ln, e.getMessage());
            }
        }
        timeline.sort((a, b) -> Long.compare(a.atNs(), b.atNs()));
        return new Scenario(source, baseDir, host, build, sched, seed, dom0Vcpus, dom0Mem, dom0Workload,
                List.copyOf(domains), List.copyOf(timeline), duration, trace, replay, replayHz);
    }

    private static String need(String arg, String usage) {
        if (arg.isEmpty()) {
            throw new IllegalArgumentException("usage: " + usage);
        }
        return arg;
    }
}
