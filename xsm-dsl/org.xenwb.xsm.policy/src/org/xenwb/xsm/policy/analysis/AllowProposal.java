package org.xenwb.xsm.policy.analysis;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.xenwb.xsm.policy.AvRule;
import org.xenwb.xsm.policy.Policy;
import org.xenwb.xsm.policy.PolicyIndex;
import org.xenwb.xsm.policy.SecurityClass;
import org.xenwb.xsm.policy.TypeDef;
import org.xenwb.xsm.policy.analysis.AllowTable.Key;
import org.xenwb.xsm.policy.analysis.AvcDenials.Denial;
import org.xenwb.xsm.policy.compile.ConfParser;
import org.xenwb.xsm.policy.compile.PolicyBuilder;
import org.xenwb.xsm.policy.compile.PolicyCompileException;
import org.xenwb.xsm.policy.compile.PolicyDiagnostic;
import org.xenwb.xsm.policy.compile.SourceLocation;
import org.xenwb.xsm.policy.compile.Specs.Perms;
import org.xenwb.xsm.policy.compile.Specs.TypeSet;

/**
 * audit2allow for Xen: from AVC denials, the minimal rules that allow them: one {@code allow} per source, target
 * and class with the union of the denied permissions, or a call of a macro of the sources when one covers whole
 * groups of denials and allows nothing else (macros that cover them but allow more are listed as alternatives,
 * with what more they allow). {@link #verify} recompiles the policy with the proposal and checks every denial.
 * Stateless.
 */
public final class AllowProposal {

    private static final int MAX_ARGUMENT_TYPES = 8;

    /**
     * Denials merged per source, target and class.
     *
     * @param source the source type
     * @param target the target type
     * @param tclass the class
     * @param permissions the denied permissions not allowed by the policy, in permission value order
     * @param lines the lines of the denials
     */
    public record Group(String source, String target, String tclass, List<String> permissions, List<Integer> lines) {
        /** Copies the lists. */
        public Group {
            permissions = List.copyOf(permissions);
            lines = List.copyOf(lines);
        }

        /** @return the {@code allow} rule that allows exactly this group */
        public String rule() {
            return "allow " + source + " " + target + ":" + tclass + " " + (permissions.size() == 1
                    ? permissions.get(0) : "{ " + String.join(" ", permissions) + " }") + ";";
        }
    }

    /**
     * A macro call that allows whole groups.
     *
     * @param macro the macro
     * @param arguments its arguments
     * @param covered the groups it allows
     * @param extra what else it allows that the policy does not allow yet, as allow rules
     */
    public record Call(MacroTemplate macro, List<String> arguments, List<Group> covered, List<String> extra) {
        /** @return the call as written in a module */
        public String text() {
            return macro.name() + "(" + String.join(", ", arguments) + ")";
        }
    }

    /**
     * The proposal.
     *
     * @param groups every group of denials still denied by the policy
     * @param calls macro calls that allow exactly some groups (nothing else)
     * @param rules allow rules for the groups no chosen call covers
     * @param alternatives macro calls that would allow some of {@code rules}' groups but also more
     * @param notes denials not proposed for: already allowed by the policy, names the policy does not have
     */
    public record Proposal(List<Group> groups, List<Call> calls, List<Group> rules, List<Call> alternatives,
            List<String> notes) {
        /** Copies the lists. */
        public Proposal {
            groups = List.copyOf(groups);
            calls = List.copyOf(calls);
            rules = List.copyOf(rules);
            alternatives = List.copyOf(alternatives);
            notes = List.copyOf(notes);
        }
    }

    /**
     * The result of recompiling the policy with a proposal.
     *
     * @param errors compilation errors (e.g. a neverallow the proposal violates); the proposal's own statements are
     *        at file {@code proposal}, line = 1-based index among its calls and rules
     * @param stillDenied groups (as allow rules) the recompiled policy still does not allow
     * @param alsoAllowed what the recompiled policy allows beyond the old policy and the denials, as allow rules
     */
    public record Verification(List<PolicyDiagnostic> errors, List<String> stillDenied, List<String> alsoAllowed) {
        /** Copies the lists. */
        public Verification {
            errors = List.copyOf(errors);
            stillDenied = List.copyOf(stillDenied);
            alsoAllowed = List.copyOf(alsoAllowed);
        }
    }

    private AllowProposal() {
    }

    /**
     * @param policy the policy the denials were logged under (or its sources' compilation)
     * @param denials the denials
     * @param macros the macros that may be proposed (empty for a binary policy)
     * @return the proposal
     */
    public static Proposal propose(Policy policy, List<Denial> denials, List<MacroTemplate> macros) {
        PolicyIndex ix = policy.index();
        Map<Key, Integer> allowed = AllowTable.of(policy);
        Map<Key, Integer> missing = new LinkedHashMap<>();
        Map<Key, List<Integer>> lines = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (Denial d : denials) {
            String problem = null;
            TypeDef s = ix.type(d.source());
            TypeDef t = ix.type(d.target());
            SecurityClass c = ix.securityClass(d.tclass());
            int bits = 0;
            if (s == null || t == null) {
                problem = "no type " + (s == null ? d.source() : d.target()) + " in this policy";
            } else if (c == null) {
                problem = "no class " + d.tclass() + " in this policy";
            } else {
                for (String p : d.permissions()) {
                    int bit = ix.permissionBit(c.value(), p);
                    if (bit == 0) {
                        problem = "class " + d.tclass() + " has no permission " + p;
                    }
                    bits |= bit;
                }
            }
            if (problem != null) {
                notes.add("line " + d.line() + ": " + problem + ": skipped");
                continue;
            }
            Key key = new Key(s.value(), t.value(), c.value());
            int already = bits & allowed.getOrDefault(key, 0);
            if (already != 0) {
                notes.add("line " + d.line() + ": " + String.join(" ", ix.permissionNames(c.value(), already))
                        + " already allowed by this policy (logged under another policy or boolean values?)");
            }
            if ((bits & ~already) != 0) {
                missing.merge(key, bits & ~already, (a, b) -> a | b);
                lines.computeIfAbsent(key, k -> new ArrayList<>()).add(d.line());
            }
        }
        Map<Key, Group> groups = new LinkedHashMap<>();
        missing.forEach((k, bits) -> groups.put(k, new Group(ix.typeName(k.source()), ix.typeName(k.target()),
                ix.className(k.tclass()), ix.permissionNames(k.tclass(), bits), lines.get(k))));
        List<Call> candidates = candidates(ix, allowed, missing, groups, macros);
        List<Call> calls = new ArrayList<>();
        Set<Group> covered = new HashSet<>();
        for (Call call : candidates) {
            if (call.extra().isEmpty() && call.covered().stream().noneMatch(covered::contains)) {
                calls.add(call);
                covered.addAll(call.covered());
            }
        }
        List<Group> rules = groups.values().stream().filter(g -> !covered.contains(g)).toList();
        List<Call> alternatives = candidates.stream().filter(c -> !c.extra().isEmpty()
                && c.covered().stream().anyMatch(rules::contains)).limit(3).toList();
        return new Proposal(List.copyOf(groups.values()), calls, rules, alternatives, notes);
    }

    /** Macro calls whose arguments are types of the denials that fully allow at least one group, best first. */
    private static List<Call> candidates(PolicyIndex ix, Map<Key, Integer> allowed, Map<Key, Integer> missing,
            Map<Key, Group> groups, List<MacroTemplate> macros) {
        Set<String> types = new TreeSet<>();
        groups.values().forEach(g -> {
            types.add(g.source());
            types.add(g.target());
        });
        List<String> argumentTypes = new ArrayList<>(types);
        List<Call> out = new ArrayList<>();
        for (MacroTemplate m : macros) {
            int k = m.parameters().size();
            if (k == 0 || k > 3 || Math.pow(argumentTypes.size(), k) > Math.pow(MAX_ARGUMENT_TYPES, 2)) {
                continue;
            }
            for (List<String> args : tuples(argumentTypes, k)) {
                Map<Key, Integer> expansion = expand(ix, m, args);
                if (expansion == null) {
                    break;
                }
                List<Group> fully = new ArrayList<>();
                missing.forEach((key, bits) -> {
                    if ((expansion.getOrDefault(key, 0) & bits) == bits) {
                        fully.add(groups.get(key));
                    }
                });
                if (fully.isEmpty()) {
                    continue;
                }
                List<String> extra = new ArrayList<>();
                expansion.forEach((key, bits) -> {
                    int more = bits & ~missing.getOrDefault(key, 0) & ~allowed.getOrDefault(key, 0);
                    if (more != 0) {
                        extra.add(rule(ix, key, more));
                    }
                });
                extra.sort(null);
                out.add(new Call(m, args, fully, extra));
            }
        }
        out.sort(Comparator.comparingInt((Call c) -> -c.covered().size()).thenComparingInt(c -> c.extra().size())
                .thenComparing(Call::text));
        return out;
    }

    private static List<List<String>> tuples(List<String> values, int k) {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of());
        for (int i = 0; i < k; i++) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> prefix : out) {
                for (String v : values) {
                    List<String> t = new ArrayList<>(prefix);
                    t.add(v);
                    next.add(t);
                }
            }
            out = next;
        }
        return out;
    }

    /** The allow rules of a macro call, expanded to types; null when the macro names what the policy lacks. */
    static Map<Key, Integer> expand(PolicyIndex ix, MacroTemplate m, List<String> args) {
        Map<Key, Integer> out = new LinkedHashMap<>();
        for (MacroTemplate.Rule r : m.rules()) {
            if (!r.keyword().equals("allow")) {
                continue;
            }
            BitSet sources = types(ix, m, args, r.sources());
            List<String> targetNames = r.targets().stream().filter(n -> !n.equals("self")).toList();
            BitSet targets = types(ix, m, args, targetNames);
            if (sources == null || targets == null) {
                return null;
            }
            boolean self = r.targets().contains("self");
            for (String cn : r.classes()) {
                SecurityClass c = ix.securityClass(cn);
                if (c == null) {
                    return null;
                }
                int bits = 0;
                for (String p : r.permissions()) {
                    int bit = ix.permissionBit(c.value(), p);
                    if (bit == 0) {
                        return null;
                    }
                    bits |= bit;
                }
                for (int s = sources.nextSetBit(0); s >= 0; s = sources.nextSetBit(s + 1)) {
                    BitSet ts = (BitSet) targets.clone();
                    if (self) {
                        ts.set(s);
                    }
                    for (int t = ts.nextSetBit(0); t >= 0; t = ts.nextSetBit(t + 1)) {
                        out.merge(new Key(s + 1, t + 1, c.value()), bits, (a, b) -> a | b);
                    }
                }
            }
        }
        return out;
    }

    private static BitSet types(PolicyIndex ix, MacroTemplate m, List<String> args, List<String> names) {
        BitSet out = new BitSet();
        for (String n : names) {
            TypeDef d = ix.type(m.bind(n, args));
            if (d == null) {
                return null;
            }
            out.or(ix.expand(d.value()));
        }
        return out;
    }

    private static String rule(PolicyIndex ix, Key key, int bits) {
        List<String> perms = ix.permissionNames(key.tclass(), bits);
        return "allow " + ix.typeName(key.source()) + " " + ix.typeName(key.target()) + ":"
                + ix.className(key.tclass()) + " " + (perms.size() == 1 ? perms.get(0)
                        : "{ " + String.join(" ", perms) + " }") + ";";
    }

    /**
     * Recompiles a policy with a proposal added and checks it: every group must be allowed, and what else becomes
     * allowed is listed.
     *
     * @param policyConf the policy.conf of the policy (generated from sources, or decompiled from a binary)
     * @param mls whether it is an MLS policy
     * @param p the proposal
     * @return the verification
     * @throws PolicyCompileException when {@code policyConf} itself does not compile
     */
    public static Verification verify(String policyConf, boolean mls, Proposal p) throws PolicyCompileException {
        Policy before = ConfParser.parse(policyConf, "policy.conf").build(30, mls);
        PolicyBuilder b = ConfParser.parse(policyConf, "policy.conf");
        int n = 0;
        for (Call call : p.calls()) {
            n++;
            for (MacroTemplate.Rule r : call.macro().rules()) {
                if (r.keyword().equals("allow")) {
                    List<String> targets = substitute(call, r.targets()).stream().filter(x -> !x.equals("self"))
                            .toList();
                    b.avRule(new SourceLocation("proposal", n), AvRule.ALLOWED,
                            new TypeSet(substitute(call, r.sources()), List.of(), false, false),
                            new TypeSet(targets, List.of(), false, false), r.targets().contains("self"), r.classes(),
                            new Perms(r.permissions(), false, false));
                }
            }
        }
        for (Group g : p.rules()) {
            n++;
            b.avRule(new SourceLocation("proposal", n), AvRule.ALLOWED, TypeSet.of(g.source()), TypeSet.of(g.target()),
                    false, List.of(g.tclass()), new Perms(g.permissions(), false, false));
        }
        Policy after;
        try {
            after = b.build(30, mls);
        } catch (PolicyCompileException e) {
            return new Verification(e.diagnostics(), List.of(), List.of());
        }
        PolicyIndex ix = after.index();
        Map<Key, Integer> old = AllowTable.of(before);
        Map<Key, Integer> now = AllowTable.of(after);
        Map<Key, Integer> wanted = new LinkedHashMap<>();
        List<String> still = new ArrayList<>();
        for (Group g : p.groups()) {
            Key key = new Key(ix.type(g.source()).value(), ix.type(g.target()).value(),
                    ix.securityClass(g.tclass()).value());
            int bits = 0;
            for (String perm : g.permissions()) {
                bits |= ix.permissionBit(key.tclass(), perm);
            }
            wanted.merge(key, bits, (x, y) -> x | y);
            if ((now.getOrDefault(key, 0) & bits) != bits) {
                still.add(g.rule());
            }
        }
        List<String> also = new ArrayList<>();
        now.forEach((key, bits) -> {
            int more = bits & ~old.getOrDefault(key, 0) & ~wanted.getOrDefault(key, 0);
            if (more != 0) {
                also.add(rule(ix, key, more));
            }
        });
        also.sort(null);
        return new Verification(List.of(), still, also);
    }

    private static List<String> substitute(Call call, List<String> names) {
        return names.stream().map(x -> call.macro().bind(x, call.arguments())).toList();
    }

    /**
     * The proposal as module text: a comment per group with the denial lines, the macro calls, the allow rules.
     *
     * @param p a proposal
     * @param denialsFile the name of the file the denials came from, for the comments
     * @return the text, each line ending in a newline
     */
    public static String text(Proposal p, String denialsFile) {
        StringBuilder out = new StringBuilder();
        for (String note : p.notes()) {
            out.append("# ").append(denialsFile).append(' ').append(note).append('\n');
        }
        for (Call c : p.calls()) {
            out.append("# ").append(c.text()).append(" allows exactly ").append(c.covered().size())
                    .append(c.covered().size() == 1 ? " group" : " groups").append(" of denials (")
                    .append(linesOf(c.covered())).append(")\n").append(c.text()).append('\n');
        }
        for (Group g : p.rules()) {
            out.append("# ").append(denialsFile).append(" line").append(g.lines().size() == 1 ? " " : "s ")
                    .append(linesOf(List.of(g))).append('\n').append(g.rule()).append('\n');
        }
        for (Call c : p.alternatives()) {
            out.append("# alternative: ").append(c.text()).append(" also allows ").append(c.extra().size())
                    .append(" more: ").append(String.join(" ", c.extra())).append('\n');
        }
        return out.toString();
    }

    private static String linesOf(List<Group> groups) {
        List<String> lines = new ArrayList<>();
        groups.forEach(g -> g.lines().forEach(l -> lines.add(Integer.toString(l))));
        return String.join(", ", lines);
    }
}
