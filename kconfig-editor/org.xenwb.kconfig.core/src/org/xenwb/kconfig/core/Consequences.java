package org.xenwb.kconfig.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What setting one symbol would change elsewhere: the configuration is re-evaluated with the symbol's user value
 * changed, exactly as {@code conf --olddefconfig} would on a {@code .config} edited that way, and every other
 * symbol whose value or visibility differs is reported, grouped by menu ({@link MenuPath}).
 *
 * <p>The tree's state is restored afterwards. Works on the given {@link Kconfig}; not thread-safe.</p>
 */
public final class Consequences {

    /**
     * One symbol affected.
     *
     * @param symbol its name
     * @param before its value before ({@code y}/{@code m}/{@code n} or the text)
     * @param after its value after
     * @param visibleBefore the highest value its prompts allowed before
     * @param visibleAfter the same after
     */
    public record Change(String symbol, String before, String after, Tristate visibleBefore,
            Tristate visibleAfter) {
        /** @return true when the value differs (not only the visibility) */
        public boolean valueChanged() {
            return !before.equals(after);
        }
    }

    /**
     * The outcome of one change.
     *
     * @param symbol the symbol set
     * @param value the value asked for
     * @param applied false when the symbol cannot take the value (see {@code reason})
     * @param reason why it cannot, or null
     * @param changes the other symbols affected, by menu path, each list in symbol-name order
     */
    public record Outcome(String symbol, Tristate value, boolean applied, String reason,
            Map<String, List<Change>> changes) {
        /** @return the number of symbols whose value changes */
        public int valueChanges() {
            return (int) changes.values().stream().flatMap(List::stream).filter(Change::valueChanged).count();
        }
    }

    private final Kconfig kc;

    /** @param kc the tree, with its configuration loaded */
    public Consequences(Kconfig kc) {
        this.kc = kc;
    }

    /**
     * @param sym a bool or tristate symbol
     * @param value the value to try
     * @return what would change; the configuration itself is left as it was
     */
    public Outcome whatIf(Symbol sym, Tristate value) {
        List<Symbol> all = new ArrayList<>();
        for (Symbol s : kc.symbols.all()) {
            if (!s.isConstant() && s.name != null && s.type != SymbolType.UNKNOWN) {
                all.add(s);
            }
        }
        String[] valueBefore = new String[all.size()];
        Tristate[] visBefore = new Tristate[all.size()];
        for (int i = 0; i < all.size(); i++) {
            valueBefore[i] = kc.value(all.get(i));
            visBefore[i] = kc.visibility(all.get(i));
        }
        List<Symbol> every = kc.symbols.all();
        int[] tri = new int[every.size()];
        Object[] val = new Object[every.size()];
        int[] flags = new int[every.size()];
        for (int i = 0; i < every.size(); i++) {
            Symbol s = every.get(i);
            tri[i] = s.defTri[Symbol.S_DEF_USER];
            val[i] = s.defVal[Symbol.S_DEF_USER];
            flags[i] = s.flags & Symbol.DEF_USER;
        }
        String reason = null;
        Map<String, List<Change>> changes = new TreeMap<>();
        if (!kc.setValue(sym, value.letter())) {
            reason = whyNot(sym, value);
        } else {
            kc.values.clearAllValid();
            for (int i = 0; i < all.size(); i++) {
                Symbol s = all.get(i);
                String after = kc.value(s);
                Tristate vis = kc.visibility(s);
                if (s != sym && (!after.equals(valueBefore[i]) || vis != visBefore[i])) {
                    changes.computeIfAbsent(MenuPath.of(s), k -> new ArrayList<>())
                            .add(new Change(s.name, valueBefore[i], after, visBefore[i], vis));
                }
            }
            for (List<Change> l : changes.values()) {
                l.sort((a, b) -> a.symbol().compareTo(b.symbol()));
            }
        }
        for (int i = 0; i < every.size(); i++) {
            Symbol s = every.get(i);
            s.defTri[Symbol.S_DEF_USER] = tri[i];
            s.defVal[Symbol.S_DEF_USER] = val[i];
            s.flags = (s.flags & ~Symbol.DEF_USER) | flags[i];
        }
        kc.values.clearAllValid();
        return new Outcome(sym.name, value, reason == null, reason, changes);
    }

    private String whyNot(Symbol sym, Tristate value) {
        kc.values.calcValue(sym);
        if (sym.type != SymbolType.BOOLEAN && sym.type != SymbolType.TRISTATE) {
            return "not a bool or tristate symbol";
        }
        if (sym.visible == 0) {
            return "no visible prompt: set only by defaults and selects";
        }
        if (sym.isChoiceValue() && value == Tristate.NO) {
            return "a choice value: choose another value of its choice instead";
        }
        if (value.ordinal() < sym.revDepTri) {
            return "selected by " + kc.describe(sym.revDep);
        }
        if (value.ordinal() > sym.visible) {
            return "its prompt allows at most " + Tristate.of(sym.visible).letter();
        }
        return "out of range";
    }

    /**
     * @param o an outcome
     * @return a human-readable report, one line per change, ending with a new line
     */
    public static String describe(Outcome o) {
        StringBuilder sb = new StringBuilder();
        sb.append("  if set to ").append(o.value().letter()).append(": ");
        if (!o.applied()) {
            return sb.append("not possible: ").append(o.reason()).append('\n').toString();
        }
        int n = o.changes().values().stream().mapToInt(List::size).sum();
        sb.append(o.valueChanges()).append(" other value").append(o.valueChanges() == 1 ? "" : "s")
                .append(" change, ").append(n - o.valueChanges()).append(" only in visibility\n");
        for (Map.Entry<String, List<Change>> e : o.changes().entrySet()) {
            sb.append("    ").append(e.getKey()).append(":\n");
            for (Change c : e.getValue()) {
                sb.append("      ").append(c.symbol()).append(": ");
                if (c.valueChanged()) {
                    sb.append(c.before()).append(" -> ").append(c.after());
                } else {
                    sb.append(c.after());
                }
                if (c.visibleBefore() != c.visibleAfter()) {
                    sb.append(" (prompt ").append(c.visibleAfter() == Tristate.NO ? "hidden" : "shown").append(')');
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }
}
