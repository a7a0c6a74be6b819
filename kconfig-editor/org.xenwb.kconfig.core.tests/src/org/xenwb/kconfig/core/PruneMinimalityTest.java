package org.xenwb.kconfig.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Brute-force check of prune's minimality on the small hand-written tree {@code resources/prune}: every assignment
 * of user values is run through the engine (whose outputs are exactly the configurations {@code conf} leaves
 * unchanged), and the smallest number of enabled user-settable symbols among those keeping the kept set on must be
 * the number prune reports as proven minimal; prune's own result must be one of the engine's outputs.
 */
class PruneMinimalityTest {

    private static Kconfig load(Path work) {
        Path tree = ExtensionsTest.fixture("prune");
        return Kconfig.load("Kconfig", new Kconfig.Options(work, Map.of("srctree", tree.toString()),
                ShellPolicy.DENY_ALL, s -> { }, s -> { }));
    }

    /** Bool symbols with prompts, choice values excluded (they are set through the choice). */
    private static List<Symbol> plainSettable(Kconfig kc) {
        List<Symbol> out = new ArrayList<>();
        for (Symbol s : kc.allSymbols()) {
            if (PruneEncoder.encodable(s) && PruneEncoder.hasPrompt(s) && !s.isChoiceValue() && !s.isChoice()) {
                out.add(s);
            }
        }
        return out;
    }

    private static Symbol choice(Kconfig kc) {
        for (Symbol s : kc.allSymbols()) {
            if (s.isChoice()) {
                return s;
            }
        }
        throw new IllegalStateException("no choice");
    }

    /** Sets every user value as a .config would, then recomputes. */
    private static void setUser(Kconfig kc, List<Symbol> plain, int bits, Symbol choice, Symbol pick) {
        for (int i = 0; i < plain.size(); i++) {
            Symbol s = plain.get(i);
            s.defTri[Symbol.S_DEF_USER] = (bits >> i & 1) != 0 ? 2 : 0;
            s.flags |= Symbol.DEF_USER;
        }
        for (Symbol v : choice.choiceValues()) {
            v.defTri[Symbol.S_DEF_USER] = v == pick ? 2 : 0;
            v.flags |= Symbol.DEF_USER;
        }
        choice.defVal[Symbol.S_DEF_USER] = pick;
        choice.defTri[Symbol.S_DEF_USER] = pick != null ? 2 : 0;
        choice.flags |= Symbol.DEF_USER;
        kc.values.clearAllValid();
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

    /** @return the minimum over all engine outputs keeping every symbol of {@code keep} on, or -1 if none does */
    private static int bruteForceMinimum(Kconfig kc, List<String> keep) {
        List<Symbol> plain = plainSettable(kc);
        Symbol choice = choice(kc);
        List<Symbol> picks = new ArrayList<>(choice.choiceValues());
        picks.add(null);
        int best = -1;
        for (int bits = 0; bits < 1 << plain.size(); bits++) {
            for (Symbol pick : picks) {
                setUser(kc, plain, bits, choice, pick);
                boolean ok = true;
                for (String k : keep) {
                    ok &= kc.tristate(kc.symbol(k)) != Tristate.NO;
                }
                if (ok) {
                    int n = enabledSettable(kc);
                    best = best < 0 ? n : Math.min(best, n);
                }
            }
        }
        return best;
    }

    @Test
    void proveMinimumEqualsBruteForce(@TempDir Path work) {
        Kconfig kc = load(work);
        assertEquals(12, plainSettable(kc).size(), "the tree's user-settable symbols outside the choice");
        List<List<String>> keepSets = new ArrayList<>();
        for (Symbol s : kc.allSymbols()) {
            if (PruneEncoder.encodable(s) && !s.isChoice()) {
                keepSets.add(List.of(s.name()));
            }
        }
        keepSets.add(List.of("TLS", "SLOW_PATH"));
        keepSets.add(List.of("DEFAULT_B", "STATS"));
        keepSets.add(List.of("FAST_PATH", "SLOW_PATH"));
        keepSets.add(List.of("DEFAULT_A", "DEFAULT_B"));
        keepSets.add(List.of("OLD_API", "TLS"));
        int feasible = 0;
        int infeasible = 0;
        for (List<String> keep : keepSets) {
            int expected = bruteForceMinimum(kc, keep);
            Kconfig fresh = load(work);
            new ConfigFiles(fresh).read(null);
            if (expected < 0) {
                KconfigException e = assertThrows(KconfigException.class,
                        () -> new Pruner(fresh).prune(keep, List.of(), 10, PruneMonitor.NONE), keep.toString());
                assertTrue(e.getMessage().contains("no valid configuration keeps"), e.getMessage());
                infeasible++;
                continue;
            }
            Pruner.Result r = new Pruner(fresh).prune(keep, List.of(), 10, PruneMonitor.NONE);
            assertTrue(r.provenMinimal(), keep.toString());
            assertEquals(expected, r.enabledAfter(), "minimum for keep " + keep);
            assertEquals(expected, enabledSettable(fresh), "engine's count of prune's result for " + keep);
            for (String k : keep) {
                assertTrue(fresh.tristate(fresh.symbol(k)) != Tristate.NO, k + " kept on");
            }
            feasible++;
        }
        assertTrue(feasible >= 14 && infeasible >= 2, feasible + " feasible, " + infeasible + " infeasible");
    }
}
