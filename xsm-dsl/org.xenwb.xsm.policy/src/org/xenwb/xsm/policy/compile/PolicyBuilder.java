package org.xenwb.xsm.policy.compile;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.xenwb.xsm.policy.AvRule;
import org.xenwb.xsm.policy.DeviceContext;
import org.xenwb.xsm.policy.Policy;
import org.xenwb.xsm.policy.compile.Specs.CondItem;
import org.xenwb.xsm.policy.compile.Specs.Context;
import org.xenwb.xsm.policy.compile.Specs.ConstraintItem;
import org.xenwb.xsm.policy.compile.Specs.Level;
import org.xenwb.xsm.policy.compile.Specs.Perms;
import org.xenwb.xsm.policy.compile.Specs.TypeSet;

/**
 * Collects the statements of a FLASK policy in source order and compiles them to a {@link Policy} the way
 * checkpolicy 3.4 does: values in declaration order, attributes kept in access-vector rules and expanded in type
 * rules and {@code self} rules, rules merged per source/target/class, conditionals evaluated under the booleans'
 * defaults, {@code neverallow} checked. Declarations are checked as they arrive (a name must be declared before
 * use, as in policy.conf); rules are checked at {@link #build}. Not thread-safe; one builder makes one policy.
 */
public final class PolicyBuilder {

    /** Kind of a {@code neverallow} rule (never in the binary). */
    public static final int NEVERALLOW = 0x80;

    final Map<String, ClassInfo> classes = new LinkedHashMap<>();
    final Map<String, CommonInfo> commons = new LinkedHashMap<>();
    final Map<String, Integer> sids = new LinkedHashMap<>();
    final Map<String, TypeInfo> types = new LinkedHashMap<>();
    final Map<String, TypeInfo> typeNames = new LinkedHashMap<>();
    final Map<String, RoleInfo> roles = new LinkedHashMap<>();
    final Map<String, UserInfo> users = new LinkedHashMap<>();
    final Map<String, boolean[]> bools = new LinkedHashMap<>();
    final Map<String, List<String>> sensitivities = new LinkedHashMap<>();
    final List<String> dominance = new ArrayList<>();
    final Map<String, List<String>> categories = new LinkedHashMap<>();
    final Map<String, Level> levels = new LinkedHashMap<>();
    final Map<String, SourceLocation> levelLocations = new LinkedHashMap<>();
    final BitSet policyCaps = new BitSet();
    final List<RuleSpec> rules = new ArrayList<>();
    final List<CondSpec> conditionals = new ArrayList<>();
    final List<RoleAllowSpec> roleAllows = new ArrayList<>();
    final List<RoleTransSpec> roleTransitions = new ArrayList<>();
    final List<SidContextSpec> sidContexts = new ArrayList<>();
    final List<DeviceSpec> devices = new ArrayList<>();
    final Map<String, SourceLocation> declarations = new LinkedHashMap<>();
    private CondSpec openConditional;
    private boolean inElse;

    /** A class being defined. */
    static final class ClassInfo {
        final int value;
        SourceLocation location = SourceLocation.UNKNOWN;
        String common;
        final Map<String, Integer> perms = new LinkedHashMap<>();
        int permCount;
        boolean defined;
        final List<ConstraintSpec> constraints = new ArrayList<>();
        final List<ConstraintSpec> validateTrans = new ArrayList<>();
        int defaultUser;
        int defaultRole;
        int defaultRange;
        int defaultType;

        ClassInfo(int value) {
            this.value = value;
        }
    }

    /** A common. */
    record CommonInfo(int value, Map<String, Integer> perms) {
    }

    /** A type, alias target or attribute. */
    static final class TypeInfo {
        final String name;
        int value;
        final boolean attribute;
        final List<String> aliases = new ArrayList<>();
        final Set<String> attributes = new LinkedHashSet<>();
        String bounds;
        SourceLocation boundsLocation;

        TypeInfo(String name, int value, boolean attribute) {
            this.name = name;
            this.value = value;
            this.attribute = attribute;
        }
    }

    /** A role and the type sets given to it. */
    static final class RoleInfo {
        int value;
        final List<LocatedTypes> types = new ArrayList<>();

        RoleInfo(int value) {
            this.value = value;
        }
    }

    /** A type set given to a role, with where. */
    record LocatedTypes(SourceLocation location, TypeSet types) {
    }

    /** A user. */
    record UserInfo(int value, List<String> roles, Level defaultLevel, Level low, Level high,
            SourceLocation location) {
    }

    /** An access-vector or type rule as written. */
    record RuleSpec(SourceLocation location, int kind, TypeSet source, TypeSet target, boolean self,
            List<String> classes, Perms perms, String newType) {
    }

    /** A conditional block. */
    static final class CondSpec {
        final SourceLocation location;
        final List<CondItem> expression;
        final List<RuleSpec> trueRules = new ArrayList<>();
        final List<RuleSpec> falseRules = new ArrayList<>();

        CondSpec(SourceLocation location, List<CondItem> expression) {
            this.location = location;
            this.expression = List.copyOf(expression);
        }
    }

    /** A constraint or validatetrans. */
    record ConstraintSpec(SourceLocation location, Perms perms, List<ConstraintItem> expression) {
    }

    /** A role allow. */
    record RoleAllowSpec(SourceLocation location, List<String> roles, List<String> newRoles) {
    }

    /** A role transition. */
    record RoleTransSpec(SourceLocation location, List<String> roles, TypeSet types, List<String> classes,
            String newRole) {
    }

    /** An initial SID context. */
    record SidContextSpec(SourceLocation location, String sid, Context context) {
    }

    /** A device context. */
    record DeviceSpec(SourceLocation location, DeviceContext.Kind kind, long low, long high, String path,
            Context context) {
    }

    /** A builder with {@code object_r} declared, as checkpolicy starts. */
    public PolicyBuilder() {
        roles.put("object_r", new RoleInfo(1));
    }

    private static PolicyCompileException error(SourceLocation loc, String message) {
        return new PolicyCompileException(loc, message);
    }

    /**
     * {@code class NAME} in the class declaration list.
     *
     * @param loc where
     * @param name the class
     * @throws PolicyCompileException if declared twice
     */
    public void declareClass(SourceLocation loc, String name) throws PolicyCompileException {
        if (classes.containsKey(name)) {
            throw error(loc, "duplicate declaration of class " + name);
        }
        ClassInfo c = new ClassInfo(classes.size() + 1);
        c.location = loc;
        classes.put(name, c);
    }

    /**
     * {@code sid NAME} in the initial SID declaration list.
     *
     * @param loc where
     * @param name the SID
     * @throws PolicyCompileException if declared twice
     */
    public void declareSid(SourceLocation loc, String name) throws PolicyCompileException {
        if (sids.containsKey(name)) {
            throw error(loc, "duplicate declaration of initial SID " + name);
        }
        sids.put(name, sids.size() + 1);
    }

    /**
     * {@code common NAME { perms }}.
     *
     * @param loc where
     * @param name the common
     * @param perms its permissions
     * @throws PolicyCompileException on duplicates or more than 32 permissions
     */
    public void defineCommon(SourceLocation loc, String name, List<String> perms) throws PolicyCompileException {
        if (commons.containsKey(name)) {
            throw error(loc, "duplicate declaration of common " + name);
        }
        Map<String, Integer> map = new LinkedHashMap<>();
        for (String p : perms) {
            if (map.put(p, map.size() + 1) != null) {
                throw error(loc, "duplicate permission " + p + " in common " + name);
            }
        }
        if (map.size() > 32) {
            throw error(loc, "common " + name + " has more than 32 permissions");
        }
        commons.put(name, new CommonInfo(commons.size() + 1, map));
    }

    /**
     * {@code class NAME [inherits COMMON] [{ perms }]} in the access-vector definitions.
     *
     * @param loc where
     * @param name the declared class
     * @param common the inherited common, or null
     * @param perms the class's own permissions
     * @throws PolicyCompileException if the class or common is unknown, defined twice, or has over 32 permissions
     */
    public void defineClass(SourceLocation loc, String name, String common, List<String> perms)
            throws PolicyCompileException {
        ClassInfo c = classes.get(name);
        if (c == null) {
            throw error(loc, "class " + name + " is not declared");
        }
        if (c.defined) {
            throw error(loc, "duplicate definition of class " + name);
        }
        c.defined = true;
        int next = 1;
        if (common != null) {
            CommonInfo ci = commons.get(common);
            if (ci == null) {
                throw error(loc, "unknown common " + common);
            }
            c.common = common;
            next = ci.perms().size() + 1;
        }
        for (String p : perms) {
            if (c.perms.containsKey(p) || common != null && commons.get(common).perms().containsKey(p)) {
                throw error(loc, "duplicate permission " + p + " in class " + name);
            }
            c.perms.put(p, next++);
        }
        c.permCount = next - 1;
        if (c.permCount > 32) {
            throw error(loc, "class " + name + " has more than 32 permissions");
        }
    }

    ClassInfo classInfo(SourceLocation loc, String name) throws PolicyCompileException {
        ClassInfo c = classes.get(name);
        if (c == null) {
            throw error(loc, "unknown class " + name);
        }
        return c;
    }

    /**
     * {@code default_user}, {@code default_role}, {@code default_type} or {@code default_range}.
     *
     * @param loc where
     * @param which {@code user}, {@code role}, {@code type} or {@code range}
     * @param classNames the classes
     * @param value 1 source, 2 target; for range 1..7 (source low ... glblub)
     * @throws PolicyCompileException on unknown classes or a second default of the same kind
     */
    public void defaultRule(SourceLocation loc, String which, List<String> classNames, int value)
            throws PolicyCompileException {
        for (String n : classNames) {
            ClassInfo c = classInfo(loc, n);
            int old = switch (which) {
                case "user" -> c.defaultUser;
                case "role" -> c.defaultRole;
                case "type" -> c.defaultType;
                default -> c.defaultRange;
            };
            if (old != 0 && old != value) {
                throw error(loc, "conflicting default_" + which + " for class " + n);
            }
            switch (which) {
                case "user" -> c.defaultUser = value;
                case "role" -> c.defaultRole = value;
                case "type" -> c.defaultType = value;
                default -> c.defaultRange = value;
            }
        }
    }

    /**
     * {@code sensitivity NAME [alias ...];}.
     *
     * @param loc where
     * @param name the sensitivity
     * @param aliases its aliases
     * @throws PolicyCompileException on duplicates
     */
    public void declareSensitivity(SourceLocation loc, String name, List<String> aliases)
            throws PolicyCompileException {
        if (sensitivities.containsKey(name)) {
            throw error(loc, "duplicate sensitivity " + name);
        }
        sensitivities.put(name, List.copyOf(aliases));
    }

    /**
     * {@code dominance { s0 s1 ... }}: gives sensitivities their values, lowest first.
     *
     * @param loc where
     * @param order the sensitivities from lowest to highest
     * @throws PolicyCompileException on unknown names
     */
    public void dominance(SourceLocation loc, List<String> order) throws PolicyCompileException {
        for (String s : order) {
            if (!sensitivities.containsKey(s)) {
                throw error(loc, "unknown sensitivity " + s + " in dominance");
            }
        }
        dominance.clear();
        dominance.addAll(order);
    }

    /**
     * {@code category NAME [alias ...];}.
     *
     * @param loc where
     * @param name the category
     * @param aliases its aliases
     * @throws PolicyCompileException on duplicates
     */
    public void declareCategory(SourceLocation loc, String name, List<String> aliases)
            throws PolicyCompileException {
        if (categories.containsKey(name)) {
            throw error(loc, "duplicate category " + name);
        }
        categories.put(name, List.copyOf(aliases));
    }

    /**
     * {@code level s0:c0.c255;}.
     *
     * @param loc where
     * @param level the sensitivity and the categories it may have
     * @throws PolicyCompileException on unknown names
     */
    public void level(SourceLocation loc, Level level) throws PolicyCompileException {
        if (!sensitivities.containsKey(level.sensitivity())) {
            throw error(loc, "unknown sensitivity " + level.sensitivity());
        }
        levels.put(level.sensitivity(), level);
        levelLocations.put(level.sensitivity(), loc);
    }

    /**
     * {@code policycap NAME;}.
     *
     * @param loc where
     * @param number the capability number
     */
    public void policyCapability(SourceLocation loc, int number) {
        policyCaps.set(number);
    }

    private void checkNewTypeName(SourceLocation loc, String name) throws PolicyCompileException {
        if (typeNames.containsKey(name)) {
            SourceLocation first = declarations.get(name);
            String message = "duplicate declaration of type/attribute " + name;
            if (first == null) {
                throw error(loc, message);
            }
            throw new PolicyCompileException(List.of(new PolicyDiagnostic(loc, true,
                    PolicyDiagnostic.DUPLICATE_DECLARATION, message, List.of(first))));
        }
    }

    /**
     * {@code attribute NAME;}.
     *
     * @param loc where
     * @param name the attribute
     * @throws PolicyCompileException on duplicates
     */
    public void declareAttribute(SourceLocation loc, String name) throws PolicyCompileException {
        checkNewTypeName(loc, name);
        TypeInfo t = new TypeInfo(name, types.size() + 1, true);
        declarations.put(name, loc);
        types.put(name, t);
        typeNames.put(name, t);
    }

    /**
     * {@code type NAME [alias ...] [, attr ...];}.
     *
     * @param loc where
     * @param name the type
     * @param aliases its aliases
     * @param attributes attributes it gets
     * @throws PolicyCompileException on duplicates or unknown attributes
     */
    public void declareType(SourceLocation loc, String name, List<String> aliases, List<String> attributes)
            throws PolicyCompileException {
        checkNewTypeName(loc, name);
        TypeInfo t = new TypeInfo(name, types.size() + 1, false);
        declarations.put(name, loc);
        types.put(name, t);
        typeNames.put(name, t);
        typeAlias(loc, name, aliases);
        typeAttribute(loc, name, attributes);
    }

    /**
     * {@code typealias TYPE alias ...;}.
     *
     * @param loc where
     * @param type the type
     * @param aliases new names for it
     * @throws PolicyCompileException on unknown types or taken names
     */
    public void typeAlias(SourceLocation loc, String type, List<String> aliases) throws PolicyCompileException {
        TypeInfo t = typeNames.get(type);
        if (t == null || t.attribute) {
            throw error(loc, "unknown type " + type);
        }
        for (String a : aliases) {
            checkNewTypeName(loc, a);
            t.aliases.add(a);
            typeNames.put(a, t);
        }
    }

    /**
     * {@code typeattribute TYPE attr, ...;}.
     *
     * @param loc where
     * @param type the type
     * @param attributes attributes it gets
     * @throws PolicyCompileException on unknown names
     */
    public void typeAttribute(SourceLocation loc, String type, List<String> attributes)
            throws PolicyCompileException {
        TypeInfo t = typeNames.get(type);
        if (t == null || t.attribute) {
            throw error(loc, "unknown type " + type);
        }
        for (String a : attributes) {
            TypeInfo attr = typeNames.get(a);
            if (attr == null || !attr.attribute) {
                throw error(loc, "unknown attribute " + a);
            }
            t.attributes.add(a);
        }
    }

    /**
     * {@code typebounds PARENT CHILD;}.
     *
     * @param loc where
     * @param parent the bounding type
     * @param child the bounded type
     * @throws PolicyCompileException on unknown types
     */
    public void typeBounds(SourceLocation loc, String parent, String child) throws PolicyCompileException {
        TypeInfo p = typeNames.get(parent);
        TypeInfo c = typeNames.get(child);
        if (p == null || p.attribute || c == null || c.attribute) {
            throw error(loc, "typebounds needs two types: " + parent + ", " + child);
        }
        c.bounds = p.name;
        c.boundsLocation = loc;
    }

    /**
     * {@code bool NAME true|false;}.
     *
     * @param loc where
     * @param name the boolean
     * @param state its default
     * @throws PolicyCompileException on duplicates
     */
    public void declareBool(SourceLocation loc, String name, boolean state) throws PolicyCompileException {
        if (bools.containsKey(name)) {
            throw error(loc, "duplicate boolean " + name);
        }
        bools.put(name, new boolean[] {state});
    }

    /**
     * An access-vector rule: {@code allow}, {@code auditallow}, {@code dontaudit} or {@code neverallow}.
     *
     * @param loc where
     * @param kind {@link AvRule#ALLOWED}, {@link AvRule#AUDITALLOW}, {@link AvRule#AUDITDENY} or
     *        {@link #NEVERALLOW}
     * @param source the source types
     * @param target the target types, without {@code self}
     * @param self whether the targets include {@code self}
     * @param classNames the classes
     * @param perms the permissions
     */
    public void avRule(SourceLocation loc, int kind, TypeSet source, TypeSet target, boolean self,
            List<String> classNames, Perms perms) {
        addRule(new RuleSpec(loc, kind, source, target, self, List.copyOf(classNames), perms, null));
    }

    /**
     * A type rule: {@code type_transition}, {@code type_member} or {@code type_change}.
     *
     * @param loc where
     * @param kind {@link AvRule#TRANSITION}, {@link AvRule#MEMBER} or {@link AvRule#CHANGE}
     * @param source the source types
     * @param target the target types
     * @param classNames the classes
     * @param newType the new type
     */
    public void typeRule(SourceLocation loc, int kind, TypeSet source, TypeSet target, List<String> classNames,
            String newType) {
        addRule(new RuleSpec(loc, kind, source, target, false, List.copyOf(classNames), null, newType));
    }

    private void addRule(RuleSpec r) {
        if (openConditional == null) {
            rules.add(r);
        } else {
            (inElse ? openConditional.falseRules : openConditional.trueRules).add(r);
        }
    }

    /**
     * Starts {@code if (expr) {}}; rules until {@link #elseBranch} or {@link #endConditional} belong to it.
     *
     * @param loc where
     * @param expression the condition in postfix order
     * @throws PolicyCompileException if a conditional is already open
     */
    public void beginConditional(SourceLocation loc, List<CondItem> expression) throws PolicyCompileException {
        if (openConditional != null) {
            throw error(loc, "nested conditional");
        }
        openConditional = new CondSpec(loc, expression);
        inElse = false;
    }

    /** Switches to the {@code else} branch of the open conditional. */
    public void elseBranch() {
        inElse = true;
    }

    /** Closes the open conditional. */
    public void endConditional() {
        if (openConditional != null) {
            conditionals.add(openConditional);
        }
        openConditional = null;
    }

    /**
     * {@code role NAME;} (declares the role, or does nothing when it exists) or {@code role NAME types ...;} (adds
     * types to a declared role: checkpolicy 3.4 reports "unknown role" for a role not declared before).
     *
     * @param loc where
     * @param name the role
     * @param typeSet the types it gets, or null
     * @throws PolicyCompileException when types are given to a role not declared yet
     */
    public void role(SourceLocation loc, String name, TypeSet typeSet) throws PolicyCompileException {
        if (typeSet != null && !roles.containsKey(name)) {
            throw error(loc, "unknown role " + name + " (declare it with 'role " + name + ";' first)");
        }
        RoleInfo r = roles.computeIfAbsent(name, n -> new RoleInfo(roles.size() + 1));
        if (typeSet != null) {
            r.types.add(new LocatedTypes(loc, typeSet));
        }
    }

    /**
     * Role {@code allow R1 R2;}.
     *
     * @param loc where
     * @param from the current roles
     * @param to the roles they may change to
     */
    public void roleAllow(SourceLocation loc, List<String> from, List<String> to) {
        roleAllows.add(new RoleAllowSpec(loc, List.copyOf(from), List.copyOf(to)));
    }

    /**
     * {@code role_transition R T:C NEW;}.
     *
     * @param loc where
     * @param from the roles
     * @param typeSet the types
     * @param classNames the classes
     * @param newRole the new role
     */
    public void roleTransition(SourceLocation loc, List<String> from, TypeSet typeSet, List<String> classNames,
            String newRole) {
        roleTransitions.add(new RoleTransSpec(loc, List.copyOf(from), typeSet, List.copyOf(classNames), newRole));
    }

    /**
     * {@code user NAME roles ... [level L range LOW - HIGH];}.
     *
     * @param loc where
     * @param name the user
     * @param roleNames its roles
     * @param defaultLevel its default level (MLS), or null
     * @param low the low level of its range (MLS), or null
     * @param high the high level of its range, or null for a single level
     * @throws PolicyCompileException on duplicates
     */
    public void user(SourceLocation loc, String name, List<String> roleNames, Level defaultLevel, Level low,
            Level high) throws PolicyCompileException {
        if (users.containsKey(name)) {
            throw error(loc, "duplicate user " + name);
        }
        users.put(name, new UserInfo(users.size() + 1, List.copyOf(roleNames), defaultLevel, low, high, loc));
    }

    /**
     * {@code constrain} or {@code mlsconstrain}.
     *
     * @param loc where
     * @param classNames the classes
     * @param perms the permissions
     * @param expression the expression in postfix order
     * @throws PolicyCompileException on unknown classes
     */
    public void constrain(SourceLocation loc, List<String> classNames, Perms perms, List<ConstraintItem> expression)
            throws PolicyCompileException {
        for (String c : classNames) {
            classInfo(loc, c).constraints.add(new ConstraintSpec(loc, perms, List.copyOf(expression)));
        }
    }

    /**
     * {@code validatetrans} or {@code mlsvalidatetrans}.
     *
     * @param loc where
     * @param classNames the classes
     * @param expression the expression in postfix order
     * @throws PolicyCompileException on unknown classes
     */
    public void validateTrans(SourceLocation loc, List<String> classNames, List<ConstraintItem> expression)
            throws PolicyCompileException {
        for (String c : classNames) {
            classInfo(loc, c).validateTrans.add(new ConstraintSpec(loc, null, List.copyOf(expression)));
        }
    }

    /**
     * {@code sid NAME CONTEXT}.
     *
     * @param loc where
     * @param sid the declared SID
     * @param context its context
     */
    public void sidContext(SourceLocation loc, String sid, Context context) {
        sidContexts.add(new SidContextSpec(loc, sid, context));
    }

    /**
     * A Xen device context ({@code pirqcon} ... {@code devicetreecon}).
     *
     * @param loc where
     * @param kind the statement
     * @param low first IRQ/port/frame/device
     * @param high last port/frame (equal to low otherwise)
     * @param path device-tree path, or null
     * @param context the label
     */
    public void deviceContext(SourceLocation loc, DeviceContext.Kind kind, long low, long high, String path,
            Context context) {
        devices.add(new DeviceSpec(loc, kind, low, high, path, context));
    }

    /**
     * Compiles everything collected.
     *
     * @param version the policy version to produce (24 to 30)
     * @param mls whether the policy is MLS
     * @return the compiled policy
     * @throws PolicyCompileException on the first semantic error (unknown names, conflicting type rules,
     *         neverallow violations...)
     */
    public Policy build(int version, boolean mls) throws PolicyCompileException {
        return compile(version, mls).policy();
    }

    /**
     * A compiled policy with the rules as written, for origin tracking and analyses.
     *
     * @param policy the compiled policy
     * @param rules every access-vector, type and neverallow rule as written, resolved against {@code policy}:
     *        unconditional rules in source order, then the rules of each conditional
     * @param declarations where each type and attribute is declared, by name, in declaration order
     */
    public record Compilation(Policy policy, List<SourceRule> rules, Map<String, SourceLocation> declarations) {
        /** Copies the collections. */
        public Compilation {
            rules = List.copyOf(rules);
            declarations = Collections.unmodifiableMap(new LinkedHashMap<>(declarations));
        }
    }

    /**
     * Compiles everything collected, like {@link #build}, and keeps the rules as written.
     *
     * @param version the policy version to produce (24 to 30)
     * @param mls whether the policy is MLS
     * @return the compiled policy and its source rules
     * @throws PolicyCompileException on semantic errors; every neverallow violation is in
     *         {@link PolicyCompileException#diagnostics()}
     */
    public Compilation compile(int version, boolean mls) throws PolicyCompileException {
        if (openConditional != null) {
            throw error(openConditional.location, "conditional not closed");
        }
        PolicyCompiler compiler = new PolicyCompiler(this, version, mls);
        Policy policy = compiler.compile();
        return new Compilation(policy, compiler.sourceRules(), declarations);
    }

    /**
     * @param kind a rule kind
     * @return whether it is {@code type_transition}, {@code type_member} or {@code type_change}
     */
    public static boolean isTypeRuleKind(int kind) {
        return isTypeRule(kind);
    }

    static boolean isTypeRule(int kind) {
        return (kind & (AvRule.TRANSITION | AvRule.MEMBER | AvRule.CHANGE)) != 0;
    }
}
