package org.xenwb.xsm.policy.text;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.xenwb.xsm.policy.AvRule;
import org.xenwb.xsm.policy.BoolDef;
import org.xenwb.xsm.policy.Category;
import org.xenwb.xsm.policy.Common;
import org.xenwb.xsm.policy.CondExpr;
import org.xenwb.xsm.policy.Conditional;
import org.xenwb.xsm.policy.Constraint;
import org.xenwb.xsm.policy.DeviceContext;
import org.xenwb.xsm.policy.InitialSid;
import org.xenwb.xsm.policy.Permission;
import org.xenwb.xsm.policy.Policy;
import org.xenwb.xsm.policy.PolicyIndex;
import org.xenwb.xsm.policy.RoleAllow;
import org.xenwb.xsm.policy.RoleDef;
import org.xenwb.xsm.policy.RoleTransition;
import org.xenwb.xsm.policy.SecurityClass;
import org.xenwb.xsm.policy.Sensitivity;
import org.xenwb.xsm.policy.TypeDef;
import org.xenwb.xsm.policy.UserDef;
import org.xenwb.xsm.policy.XenInitialSids;

/**
 * Decompiles a {@link Policy} to policy.conf text in the layout of checkpolicy 3.4's {@code -b -F}: declarations and
 * rules grouped by kind, each group sorted, attributes kept in rules. checkpolicy accepts the output.
 *
 * <p>The binary policy stores initial SIDs by number only; the writer names them with a table, by default Xen's real
 * names ({@link XenInitialSids#NAMES}). Pass {@link XenInitialSids#CHECKPOLICY_3_4} to reproduce checkpolicy's
 * shifted names. Instances are immutable and thread-safe.</p>
 */
public final class ConfWriter {

    private static final String[] POLCAPS = {"network_peer_controls", "open_perms", "extended_socket_class",
        "always_check_network", "cgroup_seclabel", "nnp_nosuid_transition", "genfs_seclabel_symlinks",
        "ioctl_skip_cloexec"};
    private static final int[] FLAVORS = {AvRule.ALLOWED, AvRule.AUDITALLOW, AvRule.AUDITDENY, AvRule.TRANSITION,
        AvRule.MEMBER, AvRule.CHANGE};
    private static final String INDENT = "    ";

    /** How declarations and rules are ordered. */
    public enum Order {
        /** checkpolicy's {@code -b -F} layout: each group sorted by text. */
        SORTED,
        /**
         * Declarations in value order and rules in stored order, so that checkpolicy, compiling the text, gives every
         * symbol its original value and rebuilds the same binary.
         */
        VALUES
    }

    private final List<String> sidNames;
    private final Order order;

    /** A writer with Xen's initial SID names, in checkpolicy's sorted layout. */
    public ConfWriter() {
        this(XenInitialSids.NAMES, Order.SORTED);
    }

    /**
     * A writer with a given initial SID name table and order.
     *
     * @param sidNames the names of SIDs 1, 2, ...
     * @param order how to order declarations and rules
     */
    public ConfWriter(List<String> sidNames, Order order) {
        this.sidNames = List.copyOf(sidNames);
        this.order = order;
    }

    /**
     * Decompiles a policy.
     *
     * @param policy the policy
     * @return the policy.conf lines, without line terminators
     */
    public List<String> lines(Policy policy) {
        return new Run(policy).write();
    }

    /**
     * Decompiles a policy into one string.
     *
     * @param policy the policy
     * @return the policy.conf text, each line ended by a newline
     */
    public String text(Policy policy) {
        StringBuilder sb = new StringBuilder();
        for (String line : lines(policy)) {
            sb.append(line).append('\n');
        }
        return sb.toString();
    }

    /** State of one decompilation. */
    private final class Run {
        private final Policy p;
        private final PolicyIndex ix;
        private final List<String> out = new ArrayList<>();

        Run(Policy policy) {
            this.p = policy;
            this.ix = policy.index();
        }

        private List<SecurityClass> classesByValue() {
            List<SecurityClass> list = new ArrayList<>(p.classes());
            list.sort(Comparator.comparingInt(SecurityClass::value));
            return list;
        }

        private void sorted(List<String> lines) {
            if (order == Order.SORTED) {
                lines.sort(null);
            }
            out.addAll(lines);
        }

        List<String> write() {
            List<String> mlsCons = new ArrayList<>();
            List<String> cons = new ArrayList<>();
            List<String> mlsVal = new ArrayList<>();
            List<String> val = new ArrayList<>();
            constraints(mlsCons, cons, mlsVal, val);
            String unknown = switch (p.handleUnknown()) {
                case 2 -> "reject";
                case 4 -> "allow";
                default -> "deny";
            };
            out.add("# handle_unknown " + unknown);
            for (SecurityClass c : classesByValue()) {
                out.add("class " + c.name());
            }
            List<InitialSid> sids = new ArrayList<>(p.initialSids());
            sids.sort(Comparator.comparingInt(InitialSid::sid));
            for (InitialSid s : sids) {
                out.add("sid " + XenInitialSids.name(sidNames, s.sid()));
            }
            classesAndCommons();
            defaults();
            if (p.mls()) {
                mls();
            }
            sorted(mlsCons);
            sorted(mlsVal);
            List<String> caps = new ArrayList<>();
            BitSet pc = p.policyCapabilities();
            for (int i = pc.nextSetBit(0); i >= 0; i = pc.nextSetBit(i + 1)) {
                if (i < POLCAPS.length) {
                    caps.add("policycap " + POLCAPS[i] + ";");
                }
            }
            sorted(caps);
            types();
            avRules(p.rules(), "");
            if (p.mls()) {
                List<String> rt = new ArrayList<>();
                p.rangeTransitions().forEach(t -> rt.add("range_transition " + ix.typeName(t.source()) + " "
                        + ix.typeName(t.target()) + ":" + ix.className(t.tclass()) + " " + MlsText.range(ix,
                                t.range()) + ";"));
                sorted(rt);
            }
            conditionals();
            roles();
            users();
            sorted(cons);
            sorted(val);
            objectContexts(sids);
            return out;
        }

        private void constraints(List<String> mlsCons, List<String> cons, List<String> mlsVal, List<String> val) {
            for (SecurityClass c : classesByValue()) {
                // checkpolicy prepends each constraint to its class's list: the stored order is reversed
                for (Constraint k : sourceOrder(c.constraints())) {
                    if (k.permissions() == 0) {
                        continue;
                    }
                    boolean mls = MlsText.usesMls(k);
                    String perms = String.join(" ", ix.permissionNames(c.value(), k.permissions()));
                    (mls ? mlsCons : cons).add((mls ? "mlsconstrain " : "constrain ") + c.name() + " { " + perms
                            + " } " + MlsText.constraint(ix, k) + ";");
                }
                for (Constraint k : sourceOrder(c.validateTrans())) {
                    boolean mls = MlsText.usesMls(k);
                    (mls ? mlsVal : val).add((mls ? "mlsvalidatetrans " : "validatetrans ") + c.name() + " "
                            + MlsText.constraint(ix, k) + ";");
                }
            }
        }

        private static <T> List<T> reversedList(List<T> list) {
            List<T> r = new ArrayList<>(list);
            Collections.reverse(r);
            return r;
        }

        private List<Constraint> sourceOrder(List<Constraint> stored) {
            List<Constraint> list = new ArrayList<>(stored);
            if (order == Order.VALUES) {
                Collections.reverse(list);
            }
            return list;
        }

        private void classesAndCommons() {
            Map<String, Common> commons = new HashMap<>();
            p.commons().forEach(c -> commons.put(c.name(), c));
            Map<String, Boolean> used = new LinkedHashMap<>();
            for (SecurityClass c : classesByValue()) {
                if (c.common() != null && commons.containsKey(c.common()) && used.put(c.common(), true) == null) {
                    out.add("common " + c.common() + " { " + perms(commons.get(c.common()).permissions()) + " }");
                }
            }
            for (SecurityClass c : classesByValue()) {
                StringBuilder sb = new StringBuilder("class ").append(c.name());
                if (c.common() != null) {
                    sb.append(" inherits ").append(c.common());
                }
                if (!c.permissions().isEmpty()) {
                    sb.append(" { ").append(perms(c.permissions())).append(" }");
                }
                out.add(sb.toString());
            }
        }

        private static String perms(List<Permission> perms) {
            List<Permission> list = new ArrayList<>(perms);
            list.sort(Comparator.comparingInt(Permission::value));
            return String.join(" ", list.stream().map(Permission::name).toList());
        }

        private void defaults() {
            String[] sourceTarget = {null, "source", "target"};
            for (SecurityClass c : classesByValue()) {
                if (c.defaultUser() == 1 || c.defaultUser() == 2) {
                    out.add("default_user { " + c.name() + " } " + sourceTarget[c.defaultUser()] + ";");
                }
            }
            for (SecurityClass c : classesByValue()) {
                if (c.defaultRole() == 1 || c.defaultRole() == 2) {
                    out.add("default_role { " + c.name() + " } " + sourceTarget[c.defaultRole()] + ";");
                }
            }
            for (SecurityClass c : classesByValue()) {
                if (c.defaultType() == 1 || c.defaultType() == 2) {
                    out.add("default_type { " + c.name() + " } " + sourceTarget[c.defaultType()] + ";");
                }
            }
            if (!p.mls()) {
                return;
            }
            String[] ranges = {null, "source low", "source high", "source low-high", "target low", "target high",
                "target low-high", "glblub"};
            for (SecurityClass c : classesByValue()) {
                if (c.defaultRange() >= 1 && c.defaultRange() <= 7) {
                    out.add("default_range { " + c.name() + " } " + ranges[c.defaultRange()] + ";");
                }
            }
        }

        private void mls() {
            List<Sensitivity> sens = p.sensitivities().stream().filter(s -> !s.alias())
                    .sorted(Comparator.comparingInt(s -> s.level().sensitivity())).toList();
            for (Sensitivity s : sens) {
                List<String> aliases = p.sensitivities().stream().filter(a -> a.alias()
                        && a.level().sensitivity() == s.level().sensitivity()).map(Sensitivity::name).toList();
                out.add("sensitivity " + s.name() + aliasText(aliases) + ";");
            }
            out.add("dominance { " + String.join(" ", sens.stream().map(Sensitivity::name).toList()) + " }");
            List<Category> cats = p.categories().stream().filter(c -> !c.alias())
                    .sorted(Comparator.comparingInt(Category::value)).toList();
            for (Category c : cats) {
                List<String> aliases = p.categories().stream().filter(a -> a.alias() && a.value() == c.value())
                        .map(Category::name).toList();
                out.add("category " + c.name() + aliasText(aliases) + ";");
            }
            for (Sensitivity s : sens) {
                out.add("level " + MlsText.level(ix, s.level()) + ";");
            }
        }

        private static String aliasText(List<String> aliases) {
            if (aliases.isEmpty()) {
                return "";
            }
            List<String> sortedAliases = new ArrayList<>(aliases);
            sortedAliases.sort(null);
            String joined = String.join(" ", sortedAliases);
            return aliases.size() > 1 ? " alias { " + joined + " }" : " alias " + joined;
        }

        private void types() {
            List<String> attrs = new ArrayList<>();
            List<String> types = new ArrayList<>();
            List<String> aliases = new ArrayList<>();
            List<String> bounds = new ArrayList<>();
            List<String> typeAttrs = new ArrayList<>();
            List<String> bools = new ArrayList<>();
            List<TypeDef> typeDefs = new ArrayList<>(p.types());
            typeDefs.sort(Comparator.comparingInt(TypeDef::value));
            List<BoolDef> boolDefs = new ArrayList<>(p.booleans());
            boolDefs.sort(Comparator.comparingInt(BoolDef::value));
            for (TypeDef t : typeDefs) {
                switch (t.kind()) {
                    case ATTRIBUTE -> (order == Order.VALUES ? types : attrs).add("attribute " + t.name() + ";");
                    case ALIAS -> aliases.add("typealias " + ix.typeName(t.value()) + " alias " + t.name() + ";");
                    case TYPE -> {
                        types.add("type " + t.name() + ";");
                        if (t.bounds() > 0) {
                            bounds.add("typebounds " + ix.typeName(t.bounds()) + " " + t.name() + ";");
                        }
                        if (t.value() <= p.typeAttributeMap().size()) {
                            BitSet map = (BitSet) p.typeAttributeMap().get(t.value() - 1).clone();
                            map.clear(t.value() - 1);
                            if (!map.isEmpty()) {
                                typeAttrs.add("typeattribute " + t.name() + " " + String.join(", ",
                                        names(map)) + ";");
                            }
                        }
                    }
                }
            }
            boolDefs.forEach(b -> bools.add("bool " + b.name() + " " + b.state() + ";"));
            sorted(attrs);
            sorted(bools);
            sorted(types);
            sorted(aliases);
            sorted(bounds);
            sorted(typeAttrs);
            List<String> permissive = new ArrayList<>();
            BitSet pm = p.permissiveTypes();
            for (int i = pm.nextSetBit(1); i >= 0; i = pm.nextSetBit(i + 1)) {
                permissive.add("permissive " + ix.typeName(i) + ";");
            }
            sorted(permissive);
        }

        private List<String> names(BitSet types) {
            List<String> list = new ArrayList<>();
            for (int i = types.nextSetBit(0); i >= 0; i = types.nextSetBit(i + 1)) {
                list.add(ix.typeName(i + 1));
            }
            list.sort(null);
            return list;
        }

        private void avRules(List<AvRule> rules, String indent) {
            if (order == Order.VALUES) {
                rules.forEach(r -> out.add(indent + RuleText.rule(ix, r)));
                return;
            }
            for (int flavor : FLAVORS) {
                List<String> lines = new ArrayList<>();
                for (AvRule r : rules) {
                    if (r.kind() == flavor) {
                        lines.add(indent + RuleText.rule(ix, r));
                    }
                }
                sorted(lines);
            }
        }

        private void conditionals() {
            List<Map.Entry<String, Conditional>> conds = new ArrayList<>();
            for (Conditional c : p.conditionals()) {
                conds.add(Map.entry(condExpr(c.expression()), c));
            }
            if (order == Order.SORTED) {
                conds.sort(Map.Entry.comparingByKey());
            } else {
                // checkpolicy prepends each new conditional block to its list: the stored order is reversed
                Collections.reverse(conds);
            }
            for (Map.Entry<String, Conditional> e : conds) {
                out.add("if (" + e.getKey() + ") {");
                avRules(e.getValue().trueRules(), INDENT);
                if (!e.getValue().falseRules().isEmpty()) {
                    out.add("} else {");
                    avRules(e.getValue().falseRules(), INDENT);
                }
                out.add("}");
            }
        }

        private String condExpr(List<CondExpr> expr) {
            return RuleText.condition(ix, expr, "(%s %s %s)", "%s %s");
        }

        private void roles() {
            List<RoleDef> roles = new ArrayList<>(p.roles().stream().filter(r -> r.value() != 1).toList());
            roles.sort(order == Order.SORTED ? Comparator.comparing(RoleDef::name)
                    : Comparator.comparingInt(RoleDef::value));
            roles.forEach(r -> out.add("role " + r.name() + ";"));
            for (RoleDef r : roles) {
                if (r.types().isEmpty()) {
                    continue;
                }
                String types = String.join(" ", names(r.types()));
                if (types.length() <= 900) {
                    out.add("role " + r.name() + " types { " + types + " };");
                    continue;
                }
                int start = 0;
                while (start < types.length()) {
                    int end = start;
                    while (end - start < 600) {
                        int space = types.indexOf(' ', end);
                        if (space < 0) {
                            end = types.length() + 1;
                            break;
                        }
                        end = space + 1;
                    }
                    String chunk = types.substring(start, Math.min(end - 1, types.length()));
                    out.add("role " + r.name() + " types { " + chunk + " };");
                    start = end;
                }
            }
            List<String> trans = new ArrayList<>();
            // checkpolicy puts each role_transition and role allow first in its list: stored order is reversed
            for (RoleTransition t : order == Order.VALUES ? reversedList(p.roleTransitions()) : p.roleTransitions()) {
                trans.add("role_transition " + ix.roleName(t.role()) + " " + ix.typeName(t.type()) + ":"
                        + ix.className(t.tclass()) + " " + ix.roleName(t.newRole()) + ";");
            }
            sorted(trans);
            List<String> allows = new ArrayList<>();
            for (RoleAllow a : order == Order.VALUES ? reversedList(p.roleAllows()) : p.roleAllows()) {
                allows.add("allow " + ix.roleName(a.role()) + " " + ix.roleName(a.newRole()) + ";");
            }
            sorted(allows);
        }

        private void users() {
            List<UserDef> users = new ArrayList<>(p.users());
            users.sort(order == Order.SORTED ? Comparator.comparing(UserDef::name)
                    : Comparator.comparingInt(UserDef::value));
            for (UserDef u : users) {
                StringBuilder sb = new StringBuilder("user ").append(u.name());
                if (!u.roles().isEmpty()) {
                    List<String> roles = new ArrayList<>();
                    for (int i = u.roles().nextSetBit(0); i >= 0; i = u.roles().nextSetBit(i + 1)) {
                        roles.add(ix.roleName(i + 1));
                    }
                    roles.sort(null);
                    sb.append(roles.size() > 1 ? " roles { " + String.join(" ", roles) + " }" : " roles "
                            + roles.get(0));
                }
                if (p.mls()) {
                    sb.append(" level ").append(MlsText.level(ix, u.defaultLevel()));
                    sb.append(" range ").append(MlsText.range(ix, u.range()));
                }
                out.add(sb.append(';').toString());
            }
        }

        private void objectContexts(List<InitialSid> sids) {
            for (InitialSid s : sids) {
                out.add("sid " + XenInitialSids.name(sidNames, s.sid()) + " " + MlsText.context(ix, s.context()));
            }
            for (DeviceContext.Kind kind : new DeviceContext.Kind[] {DeviceContext.Kind.PIRQ,
                DeviceContext.Kind.IOMEM, DeviceContext.Kind.IOPORT, DeviceContext.Kind.PCIDEVICE,
                DeviceContext.Kind.DEVICETREE}) {
                List<DeviceContext> list = new ArrayList<>(p.deviceContexts().stream()
                        .filter(d -> d.kind() == kind).toList());
                if (order == Order.SORTED) {
                    list.sort(DeviceText.ORDER);
                }
                for (DeviceContext d : list) {
                    out.add(DeviceText.statement(ix, d));
                }
            }
        }
    }
}
