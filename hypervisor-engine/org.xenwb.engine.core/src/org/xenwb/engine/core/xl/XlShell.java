package org.xenwb.engine.core.xl;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.xenwb.engine.core.Engine;
import org.xenwb.engine.core.config.ConfigException;
import org.xenwb.engine.core.config.Diagnostic;
import org.xenwb.engine.core.config.InputFiles;
import org.xenwb.engine.core.config.XlCfg;
import org.xenwb.engine.core.model.CpuSet;
import org.xenwb.engine.core.model.Domain;
import org.xenwb.engine.core.model.DomainConfig;
import org.xenwb.engine.core.model.SchedulerKind;
import org.xenwb.engine.core.ops.OperationDeniedException;

/**
 * An {@code xl}-compatible command interpreter over an {@link Engine}: the same sub-commands, argument
 * conventions and output layouts as xl 4.17 for {@code list}, {@code create}, {@code destroy}, {@code pause},
 * {@code unpause}, {@code shutdown}, {@code reboot}, {@code vcpu-list}, {@code vcpu-pin}, {@code vcpu-set},
 * {@code sched-credit}, {@code sched-credit2}, {@code sched-rtds}, {@code cpupool-list}, {@code cpupool-create},
 * {@code cpupool-destroy}, {@code cpupool-cpu-add}, {@code cpupool-cpu-remove}, {@code cpupool-migrate},
 * {@code info} and {@code dmesg}. Not thread-safe.
 */
public final class XlShell {

    private final Engine engine;
    private final Path baseDir;
    private final Consumer<Diagnostic> diagnostics;
    /** kernel/extra/ramdisk of the domains this shell created, for {@code list -l}. */
    private final java.util.Map<Integer, XlListLong.BootFiles> bootFiles = new java.util.HashMap<>();
    private final XlSchedCommands sched;

    /**
     * @param engine the engine
     * @param baseDir where relative config file names are resolved
     * @param diagnostics receives unknown-key reports of config files
     */
    public XlShell(Engine engine, Path baseDir, Consumer<Diagnostic> diagnostics) {
        this.engine = engine;
        this.sched = new XlSchedCommands(engine);
        this.baseDir = baseDir;
        this.diagnostics = diagnostics;
    }

    /**
     * Splits a command line like a shell would (quotes, no expansion).
     *
     * @param line the line
     * @return the words
     */
    public static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                if (cur == null) {
                    cur = new StringBuilder();
                }
            } else if (Character.isWhitespace(c)) {
                if (cur != null) {
                    out.add(cur.toString());
                    cur = null;
                }
            } else {
                if (cur == null) {
                    cur = new StringBuilder();
                }
                cur.append(c);
            }
        }
        if (quote != 0) {
            throw new XlException("unterminated quote in '" + line + "'");
        }
        if (cur != null) {
            out.add(cur.toString());
        }
        return out;
    }

    /** The sub-commands {@link #execute} implements. */
    public static final List<String> COMMANDS = List.of("list", "vcpu-list", "info", "dmesg", "create", "destroy",
            "pause", "unpause", "shutdown", "reboot", "vcpu-pin", "vcpu-set", "sched-credit", "sched-credit2",
            "sched-rtds", "cpupool-list", "cpupool-create", "cpupool-destroy", "cpupool-cpu-add", "cpupool-cpu-remove",
            "cpupool-migrate");

    /**
     * Checks a command line's sub-command without running it, so that a caller holding commands for later (after a
     * long simulation) can refuse a misspelt one at once.
     *
     * @param line a command line, optionally starting with {@code xl}
     * @throws XlException when its sub-command is not one of {@link #COMMANDS}
     */
    public static void checkCommand(String line) {
        List<String> w = split(line);
        if (!w.isEmpty() && w.get(0).equals("xl")) {
            w = w.subList(1, w.size());
        }
        if (!w.isEmpty() && !COMMANDS.contains(w.get(0))) {
            throw notImplemented(w.get(0));
        }
    }

    private static XlException notImplemented(String cmd) {
        return new XlException("command '" + cmd + "' is not implemented by the engine's xl (it has: "
                + String.join(", ", COMMANDS) + ")");
    }

    /**
     * Runs one command.
     *
     * @param line e.g. {@code vcpu-pin burn1 0 2}
     * @return what xl prints on standard output (may be empty)
     * @throws XlException with xl's message when the command fails
     */
    public String execute(String line) {
        List<String> w = split(line);
        if (!w.isEmpty() && w.get(0).equals("xl")) {
            w = w.subList(1, w.size());
        }
        if (w.isEmpty()) {
            return "";
        }
        String cmd = w.get(0);
        List<String> a = w.subList(1, w.size());
        try {
            return switch (cmd) {
                case "list" -> list(a);
                case "vcpu-list" -> a.isEmpty() ? XlFormat.vcpuList(engine)
                        : XlFormat.vcpuList(engine, a.stream().map(engine::findDomain).toList());
                case "info" -> XlFormat.info(engine);
                case "dmesg" -> dmesg(a);
                case "create" -> create(a);
                case "destroy" -> simple(a, d -> engine.destroy(d.id()));
                case "pause" -> simple(a, d -> engine.pause(d.id()));
                case "unpause" -> simple(a, d -> engine.unpause(d.id()));
                case "shutdown" -> simple(a, d -> engine.shutdown(d.id(), "poweroff"));
                case "reboot" -> simple(a, d -> engine.shutdown(d.id(), "reboot"));
                case "vcpu-pin" -> vcpuPin(a);
                case "vcpu-set" -> vcpuSet(a);
                case "sched-credit" -> sched.credit(a, SchedulerKind.CREDIT);
                case "sched-credit2" -> sched.credit(a, SchedulerKind.CREDIT2);
                case "sched-rtds" -> sched.rtds(a);
                case "cpupool-list" -> XlFormat.cpupoolList(engine, a.contains("-c") || a.contains("--cpus"));
                case "cpupool-create" -> cpupoolCreate(a);
                case "cpupool-destroy" -> {
                    need(a, 1, "cpupool-destroy <CPU Pool>");
                    engine.cpupoolDestroy(a.get(0));
                    yield "";
                }
                case "cpupool-cpu-add" -> {
                    need(a, 2, "cpupool-cpu-add <CPU Pool> <CPU nr>");
                    engine.poolByName(a.get(0));
                    eachCpu(a.get(1), c -> engine.cpupoolCpuAdd(a.get(0), c),
                            "some cpus may not have been added to " + a.get(0));
                    yield "";
                }
                case "cpupool-cpu-remove" -> {
                    need(a, 2, "cpupool-cpu-remove <CPU Pool> <CPU nr>");
                    engine.poolByName(a.get(0));
                    eachCpu(a.get(1), c -> engine.cpupoolCpuRemove(a.get(0), c), "Some cpus may have not or only "
                            + "partially been removed from '" + a.get(0) + "'.");
                    yield "";
                }
                case "cpupool-migrate" -> {
                    need(a, 2, "cpupool-migrate <Domain> <CPU Pool>");
                    engine.cpupoolMigrate(engine.findDomain(a.get(0)).id(), a.get(1));
                    yield "";
                }
                default -> throw notImplemented(cmd);
            };
        } catch (ConfigException e) {
            throw new XlException(cmd + ": " + e.getMessage());
        } catch (NumberFormatException e) {
            // (the JDK's message is 'For input string: "foo"'; the user wants the word that is not a number)
            String m = String.valueOf(e.getMessage());
            throw new XlException(cmd + ": not a number: " + (m.startsWith("For input string: ")
                    ? m.substring("For input string: ".length()) : m));
        } catch (IllegalArgumentException | OperationDeniedException e) {
            // refused input, or an operation the security policy denies (Xen's -EACCES): xl errors; anything else
            // (an IllegalStateException of a broken invariant) is a fault of the engine and goes up as it is
            throw new XlException(cmd + ": " + e.getMessage());
        }
    }

    private static void need(List<String> a, int n, String usage) {
        if (a.size() < n) {
            throw new XlException("Usage: xl " + usage);
        }
    }

    private String simple(List<String> a, Consumer<Domain> op) {
        need(a, 1, "<command> <Domain>");
        op.accept(engine.findDomain(a.get(a.size() - 1)));
        return "";
    }

    private Path resolve(String file) {
        Path p = Path.of(file);
        return p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p);
    }

    private String create(List<String> a) {
        String file = null;
        boolean paused = false;
        List<String> overrides = new ArrayList<>();
        for (String s : a) {
            if (s.equals("-p")) {
                paused = true; // leave the domain paused, as xl create -p does
                continue;
            }
            if (s.startsWith("-")) {
                continue; // -q, -c, -f are accepted and have no effect here
            }
            if (file == null) {
                file = s;
            } else {
                overrides.add(s);
            }
        }
        if (file == null) {
            throw new XlException("Usage: xl create <ConfigFile> [options] [vars]");
        }
        try {
            Path p = resolve(file);
            String fileText = InputFiles.text(p);
            XlCfg cfg;
            Domain d;
            try {
                cfg = XlCfg.parse(p.toString(), withVars(fileText, overrides));
                d = engine.createDomain(DomainConfig.from(cfg, diagnostics));
            } catch (ConfigException e) {
                throw located(e, fileText, overrides);
            }
            String cmdline = cfg.string("cmdline", cfg.string("extra", null));
            bootFiles.put(d.id(), new XlListLong.BootFiles(cfg.string("kernel", null), cmdline,
                    cfg.string("ramdisk", null)));
            if (paused) {
                engine.pause(d.id());
            }
            return "";
        } catch (IOException e) {
            throw new XlException("Failed to read config file: " + file + ": " + InputFiles.reason(e));
        }
    }

    /**
     * xl's way with {@code KEY=VALUE} arguments: they are appended to the file's text, one per line, and parsed with
     * it (so they replace, or with {@code +=} extend, the file's settings).
     */
    private static String withVars(String fileText, List<String> vars) {
        if (vars.isEmpty()) {
            return fileText;
        }
        String appended = String.join("\n", vars) + "\n";
        return fileText.isEmpty() ? appended : fileText + "\n" + appended;
    }

    /**
     * @return the error as xl's message, naming the command-line argument when the line lies in the appended
     *     arguments rather than citing a line the file does not have
     */
    private static XlException located(ConfigException e, String fileText, List<String> vars) {
        int firstVarLine = fileText.isEmpty() ? 1 : (int) fileText.chars().filter(c -> c == '\n').count() + 2;
        int arg = e.line() - firstVarLine;
        if (e.line() > 0 && arg >= 0 && !vars.isEmpty()) {
            // (an error found at the end of the text, such as an unterminated list, is the last setting's)
            return new XlException("command-line setting '" + vars.get(Math.min(arg, vars.size() - 1)) + "': "
                    + e.problem());
        }
        return new XlException(e.getMessage());
    }

    /** {@code xl list [-l] [domain...]}. */
    private String list(List<String> a) {
        boolean longForm = false;
        List<Domain> only = new ArrayList<>();
        for (String s : a) {
            if (s.equals("-l") || s.equals("--long")) {
                longForm = true;
            } else if (s.startsWith("-")) {
                throw new XlException("xl list: unsupported option '" + s + "' (supported: -l)");
            } else {
                Domain d = engine.findDomain(s);
                if (d == null) {
                    throw new XlException(s + " is an invalid domain identifier (rc=-6)");
                }
                only.add(d);
            }
        }
        if (longForm) {
            return XlListLong.print(engine, only, bootFiles, this::uuidOf);
        }
        String all = XlFormat.list(engine);
        if (only.isEmpty()) {
            return all;
        }
        List<String> lines = all.lines().toList();
        StringBuilder sb = new StringBuilder(lines.get(0)).append('\n');
        List<Domain> domains = new ArrayList<>(engine.domains());
        for (Domain d : only) {
            sb.append(lines.get(1 + domains.indexOf(d))).append('\n');
        }
        return sb.toString();
    }

    /** @return a version-4-shaped UUID determined by the run's seed and the domain id (xl's are random) */
    private String uuidOf(Domain d) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(engine.options().seed * 31 + d.id());
        long hi = (r.nextLong() & ~0xf000L) | 0x4000L;
        long lo = (r.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new java.util.UUID(hi, lo).toString();
    }

    private String vcpuPin(List<String> a) {
        List<String> args = a.stream().filter(s -> !s.equals("-f") && !s.equals("--force")).toList();
        need(args, 3, "vcpu-pin [-f|--force] <Domain> <VCPU|all> <Hard affinity|-|all> <Soft affinity|-|all>");
        Domain d = engine.findDomain(args.get(0));
        int vcpu = args.get(1).equals("all") ? -1 : Integer.parseInt(args.get(1));
        if (vcpu < 0 && args.size() < a.size()) {
            throw new XlException("Error: --force and 'all' as VCPU not allowed."); // main_vcpupin
        }
        CpuSet hard = args.get(2).equals("-") ? null : CpuSet.parse(args.get(2), engine.hostTopology());
        CpuSet soft = args.size() < 4 || args.get(3).equals("-") ? null
                : CpuSet.parse(args.get(3), engine.hostTopology());
        engine.vcpuPin(d.id(), vcpu, hard, soft);
        return "";
    }

    /**
     * {@code libxl_cpupool_cpuadd_cpumap} / {@code _cpuremove_cpumap}: the operation on every pCPU of the list, each
     * on its own, so those that can be moved are moved (e.g. {@code node:0} removes the node's pCPUs that are in the
     * pool); when some could not be, xl's warning, with why for each.
     */
    private void eachCpu(String list, java.util.function.IntConsumer op, String warning) {
        List<String> failed = new ArrayList<>();
        for (int c : CpuSet.parse(list, engine.hostTopology()).toArray()) {
            try {
                op.accept(c);
            } catch (IllegalArgumentException e) {
                failed.add(e.getMessage());
            }
        }
        if (!failed.isEmpty()) {
            throw new XlException(warning + " (" + String.join("; ", failed) + ")");
        }
    }

    /** {@code xl dmesg [-c]}: the console ring; {@code -c} clears it after printing. */
    private String dmesg(List<String> a) {
        XlOptions o = new XlOptions(a, "", new String[][] {{"clear", "c"}});
        String text = String.join("\n", engine.console()) + "\n";
        if (o.flags.contains("c")) {
            engine.clearConsole();
        }
        return text;
    }

    /** {@code main_vcpuset}: refuses more vCPUs than the host has pCPUs unless {@code -i}/{@code --ignore-host}. */
    private String vcpuSet(List<String> a) {
        List<String> args = new ArrayList<>(a);
        boolean ignoreHost = args.remove("-i") | args.remove("--ignore-host");
        need(args, 2, "vcpu-set [-i] <Domain> <vCPUs>");
        Domain d = engine.findDomain(args.get(0));
        int n = Integer.parseInt(args.get(1));
        int host = engine.hostTopology().nrCpus();
        if (!ignoreHost && n > d.onlineVcpus() && n > host) {
            // (xl's spelling)
            throw new XlException("You are overcommmitting! You have " + host + " physical CPUs and want " + n
                    + " vCPUs! Aborting, use --ignore-host to continue");
        }
        engine.vcpuSet(d.id(), n);
        return "";
    }

    private String cpupoolCreate(List<String> a) {
        String file = null;
        List<String> vars = new ArrayList<>();
        for (String s : a) {
            if (s.startsWith("-")) {
                continue;
            }
            if (file == null && !s.contains("=")) {
                file = s;
            } else {
                vars.add(s);
            }
        }
        String name = "<command line>";
        String fileText = "";
        if (file != null) {
            try {
                Path p = resolve(file);
                name = p.toString();
                fileText = InputFiles.text(p);
            } catch (IOException e) {
                throw new XlException("Failed to read config file: " + file + ": " + InputFiles.reason(e));
            }
        }
        XlCfg cfg;
        try {
            cfg = XlCfg.parse(name, withVars(fileText, vars));
        } catch (ConfigException e) {
            throw located(e, fileText, vars);
        }
        String poolName = cfg.string("name", null);
        if (poolName == null) {
            throw new XlException("cpupool-create: no name given in " + name);
        }
        SchedulerKind kind = cfg.get("sched") == null ? engine.pool(0).scheduler().kind()
                : SchedulerKind.fromXlName(cfg.string("sched", ""));
        CpuSet cpus = CpuSet.empty();
        if (cfg.get("nodes") != null) {
            // every free pCPU of the nodes listed
            CpuSet free = engine.freeCpus();
            for (String n : cfg.strings("nodes")) {
                int node = Integer.parseInt(n.strip());
                for (int c : free.toArray()) {
                    if (engine.hostTopology().nodeOf(c) == node) {
                        cpus = cpus.or(CpuSet.of(c));
                    }
                }
            }
            if (cpus.isEmpty()) {
                throw new XlException("no free cpu found");
            }
        } else {
            for (String c : cfg.strings("cpus")) {
                cpus = cpus.or(CpuSet.parse(c, engine.hostTopology()));
            }
        }
        engine.cpupoolCreate(poolName, kind, cpus);
        // what xl prints before it creates the pool
        return "Using config file \"" + (file == null ? "command line" : file) + "\"\n"
                + "cpupool name:   " + poolName + "\n"
                + "scheduler:      " + kind.xlName() + "\n"
                + "number of cpus: " + cpus.size() + "\n";
    }
}
