package org.xenwb.cli.kconfig;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.xenwb.kconfig.core.KconfigException;
import org.xenwb.kconfig.core.PruneMonitor;
import org.xenwb.kconfig.core.Pruner;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code xenwb kconfig prune --keep A,B -o OUT}: the configuration with the fewest enabled user-settable symbols that
 * keeps the given symbols on, written atomically; reports what was removed and added, by menu.
 */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = {"Compute a minimal valid configuration that keeps the given symbols on and turns off"
                + " everything else that can be off, and write it to OUTPUT (atomically).",
            "Minimal: the fewest enabled user-settable bool/tristate symbols (those with a prompt) among the"
                    + " configurations conf --olddefconfig leaves unchanged; a SAT solver (Sat4j) proves it.",
            "Enabled means y or m: a module is still built, so m counts like y, and a kept symbol may end up m."
                    + " MODULES stays as in the input.",
            "Reads the input configuration like conf (KCONFIG_CONFIG, else .config) unless --config is given."})
final class PruneCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private TreeOptions tree;

    @Option(names = {"-k", "--keep"}, required = true, split = ",", paramLabel = "SYMBOL",
            description = "Symbols that must stay enabled, y or m (comma-separated, without CONFIG_).")
    private List<String> keep;

    @Option(names = "--off", split = ",", paramLabel = "SYMBOL",
            description = "Symbols that must stay off, e.g. EXPERT,UNSUPPORTED to keep security support.")
    private List<String> off = new ArrayList<>();

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "The input configuration.")
    private String input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUTPUT",
            description = "Where to write the pruned .config (an existing file is kept as OUTPUT.old).")
    private String output;

    @Option(names = "--timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "Time limit of the search (default: ${DEFAULT-VALUE}); on expiry the best"
                    + " configuration found is written and reported as not proven minimal.")
    private int timeout;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (input != null && Files.isDirectory(Path.of(input))) {
            // (conf itself reads a directory as an empty file; a pruned configuration of nothing helps nobody)
            throw new KconfigException(input + ": is a directory, not a configuration file");
        }
        TreeOptions.Loaded loaded = tree.load(input, err);
        if (!loaded.read() && input != null) {
            throw new KconfigException(input + ": cannot read the input configuration ("
                    + (Files.exists(Path.of(input)) ? "not readable" : "no such file or directory") + ")");
        }
        Pruner.Result r = new Pruner(loaded.kc()).prune(keep, off, timeout, PruneMonitor.NONE);
        loaded.files().write(output);
        print(out, r);
        out.println("written to " + output);
        out.flush();
        return 0;
    }

    private static void print(PrintWriter out, Pruner.Result r) {
        out.println("kept on: " + String.join(", ", r.kept()));
        out.println("enabled (y or m) user-settable symbols: " + r.enabledBefore() + " -> " + r.enabledAfter());
        if (r.provenMinimal()) {
            out.println("proven minimal: no valid configuration keeping them enables fewer than "
                    + r.enabledAfter() + " user-settable symbols (SAT solver: " + (r.enabledAfter() - 1)
                    + " is unsatisfiable)");
        } else {
            out.println("NOT proven minimal (best found): the solver stopped (time limit) before proving that "
                    + r.enabledAfter() + " is the minimum");
        }
        if (r.securitySupportLost()) {
            out.println("WARNING: the result enables EXPERT or UNSUPPORTED options: security support is lost");
        }
        section(out, "removed", r.removed());
        section(out, "added", r.added());
        if (!r.approximations().isEmpty()) {
            out.println("comparisons taken from the input's values, and symbols held for them: "
                    + String.join(", ", r.approximations()));
        }
    }

    private static void section(PrintWriter out, String title, Map<String, List<Pruner.Change>> byMenu) {
        int n = byMenu.values().stream().mapToInt(List::size).sum();
        out.println(title + " (" + n + "):");
        for (Map.Entry<String, List<Pruner.Change>> e : byMenu.entrySet()) {
            out.println("  " + e.getKey() + ":");
            for (Pruner.Change c : e.getValue()) {
                String marks = (c.expert() ? " [EXPERT]" : "") + (c.unsupported() ? " [UNSUPPORTED]" : "");
                out.println("    " + c.symbol() + (c.prompt() != null ? "  \"" + c.prompt() + "\"" : "") + marks);
            }
        }
    }
}
