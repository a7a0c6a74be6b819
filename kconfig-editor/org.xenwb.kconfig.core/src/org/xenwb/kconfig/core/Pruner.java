package org.xenwb.kconfig.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.sat4j.core.VecInt;
import org.sat4j.minisat.SolverFactory;
import org.sat4j.specs.ContradictionException;
import org.sat4j.specs.ISolver;
import org.sat4j.specs.IVecInt;
import org.sat4j.specs.TimeoutException;

/**
 * Prunes a configuration: keeps a set of symbols on and turns off everything else that can be off.
 *
 * <p><b>Minimal</b> means: among all configurations that {@code conf --olddefconfig} leaves unchanged (fixed points
 * of the engine's semantics, with MODULES at the input's value, int/hex/string values as in the input and the
 * bool/tristate symbols those compared values depend on held at their input values, see {@link PruneHolds}) and that
 * have every kept symbol enabled, the result has the <em>minimum number of enabled user-settable symbols</em>, a
 * user-settable symbol being a bool/tristate symbol with at least one prompt (choice values included, the choice
 * itself not counted) and <em>enabled</em> meaning {@code y} or {@code m}: a module is still built, so {@code m}
 * counts like {@code y}, and a kept symbol may end up {@code m}. Which of {@code y} and {@code m} an enabled
 * tristate gets is not optimised. A
 * minimum-size result is also subset-minimal: no enabled user-settable symbol can be turned off, alone or with
 * others, without breaking a kept symbol or validity. The minimum is <em>proven</em> when the SAT solver (Sat4j)
 * shows that no such configuration has one symbol fewer; the proof is relative to the encoding of
 * {@link PruneEncoder}, and the result is checked against the engine itself before it is returned.</p>
 *
 * <p>With loadable modules on, a bool value inside a tristate choice is refused (Linux 6.1 has none). Not
 * thread-safe; works on the given {@link Kconfig}.</p>
 */
public final class Pruner {

    /** A symbol whose value differs between the input and the result. */
    public record Change(String symbol, String prompt, boolean expert, boolean unsupported) {
    }

    /**
     * The outcome.
     *
     * @param kept the kept symbols
     * @param provenMinimal whether the SAT solver proved that no valid configuration has fewer enabled symbols
     * @param enabledBefore enabled user-settable symbols in the input configuration
     * @param enabledAfter enabled user-settable symbols in the result
     * @param removed symbols on in the input and off in the result, by menu path
     * @param added symbols off in the input and on in the result, by menu path
     * @param securitySupportLost true when the result enables {@code UNSUPPORTED} or {@code EXPERT}
     * @param approximations comparisons evaluated with the input's values instead of being encoded, and the
     *        symbols held at their input values so that those comparisons keep their results
     */
    public record Result(List<String> kept, boolean provenMinimal, int enabledBefore, int enabledAfter,
            Map<String, List<Change>> removed, Map<String, List<Change>> added, boolean securitySupportLost,
            Set<String> approximations) {
    }

    private final Kconfig kc;

    /** @param kc the tree with the input configuration loaded ({@link ConfigFiles#read}) */
    public Pruner(Kconfig kc) {
        this.kc = kc;
    }

    /**
     * Computes a minimal configuration keeping the given symbols on and sets it as the tree's user values, so that
     * {@link ConfigFiles#write} writes it.
     *
     * @param keep symbol names (without {@code CONFIG_}), each a bool or tristate symbol of the tree
     * @param off symbol names that must stay off (for example EXPERT and UNSUPPORTED, to keep security support)
     * @param timeoutSeconds time limit of the whole search, in seconds; when it expires the best configuration
     *        found so far is returned, not proven minimal (if none was found, an exception says so)
     * @param monitor progress and cancellation; on cancellation the tree's values are left as they were
     * @return what changed
     * @throws KconfigException for unknown or non-bool keeps, bool values of tristate choices, keep sets no valid
     *         configuration has (naming the conflicting constraints), a time limit reached before any valid
     *         configuration was found, and cancellation ({@link Cancelled})
     */
    public Result prune(List<String> keep, List<String> off, int timeoutSeconds, PruneMonitor monitor) {
        List<Symbol> keeps = resolveKeeps(keep, true);
        List<Symbol> offs = off.isEmpty() ? List.of() : resolveKeeps(off, false);
        Symbol modulesSym = kc.modulesSym;
        kc.values.calcValue(modulesSym);
        boolean modules = modulesSym.currTri != 0;
        if (modules) {
            for (Symbol s : kc.symbols.all()) {
                if (s.isChoiceValue() && s.type != SymbolType.TRISTATE && s.choice().type == SymbolType.TRISTATE) {
                    throw new KconfigException("prune: " + s.name + " (" + PruneEncoder.site(s) + ") is a bool value"
                            + " of a tristate choice; pruning with loadable modules does not support that");
                }
            }
        }
        long deadline = System.nanoTime() + Math.max(1, timeoutSeconds) * 1_000_000_000L;
        Set<Symbol> encodable = new LinkedHashSet<>();
        for (Symbol s : kc.symbols.all()) {
            kc.values.calcValue(s);
            if (PruneEncoder.encodable(s)) {
                encodable.add(s);
            }
        }
        Map<Symbol, Object> comparedInput = new LinkedHashMap<>();
        for (Symbol s : PruneHolds.compared(kc, encodable)) {
            kc.values.calcValue(s);
            comparedInput.put(s, s.currVal);
        }
        Set<Symbol> fixedValues = new LinkedHashSet<>();
        while (true) {
            Search a = new Search(keeps, offs, keep, off, modules, fixedValues, comparedInput);
            Attempt r = search(a, deadline, timeoutSeconds, monitor);
            if (r.changed().isEmpty()) {
                applyValues(r.enc(), r.model());
                return finish(r.enc(), keeps, r.model(), r.proven(), r.before(), r.settable());
            }
            fixedValues.addAll(r.changed());
        }
    }

    /** The inputs of one solver run. */
    private record Search(List<Symbol> keeps, List<Symbol> offs, List<String> keep, List<String> off,
            boolean modules, Set<Symbol> fixedValues, Map<Symbol, Object> comparedInput) {
    }

    /**
     * @return the compared int/hex/string symbols (not yet in {@code fixedValues}) whose value differs from the
     *         input under the model; the tree's values are restored afterwards
     */
    private Set<Symbol> changedValues(PruneEncoder enc, boolean[] model, Search in) {
        Set<Symbol> changed = new LinkedHashSet<>();
        if (in.comparedInput().isEmpty()) {
            return changed;
        }
        Snapshot saved = new Snapshot(kc);
        applyValues(enc, model);
        for (Map.Entry<Symbol, Object> e : in.comparedInput().entrySet()) {
            kc.values.calcValue(e.getKey());
            Symbol s = e.getKey();
            if (!java.util.Objects.equals(s.currVal, e.getValue()) && !in.fixedValues().contains(s)) {
                changed.add(s);
            }
        }
        saved.restore(kc);
        return changed;
    }

    /**
     * One solver run: the encoding, the best model found, whether it is proven minimal, and the compared values a
     * model changed (then the run stopped and is to be repeated with their inputs held).
     */
    private record Attempt(PruneEncoder enc, boolean[] model, boolean proven, Map<Symbol, Boolean> before,
            List<Symbol> settable, Set<Symbol> changed) {
    }

    /** The user values and flags of every symbol, to undo {@link #applyValues}. */
    private static final class Snapshot {
        private final Map<Symbol, Object[]> saved = new LinkedHashMap<>();

        Snapshot(Kconfig kc) {
            for (Symbol s : kc.symbols.all()) {
                saved.put(s, new Object[] {s.defTri[Symbol.S_DEF_USER], s.defVal[Symbol.S_DEF_USER], s.flags});
            }
        }

        void restore(Kconfig kc) {
            for (Map.Entry<Symbol, Object[]> e : saved.entrySet()) {
                Symbol s = e.getKey();
                s.defTri[Symbol.S_DEF_USER] = (Integer) e.getValue()[0];
                s.defVal[Symbol.S_DEF_USER] = e.getValue()[1];
                s.flags = (Integer) e.getValue()[2];
            }
            kc.values.clearAllValid();
        }
    }

    private Attempt search(Search in, long deadline, int timeoutSeconds, PruneMonitor monitor) {
        List<Symbol> keeps = in.keeps();
        List<Symbol> offs = in.offs();
        List<String> keep = in.keep();
        List<String> off = in.off();
        PruneEncoder enc = new PruneEncoder(kc, in.modules(), in.fixedValues());
        enc.encode();
        List<Symbol> settable = new ArrayList<>();
        for (Symbol s : enc.vars.keySet()) {
            if (!s.isChoice() && PruneEncoder.hasPrompt(s)) {
                settable.add(s);
            }
        }
        Map<Symbol, Boolean> before = new LinkedHashMap<>();
        for (Symbol s : enc.vars.keySet()) {
            before.put(s, kc.tristate(s) != Tristate.NO);
        }
        ISolver solver = SolverFactory.newDefault();
        solver.setTimeoutMs(remainingMs(deadline));
        solver.newVar(enc.cnf.vars());
        try {
            for (int[] c : enc.cnf.clauses()) {
                solver.addClause(new VecInt(c));
            }
        } catch (ContradictionException e) {
            throw new KconfigException("prune: the tree's constraints are contradictory", e);
        }
        List<Integer> assumptions = new ArrayList<>();
        Map<Integer, String> meaning = new LinkedHashMap<>();
        for (PruneEncoder.Group g : enc.groups) {
            assumptions.add(g.selector());
            meaning.put(g.selector(), g.description());
        }
        for (Symbol k : keeps) {
            int x = enc.vars.get(k);
            assumptions.add(x);
            meaning.put(x, "keep " + k.name + " on");
        }
        for (Symbol k : offs) {
            int x = enc.vars.get(k);
            assumptions.add(-x);
            meaning.put(-x, "keep " + k.name + " off");
        }
        boolean[] best;
        try {
            if (!solver.isSatisfiable(vec(assumptions))) {
                throw new KconfigException("prune: no valid configuration keeps " + String.join(", ", keep)
                        + (off.isEmpty() ? "" : " on and " + String.join(", ", off) + " off")
                        + "; conflicting constraints:\n  "
                        + String.join("\n  ", explain(solver, assumptions, meaning)));
            }
        } catch (TimeoutException e) {
            throw new KconfigException("prune: the solver found no valid configuration within the time limit ("
                    + timeoutSeconds + " s); nothing written", e);
        }
        best = model(solver, enc.cnf.vars());
        Set<Symbol> changed = changedValues(enc, best, in);
        if (!changed.isEmpty()) {
            return new Attempt(enc, best, false, before, settable, changed);
        }
        boolean proven = false;
        VecInt objective = new VecInt();
        for (Symbol s : settable) {
            objective.push(enc.vars.get(s));
        }
        try {
            while (!proven) {
                int count = count(best, settable, enc);
                monitor.improved(count);
                if (monitor.cancelled()) {
                    throw new Cancelled("prune: cancelled after a valid configuration with " + count
                            + " enabled user-settable symbols was found (not proven minimal); nothing written");
                }
                long left = remainingMs(deadline);
                if (count == 0) {
                    proven = true;
                } else if (left <= 0) {
                    break;
                } else {
                    solver.setTimeoutMs(left);
                    solver.addAtMost(objective, count - 1);
                    if (solver.isSatisfiable(vec(assumptions))) {
                        boolean[] next = model(solver, enc.cnf.vars());
                        changed = changedValues(enc, next, in);
                        if (!changed.isEmpty()) {
                            return new Attempt(enc, next, false, before, settable, changed);
                        }
                        best = next;
                    } else {
                        proven = true;
                    }
                }
            }
        } catch (ContradictionException e) {
            proven = true;
        } catch (TimeoutException e) {
            proven = false;
        }
        return new Attempt(enc, best, proven, before, settable, Set.of());
    }

    /** Thrown when the monitor cancels the search; the tree's values are unchanged and nothing should be written. */
    public static final class Cancelled extends KconfigException {
        private static final long serialVersionUID = 1L;

        Cancelled(String message) {
            super(message);
        }
    }

    private static long remainingMs(long deadline) {
        return Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
    }

    private List<Symbol> resolveKeeps(List<String> keep, boolean on) {
        List<String> unknown = new ArrayList<>();
        List<String> notBool = new ArrayList<>();
        List<Symbol> out = new ArrayList<>();
        for (String raw : keep) {
            String name = raw.startsWith("CONFIG_") ? raw.substring(7) : raw;
            Symbol s = kc.symbol(name);
            if (s == null || s.type == SymbolType.UNKNOWN) {
                unknown.add(name);
            } else if (!PruneEncoder.encodable(s)) {
                notBool.add(name + " (" + s.type.displayName() + ")");
            } else {
                out.add(s);
            }
        }
        if (!unknown.isEmpty()) {
            throw new KconfigException("prune: unknown symbol" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + " (not defined by the tree)");
        }
        if (!notBool.isEmpty()) {
            throw new KconfigException("prune: only bool and tristate symbols can be kept " + (on ? "on" : "off")
                    + ": " + String.join(", ", notBool));
        }
        if (out.isEmpty()) {
            throw new KconfigException("prune: no symbol to keep");
        }
        return out;
    }

    private static IVecInt vec(List<Integer> lits) {
        VecInt v = new VecInt();
        for (int l : lits) {
            v.push(l);
        }
        return v;
    }

    private static boolean[] model(ISolver solver, int vars) {
        boolean[] m = new boolean[vars + 1];
        for (int lit : solver.model()) {
            if (Math.abs(lit) <= vars) {
                m[Math.abs(lit)] = lit > 0;
            }
        }
        return m;
    }

    private static int count(boolean[] model, List<Symbol> settable, PruneEncoder enc) {
        int n = 0;
        for (Symbol s : settable) {
            if (model[enc.vars.get(s)]) {
                n++;
            }
        }
        return n;
    }

    /** A minimal subset of the assumptions that is unsatisfiable, by deletion from the solver's explanation. */
    private static List<String> explain(ISolver solver, List<Integer> assumptions, Map<Integer, String> meaning)
            throws TimeoutException {
        IVecInt core = solver.unsatExplanation();
        List<Integer> set = new ArrayList<>();
        if (core != null) {
            for (int i = 0; i < core.size(); i++) {
                set.add(core.get(i));
            }
        }
        if (set.isEmpty() || solver.isSatisfiable(vec(set))) {
            set = new ArrayList<>(assumptions);
        }
        for (int i = set.size() - 1; i >= 0; i--) {
            List<Integer> without = new ArrayList<>(set);
            without.remove(i);
            if (!solver.isSatisfiable(vec(without))) {
                set = without;
            }
        }
        List<String> out = new ArrayList<>();
        for (int lit : set) {
            out.add(meaning.getOrDefault(lit, "literal " + lit));
        }
        return out;
    }

    /** Sets the model as the tree's user values. */
    private void applyValues(PruneEncoder enc, boolean[] model) {
        for (Map.Entry<Symbol, Integer> e : enc.vars.entrySet()) {
            Symbol s = e.getKey();
            s.defTri[Symbol.S_DEF_USER] = solverValue(enc, s, model);
            s.flags |= Symbol.DEF_USER;
            if (s.isChoice()) {
                s.defVal[Symbol.S_DEF_USER] = null;
                for (Symbol val : s.choiceValues == null ? List.<Symbol>of() : s.choiceValues) {
                    if (enc.vars.containsKey(val) && model[enc.pair(val)[1]]) {
                        s.defVal[Symbol.S_DEF_USER] = val;
                    }
                }
            }
        }
        kc.values.clearAllValid();
    }

    /** Checks the applied model against the engine and describes the changes. */
    private Result finish(PruneEncoder enc, List<Symbol> keeps, boolean[] model, boolean proven,
            Map<Symbol, Boolean> before, List<Symbol> settable) {
        List<String> disagree = new ArrayList<>();
        for (Symbol s : enc.vars.keySet()) {
            int engine = kc.tristate(s).ordinal();
            int solver = solverValue(enc, s, model);
            if (engine != solver) {
                disagree.add(s + " (solver " + "nmy".charAt(solver) + ", engine " + "nmy".charAt(engine) + ")");
            }
        }
        if (!disagree.isEmpty()) {
            throw new KconfigException("prune: internal error: the encoding disagrees with the engine for "
                    + String.join(", ", disagree) + (enc.approximations().isEmpty() ? ""
                            : "; comparisons evaluated with input values: " + enc.approximations()));
        }
        Map<String, List<Change>> removed = new TreeMap<>();
        Map<String, List<Change>> added = new TreeMap<>();
        Symbol expert = kc.symbol("EXPERT");
        Symbol unsupported = kc.symbol("UNSUPPORTED");
        for (Symbol s : settable) {
            boolean was = before.get(s);
            boolean now = model[enc.vars.get(s)];
            if (was != now) {
                Change c = new Change(s.name, MenuPath.prompt(s), mentions(s, expert), mentions(s, unsupported));
                (was ? removed : added).computeIfAbsent(MenuPath.of(s), k -> new ArrayList<>()).add(c);
            }
        }
        for (Map<String, List<Change>> m : List.of(removed, added)) {
            for (List<Change> l : m.values()) {
                l.sort((a, b) -> a.symbol().compareTo(b.symbol()));
            }
        }
        boolean lost = isOn(expert) || isOn(unsupported);
        List<String> kept = keeps.stream().map(Symbol::name).toList();
        int enabledBefore = 0;
        for (Symbol s : settable) {
            enabledBefore += before.get(s) ? 1 : 0;
        }
        Set<String> approximations = new java.util.LinkedHashSet<>(enc.approximations());
        for (Map.Entry<Symbol, String> h : enc.holds.entrySet()) {
            approximations.add(h.getKey().name + " held at its input value (" + h.getValue() + ")");
        }
        return new Result(kept, proven, enabledBefore, count(model, settable, enc), removed, added, lost,
                approximations);
    }

    /** @return the solver's value of a symbol: 0 n, 1 m, 2 y */
    private static int solverValue(PruneEncoder enc, Symbol s, boolean[] model) {
        int[] p = enc.pair(s);
        return model[p[1]] ? 2 : model[p[0]] ? 1 : 0;
    }

    private boolean isOn(Symbol s) {
        return s != null && PruneEncoder.encodable(s) && kc.tristate(s) != Tristate.NO;
    }

    /** Whether a symbol's dependencies or prompt conditions mention {@code gate} (EXPERT, UNSUPPORTED). */
    static boolean mentions(Symbol s, Symbol gate) {
        if (gate == null) {
            return false;
        }
        if (s == gate || Expr.containsSymbol(s.dirDep, gate)) {
            return true;
        }
        for (Property p : s.props) {
            if (p.text != null && Expr.containsSymbol(p.visibleExpr, gate)) {
                return true;
            }
        }
        return false;
    }
}
