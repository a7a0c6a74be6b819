package org.xenwb.xsm.policy.query;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.xenwb.xsm.policy.AvRule;
import org.xenwb.xsm.policy.Constraint;
import org.xenwb.xsm.policy.DeviceContext;
import org.xenwb.xsm.policy.Policy;
import org.xenwb.xsm.policy.SecurityClass;
import org.xenwb.xsm.policy.TypeDef;

/**
 * Component counts of a policy, the numbers {@code seinfo} prints in its statistics. Computed once; immutable.
 *
 * @param version the policy version
 * @param mls whether MLS is enabled
 * @param handleUnknown {@code deny}, {@code reject} or {@code allow}
 * @param classes classes
 * @param permissions permissions of all classes and commons
 * @param sensitivities sensitivities (without aliases)
 * @param categories categories (without aliases)
 * @param types types (without aliases and attributes)
 * @param attributes type attributes
 * @param users users
 * @param roles roles, including {@code object_r}
 * @param booleans booleans
 * @param conditionals conditional blocks
 * @param allow allow rules, conditional ones included
 * @param auditallow auditallow rules
 * @param dontaudit dontaudit rules
 * @param typeTransition type_transition rules
 * @param typeChange type_change rules
 * @param typeMember type_member rules
 * @param rangeTransition range_transition rules
 * @param roleAllow role allow rules
 * @param roleTransition role_transition rules
 * @param constraints constrain rules
 * @param validateTrans validatetrans rules
 * @param mlsConstraints mlsconstrain rules
 * @param mlsValidateTrans mlsvalidatetrans rules
 * @param permissives permissive types
 * @param polcaps policy capabilities
 * @param defaults default_user/role/type/range statements
 * @param typeBounds typebounds statements
 * @param initialSids initial SID contexts
 * @param devicetreecon devicetreecon statements
 * @param iomemcon iomemcon statements
 * @param ioportcon ioportcon statements
 * @param pcidevicecon pcidevicecon statements
 * @param pirqcon pirqcon statements
 */
public record PolicyStatistics(int version, boolean mls, String handleUnknown, int classes, int permissions,
        int sensitivities, int categories, int types, int attributes, int users, int roles, int booleans,
        int conditionals, int allow, int auditallow, int dontaudit, int typeTransition, int typeChange,
        int typeMember, int rangeTransition, int roleAllow, int roleTransition, int constraints, int validateTrans,
        int mlsConstraints, int mlsValidateTrans, int permissives, int polcaps, int defaults, int typeBounds,
        int initialSids, int devicetreecon, int iomemcon, int ioportcon, int pcidevicecon, int pirqcon) {

    /**
     * Counts the components of a policy.
     *
     * @param p the policy
     * @return its statistics
     */
    public static PolicyStatistics of(Policy p) {
        List<AvRule> all = new ArrayList<>(p.rules());
        p.conditionals().forEach(c -> {
            all.addAll(c.trueRules());
            all.addAll(c.falseRules());
        });
        List<Constraint> cons = p.classes().stream().flatMap(c -> c.constraints().stream()).toList();
        List<Constraint> vals = p.classes().stream().flatMap(c -> c.validateTrans().stream()).toList();
        int perms = p.classes().stream().mapToInt(c -> c.permissions().size()).sum()
                + p.commons().stream().mapToInt(c -> c.permissions().size()).sum();
        int defaults = 0;
        for (SecurityClass c : p.classes()) {
            defaults += Stream.of(c.defaultUser(), c.defaultRole(), c.defaultType(), c.defaultRange())
                    .mapToInt(v -> v != 0 ? 1 : 0).sum();
        }
        String unknown = switch (p.handleUnknown()) {
            case 2 -> "reject";
            case 4 -> "allow";
            default -> "deny";
        };
        return new PolicyStatistics(p.version(), p.mls(), unknown, p.classes().size(), perms,
                (int) p.sensitivities().stream().filter(s -> !s.alias()).count(),
                (int) p.categories().stream().filter(c -> !c.alias()).count(),
                countTypes(p, TypeDef.Kind.TYPE), countTypes(p, TypeDef.Kind.ATTRIBUTE), p.users().size(),
                p.roles().size(), p.booleans().size(), p.conditionals().size(), count(all, AvRule.ALLOWED),
                count(all, AvRule.AUDITALLOW), count(all, AvRule.AUDITDENY), count(all, AvRule.TRANSITION),
                count(all, AvRule.CHANGE), count(all, AvRule.MEMBER), p.rangeTransitions().size(),
                p.roleAllows().size(), p.roleTransitions().size(),
                (int) cons.stream().filter(c -> !c.isMls()).count(),
                (int) vals.stream().filter(c -> !c.isMls()).count(),
                (int) cons.stream().filter(Constraint::isMls).count(),
                (int) vals.stream().filter(Constraint::isMls).count(), p.permissiveTypes().cardinality(),
                p.policyCapabilities().cardinality(), defaults,
                (int) p.types().stream().filter(t -> t.kind() == TypeDef.Kind.TYPE && t.bounds() != 0).count(),
                p.initialSids().size(), devices(p, DeviceContext.Kind.DEVICETREE),
                devices(p, DeviceContext.Kind.IOMEM), devices(p, DeviceContext.Kind.IOPORT),
                devices(p, DeviceContext.Kind.PCIDEVICE), devices(p, DeviceContext.Kind.PIRQ));
    }

    private static int countTypes(Policy p, TypeDef.Kind kind) {
        return (int) p.types().stream().filter(t -> t.kind() == kind).count();
    }

    private static int count(List<AvRule> rules, int kind) {
        return (int) rules.stream().filter(r -> r.kind() == kind).count();
    }

    private static int devices(Policy p, DeviceContext.Kind kind) {
        return (int) p.deviceContexts().stream().filter(d -> d.kind() == kind).count();
    }

    /**
     * The statistics in {@code seinfo}'s layout for a Xen policy.
     *
     * @param file the file name to print in the first line
     * @return the lines
     */
    public List<String> seinfoLines(String file) {
        List<String> l = new ArrayList<>();
        l.add("Statistics for policy file: " + file);
        l.add("Policy Version:             " + version + " (MLS " + (mls ? "enabled" : "disabled") + ")");
        l.add("Target Policy:              xen");
        l.add("Handle unknown classes:     " + handleUnknown);
        l.add(pair("Classes:", classes, "Permissions:", permissions));
        l.add(pair("Sensitivities:", sensitivities, "Categories:", categories));
        l.add(pair("Types:", types, "Attributes:", attributes));
        l.add(pair("Users:", users, "Roles:", roles));
        l.add(pair("Booleans:", booleans, "Cond. Expr.:", conditionals));
        l.add(pair("Allow:", allow, "Neverallow:", 0));
        l.add(pair("Auditallow:", auditallow, "Dontaudit:", dontaudit));
        l.add(pair("Type_trans:", typeTransition, "Type_change:", typeChange));
        l.add(pair("Type_member:", typeMember, "Range_trans:", rangeTransition));
        l.add(pair("Role allow:", roleAllow, "Role_trans:", roleTransition));
        l.add(pair("Constraints:", constraints, "Validatetrans:", validateTrans));
        l.add(pair("MLS Constrain:", mlsConstraints, "MLS Val. Tran:", mlsValidateTrans));
        l.add(pair("Permissives:", permissives, "Polcap:", polcaps));
        l.add(pair("Defaults:", defaults, "Typebounds:", typeBounds));
        l.add(pair("Initial SIDs:", initialSids, "Devicetreecon:", devicetreecon));
        l.add(pair("Iomemcon:", iomemcon, "Ioportcon:", ioportcon));
        l.add(pair("Pcidevicecon:", pcidevicecon, "Pirqcon:", pirqcon));
        return l;
    }

    private static String pair(String a, int x, String b, int y) {
        return String.format("  %-17s%7d    %-17s%7d", a, x, b, y);
    }
}
