package org.xenwb.kconfig.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Consequences} on Xen's x86 trees with Debian's {@code .config}: the value changes predicted for enabling or
 * disabling a symbol are exactly those the reference {@code conf --olddefconfig} makes when the symbol's line of
 * the {@code .config} is edited that way (both starting from conf's {@code --olddefconfig} output of Debian's
 * {@code .config}).
 */
class ConsequencesTest {

    /** Symbol to value from a {@code .config} ({@code # CONFIG_X is not set} gives {@code n}). */
    private static Map<String, String> parse(String config) {
        Map<String, String> m = new HashMap<>();
        for (String line : config.split("\n")) {
            if (line.startsWith("CONFIG_")) {
                int eq = line.indexOf('=');
                m.put(line.substring(7, eq), line.substring(eq + 1));
            } else if (line.startsWith("# CONFIG_") && line.endsWith(" is not set")) {
                m.put(line.substring(9, line.length() - 11), "n");
            }
        }
        return m;
    }

    private static String edit(String config, String name, Tristate value) {
        String set = "CONFIG_" + name + "=y\n";
        String unset = "# CONFIG_" + name + " is not set\n";
        String now = value == Tristate.YES ? unset : set;
        assertTrue(config.contains(now), name + " is in the .config with the other value");
        return config.replace(now, value == Tristate.YES ? set : unset);
    }

    @ParameterizedTest(name = "Xen {0}")
    @ValueSource(strings = {"4.17", "4.22"})
    void predictsWhatConfChanges(String version) throws Exception {
        XenTree tree = XenTree.prepare(version, "consequences/" + version);
        String base = tree.confOlddefconfig(java.nio.file.Files.readString(tree.ours().resolve(".config"),
                java.nio.charset.StandardCharsets.ISO_8859_1));
        Map<String, String> before = parse(base);
        // the engine starts from the same .config as the edits (symbols new since Debian's 4.17 have user values)
        java.nio.file.Files.writeString(tree.ours().resolve(".config"), base,
                java.nio.charset.StandardCharsets.ISO_8859_1);
        Kconfig kc = tree.load();
        Consequences c = new Consequences(kc);
        int nonTrivial = 0;
        for (String name : List.of("HVM", "PV", "XSM", "LIVEPATCH", "SHADOW_PAGING", "EXPERT", "DEBUG", "HYPFS",
                "UNSUPPORTED", "KEXEC")) {
            Symbol sym = kc.symbol(name);
            Tristate target = kc.tristate(sym) == Tristate.YES ? Tristate.NO : Tristate.YES;
            Consequences.Outcome o = c.whatIf(sym, target);
            assertTrue(o.applied(), name + ": " + o.reason());
            Map<String, String> after = parse(tree.confOlddefconfig(edit(base, name, target)));
            assertEquals(target.letter(), after.get(name), name + " in conf's output");
            Set<String> confChanged = new TreeSet<>();
            Set<String> keys = new TreeSet<>(before.keySet());
            keys.addAll(after.keySet());
            for (String k : keys) {
                Symbol s = kc.symbol(k);
                boolean bool = s.type() == SymbolType.BOOLEAN || s.type() == SymbolType.TRISTATE;
                String b = before.getOrDefault(k, bool ? "n" : null);
                String a = after.getOrDefault(k, bool ? "n" : null);
                if (!k.equals(name) && b != null && a != null && !a.equals(b)) {
                    confChanged.add(k);
                }
            }
            Set<String> predicted = new TreeSet<>();
            for (List<Consequences.Change> l : o.changes().values()) {
                for (Consequences.Change ch : l) {
                    Symbol s = kc.symbol(ch.symbol());
                    boolean bool = s.type() == SymbolType.BOOLEAN || s.type() == SymbolType.TRISTATE;
                    if (ch.valueChanged() && (bool || before.containsKey(ch.symbol())
                            && after.containsKey(ch.symbol()))) {
                        predicted.add(ch.symbol());
                    }
                }
            }
            assertEquals(confChanged, predicted, "changes of setting " + name + "=" + target.letter());
            nonTrivial += confChanged.isEmpty() ? 0 : 1;
            // the tree's own state is restored
            assertEquals(before.getOrDefault(name, "n"), kc.value(sym), name + " restored");
        }
        assertTrue(nonTrivial >= 6, nonTrivial + " symbols with consequences");
        Consequences.Outcome notSettable = c.whatIf(kc.symbol("COMPAT"), Tristate.NO);
        assertFalse(notSettable.applied());
        String text = Consequences.describe(notSettable);
        assertTrue(text.contains("not possible: "), text);
    }
}
