package org.xenwb.kconfig.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sat4j.core.VecInt;
import org.sat4j.minisat.SolverFactory;
import org.sat4j.specs.ISolver;

/**
 * Brute-force check of prune with loadable modules on the hand-written tree {@code resources/prune-modules}: every
 * assignment of user values ({@code n/m/y} for tristates, {@code n/y} for bools, every state of the bool choice and
 * of the tristate choice) is run
 * through the engine, whose outputs are exactly the configurations {@code conf --olddefconfig} leaves unchanged; for
 * each keep/off set the smallest number of enabled ({@code y} or {@code m}) user-settable symbols among those
 * outputs must be what prune reports as proven minimal, and prune's written result must be left unchanged by the
 * reference {@code conf --olddefconfig}. With MODULES off the same tree must give results without any {@code m}.
 * Beyond the minimum, the models of the encoding (all of them, enumerated with blocking clauses) must be exactly the
 * engine's outputs, {@code y} and {@code m} distinguished.
 */
class PruneModulesTest {

    private record Case(List<String> keep, List<String> off) {
    }

    private static Kconfig load(Path work) {
        Path tree = ExtensionsTest.fixture("prune-modules");
        return Kconfig.load("Kconfig", new Kconfig.Options(work, Map.of("srctree", tree.toString()),
                ShellPolicy.DENY_ALL, s -> { }, s -> { }));
    }

    /** User-settable symbols outside the choice, MODULES excluded (prune holds it at the input's value). */
    private static List<Symbol> plainSettable(Kconfig kc) {
        List<Symbol> out = new ArrayList<>();
        for (Symbol s : kc.allSymbols()) {
            if (PruneEncoder.encodable(s) && PruneEncoder.hasPrompt(s) && !s.isChoiceValue() && !s.isChoice()
                    && s != kc.modulesSymbol()) {
                out.add(s);
            }
        }
        return out;
    }

    private static List<Symbol> choices(Kconfig kc) {
        List<Symbol> out = new ArrayList<>();
        for (Symbol s : kc.allSymbols()) {
            if (s.isChoice()) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * The user values a {@code .config} written by conf can give a choice's values: none or one {@code y} (the
     * others {@code n}), and, for a tristate choice with modules, every mix of {@code m} and {@code n}.
     */
    private static List<int[]> choiceStates(Symbol choice, boolean modules) {
        int k = choice.choiceValues().size();
        List<int[]> out = new ArrayList<>();
        out.add(new int[k]);
        for (int i = 0; i < k; i++) {
            int[] one = new int[k];
            one[i] = 2;
            out.add(one);
        }
        if (modules && choice.type() == SymbolType.TRISTATE) {
            for (int bits = 1; bits < 1 << k; bits++) {
                int[] mix = new int[k];
                for (int i = 0; i < k; i++) {
                    mix[i] = bits >> i & 1;
                }
                out.add(mix);
            }
        }
        return out;
    }

    /** Sets a choice's values as conf's {@code .config} reader does (the choice takes the highest, the y one). */
    private static void setChoice(Symbol choice, int[] state) {
        choice.defVal[Symbol.S_DEF_USER] = null;
        int max = 0;
        for (int i = 0; i < state.length; i++) {
            Symbol v = choice.choiceValues().get(i);
            setUser(v, state[i]);
            if (state[i] == 2) {
                choice.defVal[Symbol.S_DEF_USER] = v;
            }
            max = Math.max(max, state[i]);
        }
        setUser(choice, max);
    }

    private static void setUser(Symbol s, int value) {
        s.defTri[Symbol.S_DEF_USER] = value;
        s.flags |= Symbol.DEF_USER;
    }

    private static int enabledSettable(Kconfig kc) {
        int n = 0;
        for (Symbol s : kc.allSymbols()) {
            if (PruneEncoder.encodable(s) && PruneEncoder.hasPrompt(s) && !s.isChoice()
                    && kc.tristate(s) != Tristate.NO) {
                n++;
            }
        }
        return n;
    }

    /**
     * Runs every user assignment through the engine.
     *
     * @return the distinct outputs, each the values of every bool/tristate symbol (in {@code syms} order)
     */
    private static Set<List<Tristate>> allOutputs(Kconfig kc, List<Symbol> syms, boolean modules) {
        List<Symbol> plain = plainSettable(kc);
        List<Symbol> choices = choices(kc);
        List<List<int[]>> states = new ArrayList<>();
        int combos = 1;
        for (Symbol c : choices) {
            states.add(choiceStates(c, modules));
            combos *= states.get(states.size() - 1).size();
        }
        int[] radix = new int[plain.size()];
        long total = 1;
        for (int i = 0; i < radix.length; i++) {
            radix[i] = plain.get(i).type() == SymbolType.TRISTATE ? 3 : 2;
            total *= radix[i];
        }
        setUser(kc.modulesSymbol(), modules ? 2 : 0);
        Set<List<Tristate>> out = new HashSet<>();
        for (long code = 0; code < total; code++) {
            long c = code;
            for (int i = 0; i < radix.length; i++) {
                int digit = (int) (c % radix[i]);
                c /= radix[i];
                setUser(plain.get(i), radix[i] == 2 ? 2 * digit : digit);
            }
            for (int combo = 0; combo < combos; combo++) {
                int rest = combo;
                for (int i = 0; i < choices.size(); i++) {
                    setChoice(choices.get(i), states.get(i).get(rest % states.get(i).size()));
                    rest /= states.get(i).size();
                }
                kc.values.clearAllValid();
                List<Tristate> values = new ArrayList<>();
                for (Symbol s : syms) {
                    values.add(kc.tristate(s));
                }
                out.add(values);
            }
        }
        return out;
    }

    /** @return the minimum count over the outputs meeting the case, or -1 if none does */
    private static int minimum(Set<List<Tristate>> outputs, List<Symbol> syms, List<Boolean> counted, Case c) {
        int best = -1;
        for (List<Tristate> o : outputs) {
            boolean ok = true;
            int n = 0;
            for (int i = 0; i < syms.size(); i++) {
                String name = String.valueOf(syms.get(i).name());
                boolean on = o.get(i) != Tristate.NO;
                ok &= !(c.keep().contains(name) && !on) && !(c.off().contains(name) && on);
                n += on && counted.get(i) ? 1 : 0;
            }
            if (ok) {
                best = best < 0 ? n : Math.min(best, n);
            }
        }
        return best;
    }

    private static List<Case> cases(Kconfig kc) {
        List<Case> out = new ArrayList<>();
        for (Symbol s : kc.allSymbols()) {
            if (PruneEncoder.encodable(s) && !s.isChoice() && s != kc.modulesSymbol()) {
                out.add(new Case(List.of(s.name()), List.of()));
            }
        }
        out.add(new Case(List.of("EXT4", "VIRTIO_NET"), List.of()));
        out.add(new Case(List.of("EXT4_DEBUG", "LEGACY_DRV"), List.of()));
        out.add(new Case(List.of("NF_LOG", "STATS"), List.of()));
        out.add(new Case(List.of("EXT4_BUILTIN_ONLY", "COMP_LZ4"), List.of()));
        out.add(new Case(List.of("NETFILTER"), List.of("NF_LOG")));
        out.add(new Case(List.of("COMP_ZSTD"), List.of("EXT4")));
        out.add(new Case(List.of("EXT4"), List.of("CRC32C")));
        out.add(new Case(List.of("VIRTIO_NET"), List.of("NET")));
        out.add(new Case(List.of("JOURNAL_ORDERED", "JOURNAL_WRITEBACK"), List.of()));
        out.add(new Case(List.of("JOURNAL_WRITEBACK", "EXT4_BUILTIN_ONLY"), List.of()));
        return out;
    }

    private static void bruteForce(Path work, boolean modules) throws Exception {
        Kconfig kc = load(work);
        assertEquals(12, plainSettable(kc).size(), "the tree's user-settable symbols besides MODULES and choice");
        List<Symbol> syms = new ArrayList<>();
        List<Boolean> counted = new ArrayList<>();
        for (Symbol s : kc.allSymbols()) {
            if (PruneEncoder.encodable(s)) {
                syms.add(s);
                counted.add(PruneEncoder.hasPrompt(s) && !s.isChoice());
            }
        }
        Set<List<Tristate>> outputs = allOutputs(kc, syms, modules);
        String input = (modules ? "CONFIG_MODULES=y\n" : "# CONFIG_MODULES is not set\n") + "CONFIG_NET=y\n";
        Files.writeString(work.resolve(".config"), input);
        Kconfig forModels = load(work);
        new ConfigFiles(forModels).read(null);
        Set<List<Tristate>> models = encodingModels(forModels, modules);
        Set<List<Tristate>> extra = new HashSet<>(models);
        extra.removeAll(outputs);
        Set<List<Tristate>> missing = new HashSet<>(outputs);
        missing.removeAll(models);
        assertTrue(extra.isEmpty() && missing.isEmpty(), "the encoding's models are the engine's outputs, values of "
                + syms + ": " + extra.size() + " extra, e.g. " + extra.stream().findFirst().orElse(null) + "; "
                + missing.size() + " missing, e.g. " + missing.stream().findFirst().orElse(null));
        assertTrue(outputs.size() > 100, outputs.size() + " outputs");
        boolean anyModule = outputs.stream().anyMatch(o -> o.contains(Tristate.MOD));
        assertEquals(modules, anyModule, "engine outputs with m values");
        int feasible = 0;
        int infeasible = 0;
        int withModule = 0;
        for (Case c : cases(kc)) {
            int expected = minimum(outputs, syms, counted, c);
            Files.writeString(work.resolve(".config"), input);
            Kconfig fresh = load(work);
            ConfigFiles files = new ConfigFiles(fresh);
            files.setSilent(true);
            files.read(null);
            if (expected < 0) {
                KconfigException e = assertThrows(KconfigException.class,
                        () -> new Pruner(fresh).prune(c.keep(), c.off(), 10, PruneMonitor.NONE), c.toString());
                assertTrue(e.getMessage().contains("no valid configuration keeps"), e.getMessage());
                infeasible++;
                continue;
            }
            Pruner.Result r = new Pruner(fresh).prune(c.keep(), c.off(), 10, PruneMonitor.NONE);
            assertTrue(r.provenMinimal(), c.toString());
            assertEquals(expected, r.enabledAfter(), "minimum for " + c);
            assertEquals(expected, enabledSettable(fresh), "engine's count of prune's result for " + c);
            List<Tristate> result = new ArrayList<>();
            for (Symbol s : fresh.allSymbols()) {
                if (PruneEncoder.encodable(s)) {
                    result.add(fresh.tristate(s));
                }
            }
            assertTrue(outputs.contains(result), "prune's result is an engine output for " + c);
            withModule += result.contains(Tristate.MOD) ? 1 : 0;
            files.write("pruned.config");
            String pruned = Files.readString(work.resolve("pruned.config"), StandardCharsets.ISO_8859_1);
            assertEquals(pruned, confOlddefconfig(work, pruned), "conf --olddefconfig changes the result of " + c);
            feasible++;
        }
        assertTrue(feasible >= 20 && infeasible >= 2, feasible + " feasible, " + infeasible + " infeasible");
        if (modules) {
            assertNotEquals(0, withModule, "some results use m");
        } else {
            assertEquals(0, withModule, "no m without modules");
        }
    }

    /** Every model of the encoding (all rule groups on), as the values of every bool/tristate symbol. */
    private static Set<List<Tristate>> encodingModels(Kconfig kc, boolean modules) throws Exception {
        PruneEncoder enc = new PruneEncoder(kc, modules, Set.of());
        enc.encode();
        ISolver solver = SolverFactory.newDefault();
        solver.newVar(enc.cnf.vars());
        for (int[] c : enc.cnf.clauses()) {
            solver.addClause(new VecInt(c));
        }
        for (PruneEncoder.Group g : enc.groups) {
            solver.addClause(new VecInt(new int[] {g.selector()}));
        }
        Set<List<Tristate>> out = new HashSet<>();
        while (solver.isSatisfiable()) {
            boolean[] model = new boolean[enc.cnf.vars() + 1];
            for (int lit : solver.model()) {
                model[Math.abs(lit)] = lit > 0;
            }
            List<Tristate> values = new ArrayList<>();
            VecInt block = new VecInt();
            for (Symbol s : enc.vars.keySet()) {
                int[] p = enc.pair(s);
                values.add(model[p[1]] ? Tristate.YES : model[p[0]] ? Tristate.MOD : Tristate.NO);
                block.push(model[p[0]] ? -p[0] : p[0]);
                if (p[1] != p[0]) {
                    block.push(model[p[1]] ? -p[1] : p[1]);
                }
            }
            out.add(values);
            solver.addClause(block);
        }
        return out;
    }

    /** The reference conf's {@code --olddefconfig} output for {@code config} on the fixture tree. */
    private static String confOlddefconfig(Path work, String config) throws Exception {
        SharedData.requireConf();
        Path ref = work.resolve("ref");
        Files.createDirectories(ref);
        Files.writeString(ref.resolve(".config"), config, StandardCharsets.ISO_8859_1);
        Map<String, String> env = ConfRunner.baseEnvironment();
        env.put("srctree", ExtensionsTest.fixture("prune-modules").toAbsolutePath().toString());
        ConfRunner.Result r = ConfRunner.runReference(ref, env, List.of("--olddefconfig", "Kconfig"), null);
        assertEquals(0, r.status(), "conf --olddefconfig status");
        return Files.readString(ref.resolve(".config"), StandardCharsets.ISO_8859_1);
    }

    @Test
    void minimumWithModulesEqualsBruteForce(@TempDir Path work) throws Exception {
        bruteForce(work, true);
    }

    @Test
    void minimumWithoutModulesEqualsBruteForce(@TempDir Path work) throws Exception {
        bruteForce(work, false);
    }
}
