package org.xenwb.xsm.policy.compile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.xenwb.xsm.policy.AvRule;
import org.xenwb.xsm.policy.BoolDef;
import org.xenwb.xsm.policy.Category;
import org.xenwb.xsm.policy.Common;
import org.xenwb.xsm.policy.CondExpr;
import org.xenwb.xsm.policy.Conditional;
import org.xenwb.xsm.policy.Constraint;
import org.xenwb.xsm.policy.ConstraintExpr;
import org.xenwb.xsm.policy.DeviceContext;
import org.xenwb.xsm.policy.InitialSid;
import org.xenwb.xsm.policy.MlsLevel;
import org.xenwb.xsm.policy.MlsRange;
import org.xenwb.xsm.policy.Permission;
import org.xenwb.xsm.policy.Policy;
import org.xenwb.xsm.policy.RoleAllow;
import org.xenwb.xsm.policy.RoleDef;
import org.xenwb.xsm.policy.RoleTransition;
import org.xenwb.xsm.policy.SecurityClass;
import org.xenwb.xsm.policy.SecurityContext;
import org.xenwb.xsm.policy.Sensitivity;
import org.xenwb.xsm.policy.TypeDef;
import org.xenwb.xsm.policy.TypeSet;
import org.xenwb.xsm.policy.UserDef;
import org.xenwb.xsm.policy.binary.HashOrder;
import org.xenwb.xsm.policy.compile.PolicyBuilder.ClassInfo;
import org.xenwb.xsm.policy.compile.PolicyBuilder.ConstraintSpec;
import org.xenwb.xsm.policy.compile.PolicyBuilder.TypeInfo;
import org.xenwb.xsm.policy.compile.Specs.ConstraintItem;
import org.xenwb.xsm.policy.compile.Specs.Context;
import org.xenwb.xsm.policy.compile.Specs.Level;

/** One compilation of a {@link PolicyBuilder}'s statements; see there for the semantics. */
final class PolicyCompiler {

    private final PolicyBuilder b;
    private final Policy p = new Policy();
    private final boolean mls;
    private final Map<Integer, BitSet> members = new LinkedHashMap<>();
    private final RuleExpansion rules;
    private final Map<String, Integer> sensValues = new LinkedHashMap<>();
    private final Map<String, Integer> catValues = new LinkedHashMap<>();

    PolicyCompiler(PolicyBuilder builder, int version, boolean mls) {
        this.b = builder;
        this.mls = mls;
        p.setVersion(version);
        p.setMls(mls);
        this.rules = new RuleExpansion(this);
    }

    PolicyBuilder builder() {
        return b;
    }

    /**
     * Renumbers types, roles, users and booleans as checkpolicy's expansion does: in the iteration order of the
     * source policy's hash tables (object_r stays 1; aliases get no value of their own).
     */
    private void renumber() {
        int[] sizes = HashOrder.SYMTAB_SIZES;
        int value = 1;
        for (String n : HashOrder.symbolOrder(new ArrayList<>(b.typeNames.keySet()), x -> x, sizes[3])) {
            TypeInfo t = b.types.get(n);
            if (t != null) {
                t.value = value++;
            }
        }
        value = 2;
        for (String n : HashOrder.symbolOrder(new ArrayList<>(b.roles.keySet()), x -> x, sizes[2])) {
            if (!n.equals("object_r")) {
                b.roles.get(n).value = value++;
            }
        }
        value = 1;
        for (String n : HashOrder.symbolOrder(new ArrayList<>(b.users.keySet()), x -> x, sizes[4])) {
            PolicyBuilder.UserInfo u = b.users.get(n);
            b.users.put(n, new PolicyBuilder.UserInfo(value++, u.roles(), u.defaultLevel(), u.low(), u.high(),
                    u.location()));
        }
        value = 1;
        for (String n : HashOrder.symbolOrder(new ArrayList<>(b.bools.keySet()), x -> x, sizes[5])) {
            boolValues.put(n, value++);
        }
    }

    /** Final boolean values by name. */
    private final Map<String, Integer> boolValues = new LinkedHashMap<>();

    /** @return the rules as written, resolved, once {@link #compile} has run */
    List<SourceRule> sourceRules() {
        return rules.sourceRules();
    }

    Map<String, Integer> boolValues() {
        return boolValues;
    }

    Policy compile() throws PolicyCompileException {
        renumber();
        p.policyCapabilities().or(b.policyCaps);
        for (Map.Entry<String, PolicyBuilder.CommonInfo> c : b.commons.entrySet()) {
            p.commons().add(new Common(c.getKey(), c.getValue().value(), permissions(c.getValue().perms())));
        }
        types();
        mlsSymbols();
        roles();
        users();
        for (Map.Entry<String, boolean[]> e : b.bools.entrySet()) {
            p.booleans().add(new BoolDef(e.getKey(), boolValues.get(e.getKey()), e.getValue()[0]));
        }
        rules.expand(p);
        classes();
        for (PolicyBuilder.RoleAllowSpec a : reversed(b.roleAllows)) {
            for (String from : a.roles()) {
                for (String to : a.newRoles()) {
                    p.roleAllows().add(new RoleAllow(role(a.location(), from), role(a.location(), to)));
                }
            }
        }
        // like checkpolicy 3.4, which writes no role_transition below version 26 (it finds no process class)
        List<PolicyBuilder.RoleTransSpec> roleTrans = p.version() >= 26 ? reversed(b.roleTransitions) : List.of();
        for (PolicyBuilder.RoleTransSpec t : roleTrans) {
            BitSet ts = expandTypes(t.location(), t.types(), true);
            for (String from : t.roles()) {
                for (int ty = ts.nextSetBit(0); ty >= 0; ty = ts.nextSetBit(ty + 1)) {
                    for (String c : t.classes()) {
                        p.roleTransitions().add(new RoleTransition(role(t.location(), from), ty + 1,
                                role(t.location(), t.newRole()), b.classInfo(t.location(), c).value));
                    }
                }
            }
        }
        // checkpolicy keeps one list entry per declared SID, newest first: contexts come out by descending SID
        Map<Integer, InitialSid> isids = new TreeMap<>(Comparator.reverseOrder());
        for (PolicyBuilder.SidContextSpec s : b.sidContexts) {
            Integer sid = b.sids.get(s.sid());
            if (sid == null) {
                throw new PolicyCompileException(s.location(), "unknown initial SID " + s.sid());
            }
            if (isids.put(sid, new InitialSid(sid, context(s.location(), s.context()))) != null) {
                throw new PolicyCompileException(s.location(), "duplicate context for initial SID " + s.sid());
            }
        }
        p.initialSids().addAll(isids.values());
        for (PolicyBuilder.DeviceSpec d : b.devices) {
            p.deviceContexts().add(new DeviceContext(d.kind(), d.low(), d.high(), d.path(),
                    context(d.location(), d.context())));
        }
        return p;
    }

    static <T> List<T> reversed(List<T> list) {
        List<T> r = new ArrayList<>(list);
        Collections.reverse(r);
        return r;
    }

    private static List<Permission> permissions(Map<String, Integer> perms) {
        List<Permission> list = new ArrayList<>();
        perms.forEach((n, v) -> list.add(new Permission(n, v)));
        return list;
    }

    private void types() {
        List<TypeInfo> byValue = new ArrayList<>(b.types.values());
        byValue.sort(Comparator.comparingInt(t -> t.value));
        for (TypeInfo t : b.types.values()) {
            int bounds = t.bounds == null ? 0 : b.typeNames.get(t.bounds).value;
            p.types().add(new TypeDef(t.name, t.value, t.attribute ? TypeDef.Kind.ATTRIBUTE : TypeDef.Kind.TYPE,
                    bounds));
            for (String a : t.aliases) {
                p.types().add(new TypeDef(a, t.value, TypeDef.Kind.ALIAS, 0));
            }
            if (t.attribute) {
                members.put(t.value, new BitSet());
            }
        }
        for (TypeInfo t : byValue) {
            BitSet map = new BitSet();
            map.set(t.value - 1);
            for (String a : t.attributes) {
                int av = b.typeNames.get(a).value;
                map.set(av - 1);
                members.get(av).set(t.value - 1);
            }
            p.typeAttributeMap().add(map);
        }
    }

    /**
     * Expands a type set to type values (bit v - 1), as libsepol's type_set_expand.
     *
     * @param always expand attributes even in a plain set (type rules, self rules, roles)
     */
    BitSet expandTypes(SourceLocation loc, Specs.TypeSet set, boolean always) throws PolicyCompileException {
        boolean expand = always || !set.negated().isEmpty() || set.star() || set.complement();
        BitSet types = new BitSet();
        for (String n : set.names()) {
            TypeInfo t = type(loc, n);
            if (t.attribute && expand) {
                types.or(members.get(t.value));
            } else {
                types.set(t.value - 1);
            }
        }
        BitSet neg = new BitSet();
        for (String n : set.negated()) {
            TypeInfo t = type(loc, n);
            if (t.attribute) {
                neg.or(members.get(t.value));
            } else {
                neg.set(t.value - 1);
            }
        }
        BitSet out = new BitSet();
        if (set.star()) {
            for (TypeInfo t : b.types.values()) {
                if (!t.attribute && !neg.get(t.value - 1)) {
                    out.set(t.value - 1);
                }
            }
            return out;
        }
        out.or(types);
        out.andNot(neg);
        if (set.complement()) {
            for (TypeInfo t : b.types.values()) {
                if (!t.attribute) {
                    out.flip(t.value - 1);
                }
            }
        }
        return out;
    }

    /** The types an attribute or type value stands for (bit v - 1). */
    BitSet expandValue(int value) {
        BitSet m = members.get(value);
        if (m != null) {
            return m;
        }
        BitSet one = new BitSet();
        one.set(value - 1);
        return one;
    }

    TypeInfo type(SourceLocation loc, String name) throws PolicyCompileException {
        TypeInfo t = b.typeNames.get(name);
        if (t == null) {
            throw new PolicyCompileException(loc, "unknown type " + name);
        }
        return t;
    }

    private int role(SourceLocation loc, String name) throws PolicyCompileException {
        PolicyBuilder.RoleInfo r = b.roles.get(name);
        if (r == null) {
            throw new PolicyCompileException(loc, "unknown role " + name);
        }
        return r.value;
    }

    private void roles() throws PolicyCompileException {
        for (Map.Entry<String, PolicyBuilder.RoleInfo> e : b.roles.entrySet()) {
            BitSet types = new BitSet();
            for (PolicyBuilder.LocatedTypes ts : e.getValue().types) {
                types.or(expandTypes(ts.location(), ts.types(), true));
            }
            BitSet dominates = new BitSet();
            if (e.getValue().value != 1) {
                dominates.set(e.getValue().value - 1); // object_r is not copied: it dominates nothing
            }
            p.roles().add(new RoleDef(e.getKey(), e.getValue().value, 0, dominates, types));
        }
    }

    private void users() throws PolicyCompileException {
        for (Map.Entry<String, PolicyBuilder.UserInfo> e : b.users.entrySet()) {
            PolicyBuilder.UserInfo u = e.getValue();
            BitSet roles = new BitSet();
            for (String r : u.roles()) {
                roles.set(role(u.location(), r) - 1);
            }
            MlsRange range = MlsRange.NONE;
            MlsLevel level = MlsLevel.NONE;
            if (mls) {
                if (u.low() == null || u.defaultLevel() == null) {
                    throw new PolicyCompileException(u.location(), "user " + e.getKey() + " needs a level and a "
                            + "range in an MLS policy");
                }
                MlsLevel low = level(u.location(), u.low());
                range = new MlsRange(low, u.high() == null ? low : level(u.location(), u.high()));
                level = level(u.location(), u.defaultLevel());
            }
            p.users().add(new UserDef(e.getKey(), u.value(), 0, roles, range, level));
        }
    }

    private void mlsSymbols() throws PolicyCompileException {
        if (!mls) {
            return;
        }
        int value = 1;
        for (String c : b.categories.keySet()) {
            catValues.put(c, value);
            p.categories().add(new Category(c, value, false));
            for (String a : b.categories.get(c)) {
                catValues.put(a, value);
                p.categories().add(new Category(a, value, true));
            }
            value++;
        }
        value = 1;
        for (String s : b.dominance) {
            sensValues.put(s, value);
            for (String a : b.sensitivities.get(s)) {
                sensValues.put(a, value);
            }
            value++;
        }
        for (String s : b.dominance) {
            Level l = b.levels.get(s);
            BitSet cats = new BitSet();
            if (l != null) {
                cats = level(b.levelLocations.get(s), l).categories();
            }
            MlsLevel level = new MlsLevel(sensValues.get(s), cats);
            p.sensitivities().add(new Sensitivity(s, false, level));
            for (String a : b.sensitivities.get(s)) {
                p.sensitivities().add(new Sensitivity(a, true, level));
            }
        }
    }

    private MlsLevel level(SourceLocation loc, Level l) throws PolicyCompileException {
        Integer sens = sensValues.get(l.sensitivity());
        if (sens == null) {
            throw new PolicyCompileException(loc, "unknown sensitivity " + l.sensitivity());
        }
        BitSet cats = new BitSet();
        for (String item : l.categories()) {
            int dot = item.indexOf('.');
            String first = dot < 0 ? item : item.substring(0, dot);
            String last = dot < 0 ? item : item.substring(dot + 1);
            Integer lo = catValues.get(first);
            Integer hi = catValues.get(last);
            if (lo == null || hi == null || hi < lo) {
                throw new PolicyCompileException(loc, "unknown category or bad range " + item);
            }
            cats.set(lo - 1, hi);
        }
        return new MlsLevel(sens, cats);
    }

    private SecurityContext context(SourceLocation loc, Context c) throws PolicyCompileException {
        PolicyBuilder.UserInfo u = b.users.get(c.user());
        if (u == null) {
            throw new PolicyCompileException(loc, "unknown user " + c.user());
        }
        MlsRange range = MlsRange.NONE;
        if (mls) {
            if (c.low() == null) {
                throw new PolicyCompileException(loc, "context " + c.user() + ":" + c.role() + ":" + c.type()
                        + " needs an MLS level");
            }
            MlsLevel low = level(loc, c.low());
            range = new MlsRange(low, c.high() == null ? low : level(loc, c.high()));
        }
        return new SecurityContext(u.value(), role(loc, c.role()), type(loc, c.type()).value, range);
    }

    int permissionBits(SourceLocation loc, ClassInfo c, String className, Specs.Perms perms)
            throws PolicyCompileException {
        int data = 0;
        if (perms.star()) {
            return ~0;
        }
        for (String n : perms.names()) {
            Integer v = c.perms.get(n);
            if (v == null && c.common != null) {
                v = b.commons.get(c.common).perms().get(n);
            }
            if (v == null) {
                throw new PolicyCompileException(loc, "permission " + n + " is not defined for class " + className);
            }
            data |= 1 << (v - 1);
        }
        return perms.complement() ? ~data : data;
    }

    /** The names of the permissions set in {@code bits} for a class value, in permission value order. */
    List<String> permissionNames(int classValue, int bits) {
        ClassInfo ci = b.classes.values().stream().filter(x -> x.value == classValue).findFirst().orElseThrow();
        Map<Integer, String> byValue = new TreeMap<>();
        ci.perms.forEach((n, v) -> byValue.put(v, n));
        if (ci.common != null) {
            b.commons.get(ci.common).perms().forEach((n, v) -> byValue.put(v, n));
        }
        List<String> names = new ArrayList<>();
        byValue.forEach((v, n) -> {
            if ((bits & 1 << (v - 1)) != 0) {
                names.add(n);
            }
        });
        return names;
    }

    private void classes() throws PolicyCompileException {
        for (Map.Entry<String, ClassInfo> e : b.classes.entrySet()) {
            ClassInfo c = e.getValue();
            if (!c.defined) {
                throw new PolicyCompileException(c.location, "class " + e.getKey()
                        + " is declared but has no access vector definition");
            }
            List<Constraint> cons = new ArrayList<>();
            for (ConstraintSpec s : reversed(c.constraints)) {
                cons.add(new Constraint(permissionBits(s.location(), c, e.getKey(), s.perms()),
                        constraintExpr(s)));
            }
            List<Constraint> vals = new ArrayList<>();
            for (ConstraintSpec s : reversed(c.validateTrans)) {
                vals.add(new Constraint(0, constraintExpr(s)));
            }
            p.classes().add(new SecurityClass(e.getKey(), c.value, c.common, c.permCount, permissions(c.perms),
                    cons, vals, c.defaultUser, c.defaultRole, c.defaultRange, c.defaultType));
        }
    }

    private List<ConstraintExpr> constraintExpr(ConstraintSpec s) throws PolicyCompileException {
        List<ConstraintExpr> out = new ArrayList<>();
        for (ConstraintItem i : s.expression()) {
            if (i.type() != ConstraintExpr.NAMES) {
                out.add(new ConstraintExpr(i.type(), i.attr(), i.op(), null, null));
                continue;
            }
            BitSet names = new BitSet();
            TypeSet typeNames = null;
            if ((i.attr() & ConstraintExpr.TYPE) != 0) {
                names = expandTypes(s.location(), i.names(), true);
                BitSet named = new BitSet();
                for (String n : i.names().names()) {
                    named.set(type(s.location(), n).value - 1);
                }
                BitSet neg = new BitSet();
                for (String n : i.names().negated()) {
                    neg.set(type(s.location(), n).value - 1);
                }
                int flags = (i.names().star() ? 1 : 0) | (i.names().complement() ? 2 : 0);
                typeNames = p.version() >= 29 ? new TypeSet(named, neg, flags) : null;
            } else if ((i.attr() & ConstraintExpr.USER) != 0) {
                for (String n : i.names().names()) {
                    PolicyBuilder.UserInfo u = b.users.get(n);
                    if (u == null) {
                        throw new PolicyCompileException(s.location(), "unknown user " + n);
                    }
                    names.set(u.value() - 1);
                }
            } else {
                for (String n : i.names().names()) {
                    names.set(role(s.location(), n) - 1);
                }
            }
            out.add(new ConstraintExpr(i.type(), i.attr(), i.op(), names, typeNames));
        }
        return out;
    }

    /** Evaluates a postfix condition under the booleans' defaults (values: bool value to state). */
    static boolean evaluate(List<CondExpr> expr, Map<Integer, Boolean> states) {
        ArrayDeque<Boolean> stack = new ArrayDeque<>();
        for (CondExpr e : expr) {
            switch (e.type()) {
                case CondExpr.BOOL -> stack.push(states.get(e.bool()));
                case CondExpr.NOT -> stack.push(!stack.pop());
                default -> {
                    boolean r = stack.pop();
                    boolean l = stack.pop();
                    stack.push(switch (e.type()) {
                        case CondExpr.OR -> l || r;
                        case CondExpr.AND -> l && r;
                        case CondExpr.XOR -> l ^ r;
                        case CondExpr.EQ -> l == r;
                        default -> l != r;
                    });
                }
            }
        }
        return stack.pop();
    }

    /** Builds a conditional of the output (used by {@link RuleExpansion}). */
    static Conditional conditional(boolean state, List<CondExpr> expr, List<AvRule> t, List<AvRule> f) {
        return new Conditional(state, expr, t, f);
    }
}
