package org.xenwb.xsm.policy.compile;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.xenwb.xsm.policy.AvRule;
import org.xenwb.xsm.policy.CondExpr;
import org.xenwb.xsm.policy.Policy;
import org.xenwb.xsm.policy.compile.PolicyBuilder.ClassInfo;
import org.xenwb.xsm.policy.compile.PolicyBuilder.CondSpec;
import org.xenwb.xsm.policy.compile.PolicyBuilder.RuleSpec;
import org.xenwb.xsm.policy.compile.Specs.CondItem;

/**
 * Expands access-vector and type rules into the compiled table the way libsepol's expander does, including the
 * order in which table entries and conditional blocks are created (which decides the binary's order).
 */
final class RuleExpansion {

    private record Key(int source, int target, int tclass, int kind) {
    }

    /** One compiled table entry. */
    private static final class Node {
        final Key key;
        int data;
        int enabled;
        final Object context;
        /** The allow rules that added permissions to this entry, in source order. */
        final List<RuleSpec> origins = new ArrayList<>(1);

        Node(Key key, int data, Object context) {
            this.key = key;
            this.data = data;
            this.context = context;
        }
    }

    /** A conditional block of the output with its two rule lists (each new entry is put first). */
    private static final class OutCond {
        final List<CondExpr> expression;
        final Set<Integer> bools;
        final long truthTable;
        final boolean state;
        final List<Node> trueList = new ArrayList<>();
        final List<Node> falseList = new ArrayList<>();

        OutCond(List<CondExpr> expression, Set<Integer> bools, long truthTable, boolean state) {
            this.expression = expression;
            this.bools = bools;
            this.truthTable = truthTable;
            this.state = state;
        }
    }

    /** A conditional of the source after merging blocks with equal expressions. */
    private record DeclCond(List<CondExpr> expression, Set<Integer> bools, long truthTable,
            List<RuleSpec> trueRules, List<RuleSpec> falseRules) {
    }

    private final PolicyCompiler c;
    private final Map<Key, Node> unconditional = new LinkedHashMap<>();
    private final Map<Key, List<Node>> conditionalNodes = new HashMap<>();
    private final List<OutCond> outConds = new ArrayList<>();
    private final List<RuleSpec> neverallows = new ArrayList<>();
    private final Map<Integer, Boolean> boolStates = new HashMap<>();
    private final Map<String, Integer> boolValues = new HashMap<>();
    private final List<SourceRule> sourceRules = new ArrayList<>();

    RuleExpansion(PolicyCompiler compiler) {
        this.c = compiler;
    }

    void expand(Policy p) throws PolicyCompileException {
        PolicyBuilder b = c.builder();
        for (Map.Entry<String, boolean[]> e : b.bools.entrySet()) {
            int v = c.boolValues().get(e.getKey());
            boolValues.put(e.getKey(), v);
            boolStates.put(v, e.getValue()[0]);
        }
        for (RuleSpec r : b.rules) {
            if (r.kind() == PolicyBuilder.NEVERALLOW) {
                neverallows.add(r);
            } else {
                expandRule(r, null, null, true);
            }
        }
        for (DeclCond d : declConditionals(b)) {
            OutCond out = null;
            for (OutCond o : outConds) {
                if (o.bools.equals(d.bools()) && o.truthTable == d.truthTable()) {
                    out = o;
                }
            }
            if (out == null) {
                out = new OutCond(d.expression(), d.bools(), d.truthTable(),
                        PolicyCompiler.evaluate(d.expression(), boolStates));
                outConds.add(0, out);
            }
            for (RuleSpec r : d.trueRules()) {
                expandRule(r, out.trueList, out.falseList, out.state);
            }
            for (RuleSpec r : d.falseRules()) {
                expandRule(r, out.falseList, out.trueList, !out.state);
            }
        }
        checkNeverallows();
        checkBounds();
        resolveSourceRules(c.builder());
        for (Node n : unconditional.values()) {
            p.rules().add(new AvRule(n.key.source, n.key.target, n.key.tclass, n.key.kind, n.data));
        }
        for (OutCond o : outConds) {
            p.conditionals().add(PolicyCompiler.conditional(o.state, o.expression, rules(o.trueList),
                    rules(o.falseList)));
        }
    }

    /** @return every rule as written, resolved (after {@link #expand}), in source order, conditionals last */
    List<SourceRule> sourceRules() {
        return sourceRules;
    }

    private void resolveSourceRules(PolicyBuilder b) throws PolicyCompileException {
        for (RuleSpec r : b.rules) {
            sourceRules.add(resolve(r, List.of(), true));
        }
        for (CondSpec s : b.conditionals) {
            List<CondExpr> expr = new ArrayList<>();
            for (CondItem i : s.expression) {
                expr.add(new CondExpr(i.type(), i.type() == CondExpr.BOOL ? boolValues.get(i.bool()) : 0));
            }
            // the parser lists a block's rules last first
            for (RuleSpec r : PolicyCompiler.reversed(s.trueRules)) {
                sourceRules.add(resolve(r, expr, true));
            }
            for (RuleSpec r : PolicyCompiler.reversed(s.falseRules)) {
                sourceRules.add(resolve(r, expr, false));
            }
        }
    }

    private SourceRule resolve(RuleSpec r, List<CondExpr> condition, boolean branch) throws PolicyCompileException {
        boolean typeRule = PolicyBuilder.isTypeRule(r.kind());
        Map<Integer, Integer> data = new HashMap<>();
        for (String n : r.classes()) {
            ClassInfo ci = c.builder().classInfo(r.location(), n);
            data.put(ci.value, typeRule ? c.type(r.location(), r.newType()).value
                    : c.permissionBits(r.location(), ci, n, r.perms()));
        }
        return new SourceRule(r.location(), r.kind(), SourceRule.text(r.source(), false),
                SourceRule.text(r.target(), r.self()), c.expandTypes(r.location(), r.source(), true),
                c.expandTypes(r.location(), r.target(), true), r.self(), data, condition, branch);
    }

    private static List<AvRule> rules(List<Node> nodes) {
        return nodes.stream().map(n -> new AvRule(n.key.source, n.key.target, n.key.tclass,
                n.key.kind | n.enabled, n.data)).toList();
    }

    private List<DeclCond> declConditionals(PolicyBuilder b) throws PolicyCompileException {
        List<DeclCond> decls = new ArrayList<>();
        for (CondSpec s : b.conditionals) {
            List<CondExpr> expr = new ArrayList<>();
            for (CondItem i : s.expression) {
                int bool = 0;
                if (i.type() == CondExpr.BOOL) {
                    Integer value = boolValues.get(i.bool());
                    if (value == null) {
                        throw new PolicyCompileException(s.location, "unknown boolean " + i.bool());
                    }
                    bool = value;
                }
                expr.add(new CondExpr(i.type(), bool));
            }
            // the parser lists a block's rules last first
            List<RuleSpec> t = PolicyCompiler.reversed(s.trueRules);
            List<RuleSpec> f = PolicyCompiler.reversed(s.falseRules);
            if (t.isEmpty()) {
                if (f.isEmpty()) {
                    continue;
                }
                t = f;
                f = List.of();
                expr.add(new CondExpr(CondExpr.NOT, 0));
            }
            if (expr.getLast().type() == CondExpr.NOT) {
                expr.removeLast();
                List<RuleSpec> swap = t;
                t = f;
                f = swap;
            }
            Set<Integer> bools = new LinkedHashSet<>();
            expr.stream().filter(e -> e.type() == CondExpr.BOOL).forEach(e -> bools.add(e.bool()));
            long table = truthTable(expr, bools);
            DeclCond existing = null;
            for (DeclCond d : decls) {
                if (d.bools().equals(bools) && d.truthTable() == table) {
                    existing = d;
                }
            }
            if (existing == null) {
                decls.add(new DeclCond(List.copyOf(expr), bools, table, new ArrayList<>(t), new ArrayList<>(f)));
            } else {
                existing.trueRules().addAll(t);
                existing.falseRules().addAll(f);
            }
        }
        return decls;
    }

    private static long truthTable(List<CondExpr> expr, Set<Integer> bools) {
        List<Integer> sorted = new ArrayList<>(bools);
        sorted.sort(null);
        if (sorted.size() > 6) {
            return expr.hashCode();
        }
        long table = 0;
        for (int test = 0; test < 1 << sorted.size(); test++) {
            Map<Integer, Boolean> states = new HashMap<>();
            for (int j = 0; j < sorted.size(); j++) {
                states.put(sorted.get(j), (test & 1 << j) != 0);
            }
            if (PolicyCompiler.evaluate(expr, states)) {
                table |= 1L << test;
            }
        }
        return table;
    }

    private void expandRule(RuleSpec r, List<Node> list, List<Node> other, boolean enabled)
            throws PolicyCompileException {
        if (r.kind() == PolicyBuilder.NEVERALLOW) {
            throw new PolicyCompileException(r.location(), "neverallow is not allowed in a conditional");
        }
        boolean typeRule = PolicyBuilder.isTypeRule(r.kind());
        boolean always = typeRule || r.self();
        BitSet sources = c.expandTypes(r.location(), r.source(), always);
        BitSet targets = c.expandTypes(r.location(), r.target(), always);
        List<String> classNames = new ArrayList<>(r.classes());
        List<ClassInfo> classes = new ArrayList<>();
        for (String n : classNames) {
            ClassInfo ci = c.builder().classInfo(r.location(), n);
            if (!classes.contains(ci)) {
                classes.add(ci);
            }
        }
        classes.sort(Comparator.comparingInt(ci -> ci.value));
        int[] data = new int[classes.size()];
        for (int i = 0; i < classes.size(); i++) {
            String name = nameOf(classes.get(i));
            data[i] = typeRule ? c.type(r.location(), r.newType()).value
                    : c.permissionBits(r.location(), classes.get(i), name, r.perms());
        }
        for (int s = sources.nextSetBit(0); s >= 0; s = sources.nextSetBit(s + 1)) {
            if (r.self()) {
                for (int i = 0; i < classes.size(); i++) {
                    apply(r, s + 1, s + 1, classes.get(i).value, data[i], list, other, enabled);
                }
            }
            for (int t = targets.nextSetBit(0); t >= 0; t = targets.nextSetBit(t + 1)) {
                for (int i = 0; i < classes.size(); i++) {
                    apply(r, s + 1, t + 1, classes.get(i).value, data[i], list, other, enabled);
                }
            }
        }
    }

    private String nameOf(ClassInfo ci) {
        for (Map.Entry<String, ClassInfo> e : c.builder().classes.entrySet()) {
            if (e.getValue() == ci) {
                return e.getKey();
            }
        }
        return "?";
    }

    private void apply(RuleSpec r, int s, int t, int tclass, int data, List<Node> list, List<Node> other,
            boolean enabled) throws PolicyCompileException {
        Key key = new Key(s, t, tclass, r.kind());
        if (PolicyBuilder.isTypeRule(r.kind())) {
            Node existing = unconditional.get(key);
            int conflict = existing != null ? 1 : 0;
            if (existing == null) {
                List<Node> nodes = conditionalNodes.get(key);
                if (nodes != null && nodes.get(0).context != other) {
                    existing = nodes.get(0);
                    conflict = 2;
                }
            }
            if (conflict != 0) {
                if (existing.data == data && (conflict == 1 && list == null || existing.context == list)) {
                    return;
                }
                throw new PolicyCompileException(r.location(), (existing.data == data ? "duplicate" : "conflicting")
                        + " TE rule for (" + typeName(s) + ", " + typeName(t) + ":" + className(tclass) + "): old was "
                        + typeName(existing.data) + ", new is " + typeName(data));
            }
        }
        Node node = find(key, list);
        node.enabled = list != null && enabled ? AvRule.ENABLED : 0;
        switch (r.kind()) {
            case AvRule.AUDITDENY -> node.data &= ~data;
            case AvRule.TRANSITION, AvRule.MEMBER, AvRule.CHANGE -> node.data = data;
            default -> node.data |= data;
        }
        if (r.kind() == AvRule.ALLOWED) {
            node.origins.add(r);
        }
    }

    private Node find(Key key, List<Node> list) {
        int initial = key.kind() == AvRule.AUDITDENY ? ~0 : 0;
        if (list == null) {
            return unconditional.computeIfAbsent(key, k -> new Node(k, initial, null));
        }
        List<Node> nodes = conditionalNodes.computeIfAbsent(key, k -> new ArrayList<>());
        for (Node n : nodes) {
            if (n.context == list) {
                return n;
            }
        }
        Node n = new Node(key, initial, list);
        nodes.add(n);
        list.add(0, n);
        return n;
    }

    private String typeName(int value) {
        for (PolicyBuilder.TypeInfo t : c.builder().types.values()) {
            if (t.value == value) {
                return t.name;
            }
        }
        return "?";
    }

    private String className(int value) {
        for (Map.Entry<String, ClassInfo> e : c.builder().classes.entrySet()) {
            if (e.getValue().value == value) {
                return e.getKey();
            }
        }
        return "?";
    }

    /** Permissions of the allow entries of {@code nodes} whose source covers {@code type}, by target type and class. */
    private Map<Long, Integer> allowedFor(Iterable<Node> nodes, int type) {
        Map<Long, Integer> map = new HashMap<>();
        for (Node n : nodes) {
            if (n.key.kind != AvRule.ALLOWED || !c.expandValue(n.key.source).get(type - 1)) {
                continue;
            }
            BitSet targets = c.expandValue(n.key.target);
            for (int t = targets.nextSetBit(0); t >= 0; t = targets.nextSetBit(t + 1)) {
                map.merge(((long) (t + 1) << 32) | n.key.tclass, n.data, (x, y) -> x | y);
            }
        }
        return map;
    }

    /**
     * typebounds: every permission a bounded type has must be allowed to its parent too, towards the target or the
     * target's own parent (libsepol's bounds check, on the compiled table).
     */
    private void checkBounds() throws PolicyCompileException {
        for (PolicyBuilder.TypeInfo child : c.builder().types.values()) {
            if (child.bounds == null) {
                continue;
            }
            int parent = c.builder().typeNames.get(child.bounds).value;
            Map<Long, Integer> global = allowedFor(unconditional.values(), parent);
            checkBounded(child, parent, unconditional.values(), global, Map.of());
            for (OutCond o : outConds) {
                Map<Long, Integer> t = allowedFor(o.trueList, parent);
                Map<Long, Integer> f = allowedFor(o.falseList, parent);
                Map<Long, Integer> both = new HashMap<>(global);
                f.forEach((k, v) -> {
                    int common = v & t.getOrDefault(k, 0);
                    if (common != 0) {
                        both.merge(k, common, (x, y) -> x | y);
                    }
                });
                checkBounded(child, parent, o.trueList, t, both);
                checkBounded(child, parent, o.falseList, f, both);
            }
        }
    }

    private void checkBounded(PolicyBuilder.TypeInfo child, int parent, Iterable<Node> nodes,
            Map<Long, Integer> current, Map<Long, Integer> global) throws PolicyCompileException {
        for (Node n : nodes) {
            if (n.key.kind != AvRule.ALLOWED || !c.expandValue(n.key.source).get(child.value - 1)) {
                continue;
            }
            BitSet targets = c.expandValue(n.key.target);
            for (int t = targets.nextSetBit(0); t >= 0; t = targets.nextSetBit(t + 1)) {
                int target = t + 1;
                for (PolicyBuilder.TypeInfo ti : c.builder().types.values()) {
                    if (ti.value == target && ti.bounds != null) {
                        target = c.builder().typeNames.get(ti.bounds).value;
                    }
                }
                long key = ((long) target << 32) | n.key.tclass;
                int missing = n.data & ~current.getOrDefault(key, 0) & ~global.getOrDefault(key, 0);
                if (missing != 0) {
                    throw new PolicyCompileException(child.boundsLocation, "child type " + child.name
                            + " exceeds bounds of parent " + typeName(parent) + ": " + child.name + " "
                            + typeName(t + 1) + ":" + className(n.key.tclass) + " (permissions 0x"
                            + Integer.toHexString(missing) + ")");
                }
            }
        }
    }

    /**
     * Every neverallow violation, as libsepol reports them: one per compiled allow entry and expanded source and
     * target type, with the permissions both name. Collects all of them before failing, like checkpolicy.
     */
    private void checkNeverallows() throws PolicyCompileException {
        List<Node> allows = new ArrayList<>();
        unconditional.values().stream().filter(n -> n.key.kind == AvRule.ALLOWED).forEach(allows::add);
        conditionalNodes.values().forEach(l -> l.stream().filter(n -> n.key.kind == AvRule.ALLOWED)
                .forEach(allows::add));
        List<PolicyDiagnostic> violations = new ArrayList<>();
        for (RuleSpec na : neverallows) {
            BitSet sources = c.expandTypes(na.location(), na.source(), true);
            BitSet targets = c.expandTypes(na.location(), na.target(), true);
            Map<Integer, Integer> perms = new HashMap<>();
            for (String n : na.classes()) {
                ClassInfo ci = c.builder().classInfo(na.location(), n);
                perms.put(ci.value, c.permissionBits(na.location(), ci, n, na.perms()));
            }
            for (Node n : allows) {
                Integer bits = perms.get(n.key.tclass);
                if (bits == null || (bits & n.data) == 0) {
                    continue;
                }
                BitSet s = (BitSet) c.expandValue(n.key.source).clone();
                s.and(sources);
                BitSet t = c.expandValue(n.key.target);
                for (int si = s.nextSetBit(0); si >= 0; si = s.nextSetBit(si + 1)) {
                    for (int ti = t.nextSetBit(0); ti >= 0; ti = t.nextSetBit(ti + 1)) {
                        if (targets.get(ti) || na.self() && si == ti) {
                            violations.add(violation(na, n, si + 1, ti + 1, bits & n.data));
                        }
                    }
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new PolicyCompileException(violations);
        }
    }

    private PolicyDiagnostic violation(RuleSpec na, Node allow, int source, int target, int perms) {
        List<SourceLocation> related = new ArrayList<>();
        for (RuleSpec o : allow.origins) {
            if (!related.contains(o.location())) {
                related.add(o.location());
            }
        }
        String rule = "allow " + typeName(source) + " " + typeName(target) + ":" + className(allow.key.tclass) + " { "
                + String.join(" ", c.permissionNames(allow.key.tclass, perms)) + " }";
        return new PolicyDiagnostic(na.location(), true, PolicyDiagnostic.NEVERALLOW_VIOLATED,
                "neverallow violated by " + rule, related);
    }
}
