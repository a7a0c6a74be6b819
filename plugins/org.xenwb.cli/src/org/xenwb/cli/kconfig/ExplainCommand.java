package org.xenwb.cli.kconfig;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.xenwb.kconfig.core.Consequences;
import org.xenwb.kconfig.core.Explainer;
import org.xenwb.kconfig.core.Kconfig;
import org.xenwb.kconfig.core.Symbol;
import org.xenwb.kconfig.core.SymbolType;
import org.xenwb.kconfig.core.Tristate;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code xenwb kconfig explain SYMBOL...}: where a symbol is defined, its value and why, what affects it, and what
 * enabling or disabling it would change elsewhere.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain symbols: definition sites, value and where it comes from, unmet dependencies"
                + " (evaluated), selectors and implying symbols, and for bool/tristate symbols what enabling or"
                + " disabling it would change elsewhere (by menu). Reads the configuration file like conf.")
final class ExplainCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private TreeOptions tree;

    @Parameters(arity = "1..*", paramLabel = "SYMBOL", description = "Symbols to explain (without CONFIG_).")
    private List<String> symbols;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Kconfig kc = tree.load(null, err).kc();
        int status = 0;
        for (String name : symbols) {
            String n = name.startsWith("CONFIG_") ? name.substring(7) : name;
            if (kc.symbol(n) == null) {
                err.println("xenwb: no symbol " + n + " in " + tree.kconfig);
                status = 1;
                continue;
            }
            Symbol sym = kc.symbol(n);
            out.print(new Explainer(kc).explain(sym));
            if (sym.type() == SymbolType.BOOLEAN || sym.type() == SymbolType.TRISTATE) {
                for (Tristate t : List.of(Tristate.YES, Tristate.NO)) {
                    if (kc.tristate(sym) != t) {
                        out.print(Consequences.describe(new Consequences(kc).whatIf(sym, t)));
                    }
                }
            }
        }
        out.flush();
        return status;
    }
}
