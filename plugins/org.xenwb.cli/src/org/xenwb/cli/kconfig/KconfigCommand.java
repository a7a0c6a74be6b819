package org.xenwb.cli.kconfig;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.xenwb.cli.CommandInput;
import org.xenwb.kconfig.core.ConfMode;
import org.xenwb.kconfig.core.Kconfig;
import org.xenwb.kconfig.core.KconfigException;
import org.xenwb.kconfig.core.ShellPolicy;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code xenwb kconfig}: a drop-in for the C {@code conf} tool of Linux 6.1 ({@code --MODE[=FILE] KCONFIG}, run in the
 * same directory with the same environment; same files written, same exit status), plus {@code explain} and
 * {@code prune}.
 *
 * <p>{@code $(shell,...)} calls run only with {@code --allow-shell}; otherwise each skipped call is reported on
 * standard error with the value assumed for it ({@code n}), followed by a line saying the result may then differ from
 * the C {@code conf}'s.</p>
 */
@Command(name = "kconfig", mixinStandardHelpOptions = true,
        description = {"Configure a Kconfig tree like the C 'conf' tool (Linux 6.1 semantics).",
            "Reads srctree, KCONFIG_CONFIG, KCONFIG_ALLCONFIG, KCONFIG_SEED, KCONFIG_PROBABILITY... from the"
                    + " environment, like conf."},
        subcommands = {ExplainCommand.class, PruneCommand.class})
public final class KconfigCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--allow-shell", description = "Run the tree's $(shell,...) commands (default: skip them and"
            + " report each skipped call with the value assumed).")
    private boolean allowShell;

    @Option(names = {"-s", "--silent"}, description = "Do not print log messages.")
    private boolean silent;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private ModeOptions modes = new ModeOptions();

    @Parameters(index = "0", arity = "0..1", paramLabel = "KCONFIG", description = "The top Kconfig file.")
    private String kconfig;

    /** The mutually exclusive mode options of conf. */
    static final class ModeOptions {
        @Option(names = "--oldaskconfig", description = "Ask for every option on standard input.")
        boolean oldaskconfig;
        @Option(names = "--oldconfig", description = "Ask for new options only.")
        boolean oldconfig;
        @Option(names = "--syncconfig", description = "Like oldconfig, and write include/{generated,config}/.")
        boolean syncconfig;
        @Option(names = "--olddefconfig", description = "Set new options to their defaults.")
        boolean olddefconfig;
        @Option(names = "--defconfig", paramLabel = "FILE", description = "New config from the defaults in FILE.")
        String defconfig;
        @Option(names = "--savedefconfig", paramLabel = "FILE", description = "Save the minimal config to FILE.")
        String savedefconfig;
        @Option(names = "--allnoconfig", description = "Answer no wherever possible.")
        boolean allnoconfig;
        @Option(names = "--allyesconfig", description = "Answer yes wherever possible.")
        boolean allyesconfig;
        @Option(names = "--allmodconfig", description = "Answer mod wherever possible.")
        boolean allmodconfig;
        @Option(names = "--alldefconfig", description = "Set every option to its default.")
        boolean alldefconfig;
        @Option(names = "--randconfig", description = "Random answers (KCONFIG_SEED, KCONFIG_PROBABILITY).")
        boolean randconfig;
        @Option(names = "--listnewconfig", description = "List new options.")
        boolean listnewconfig;
        @Option(names = "--helpnewconfig", description = "List new options with their help.")
        boolean helpnewconfig;
        @Option(names = "--yes2modconfig", description = "Change y answers to m where possible.")
        boolean yes2modconfig;
        @Option(names = "--mod2yesconfig", description = "Change m answers to y where possible.")
        boolean mod2yesconfig;
        @Option(names = "--mod2noconfig", description = "Change m answers to n where possible.")
        boolean mod2noconfig;

        ConfMode.Mode mode() {
            if (oldconfig) {
                return ConfMode.Mode.OLDCONFIG;
            }
            if (syncconfig) {
                return ConfMode.Mode.SYNCCONFIG;
            }
            if (olddefconfig) {
                return ConfMode.Mode.OLDDEFCONFIG;
            }
            if (defconfig != null) {
                return ConfMode.Mode.DEFCONFIG;
            }
            if (savedefconfig != null) {
                return ConfMode.Mode.SAVEDEFCONFIG;
            }
            if (allnoconfig) {
                return ConfMode.Mode.ALLNOCONFIG;
            }
            if (allyesconfig) {
                return ConfMode.Mode.ALLYESCONFIG;
            }
            if (allmodconfig) {
                return ConfMode.Mode.ALLMODCONFIG;
            }
            if (alldefconfig) {
                return ConfMode.Mode.ALLDEFCONFIG;
            }
            if (randconfig) {
                return ConfMode.Mode.RANDCONFIG;
            }
            if (listnewconfig) {
                return ConfMode.Mode.LISTNEWCONFIG;
            }
            if (helpnewconfig) {
                return ConfMode.Mode.HELPNEWCONFIG;
            }
            if (yes2modconfig) {
                return ConfMode.Mode.YES2MODCONFIG;
            }
            if (mod2yesconfig) {
                return ConfMode.Mode.MOD2YESCONFIG;
            }
            if (mod2noconfig) {
                return ConfMode.Mode.MOD2NOCONFIG;
            }
            return ConfMode.Mode.OLDASKCONFIG;
        }
    }

    @Override
    public Integer call() throws Exception {
        if (kconfig == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Kconfig file missing");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ConfMode.Mode mode = modes.mode();
        Map<String, String> env = KconfigSession.environment();
        int seed = 0;
        if (mode == ConfMode.Mode.RANDCONFIG) {
            seed = ConfMode.randomSeed(env);
            out.println(ConfMode.seedLine(seed));
        }
        List<ShellPolicy.Call> skipped = new ArrayList<>();
        Kconfig kc;
        try {
            kc = KconfigSession.load(kconfig, env, allowShell, skipped, out, err);
        } catch (KconfigException e) {
            // the drop-in prints conf's diagnostics as conf does: file:line: message, one per line
            err.println(e.getMessage());
            KconfigSession.reportSkipped(skipped, err);
            err.flush();
            return 1;
        }
        String file = mode == ConfMode.Mode.DEFCONFIG ? modes.defconfig
                : mode == ConfMode.Mode.SAVEDEFCONFIG ? modes.savedefconfig : null;
        BufferedReader stdin = CommandInput.reader(StandardCharsets.ISO_8859_1);
        int status = new ConfMode(kc, stdin, text -> {
            out.print(text);
            out.flush();
        }).run(mode, file, silent, seed);
        KconfigSession.reportSkipped(skipped, err);
        out.flush();
        err.flush();
        return status;
    }

    /** Shared loading for the kconfig commands. */
    static final class KconfigSession {
        private KconfigSession() {
        }

        static Map<String, String> environment() {
            return System.getenv();
        }

        /** Loads a tree from the current directory; skipped shell calls are added to {@code skipped}. */
        static Kconfig load(String kconfig, Map<String, String> env, boolean allowShell,
                List<ShellPolicy.Call> skipped, PrintWriter out, PrintWriter err) {
            Path cwd = Path.of(System.getProperty("user.dir"));
            ShellPolicy policy = allowShell ? ShellPolicy.ALLOW_ALL : (command, file, line) -> {
                skipped.add(new ShellPolicy.Call(file, line, command, false,
                        ShellPolicy.DENY_ALL.assumedOutput(command)));
                return false;
            };
            return Kconfig.load(kconfig, new Kconfig.Options(cwd, env, policy, out::println, err::println));
        }

        /**
         * Lists the skipped calls, then says once what they mean for the result: the C {@code conf}, which always
         * runs them, may give other values (on Xen's tree: the compiler checks, so also what depends on them).
         */
        static void reportSkipped(List<ShellPolicy.Call> skipped, PrintWriter err) {
            for (ShellPolicy.Call call : skipped) {
                err.println("xenwb: " + call.file() + ":" + call.line() + ": skipped $(shell," + call.command()
                        + ") (no --allow-shell); assumed \"" + call.output() + "\"");
            }
            if (!skipped.isEmpty()) {
                boolean one = skipped.size() == 1;
                err.println("xenwb: " + skipped.size() + " $(shell,...) call" + (one ? " was" : "s were")
                        + " skipped, so what depends on " + (one ? "it" : "them") + " may differ from the C conf's"
                        + " result; --allow-shell runs them (for trees you trust)");
            }
        }
    }
}
