package org.xenwb.xsm.policy.query;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

import org.xenwb.xsm.policy.BoolDef;
import org.xenwb.xsm.policy.Category;
import org.xenwb.xsm.policy.Common;
import org.xenwb.xsm.policy.MlsLevel;
import org.xenwb.xsm.policy.MlsRange;
import org.xenwb.xsm.policy.Permission;
import org.xenwb.xsm.policy.Policy;
import org.xenwb.xsm.policy.PolicyIndex;
import org.xenwb.xsm.policy.RoleDef;
import org.xenwb.xsm.policy.SecurityClass;
import org.xenwb.xsm.policy.Sensitivity;
import org.xenwb.xsm.policy.TypeDef;
import org.xenwb.xsm.policy.UserDef;

/**
 * Component listings in the layout of setools 4.4's {@code seinfo} ({@code -t}, {@code -a}, {@code -c}, {@code -r},
 * {@code -u}, {@code -b}, {@code --sensitivity}, {@code --category}), with or without {@code -x}. Items are sorted by
 * name; names inside an item are sorted too (seinfo prints some of those in hash order). Stateless.
 */
public final class SeinfoFormat {

    /** A component kind. */
    public enum Component {
        /** Types ({@code -t}). */
        TYPES("Types"),
        /** Type attributes ({@code -a}). */
        ATTRIBUTES("Type Attributes"),
        /** Classes ({@code -c}). */
        CLASSES("Classes"),
        /** Roles ({@code -r}). */
        ROLES("Roles"),
        /** Users ({@code -u}). */
        USERS("Users"),
        /** Booleans ({@code -b}). */
        BOOLEANS("Booleans"),
        /** Sensitivities ({@code --sensitivity}). */
        SENSITIVITIES("Sensitivities"),
        /** Categories ({@code --category}). */
        CATEGORIES("Categories");

        private final String title;

        Component(String title) {
            this.title = title;
        }

        /** @return the heading seinfo prints, e.g. {@code Types} */
        public String title() {
            return title;
        }
    }

    private SeinfoFormat() {
    }

    /**
     * Lists a component.
     *
     * @param policy the policy
     * @param component what to list
     * @param expand whether to print details ({@code -x})
     * @return the lines, starting with an empty line and the heading with the count
     */
    public static List<String> lines(Policy policy, Component component, boolean expand) {
        PolicyIndex ix = policy.index();
        List<String> items = new ArrayList<>();
        switch (component) {
            case TYPES -> types(policy, ix, expand, items);
            case ATTRIBUTES -> attributes(policy, ix, expand, items);
            case CLASSES -> classes(policy, expand, items);
            case ROLES -> policy.roles().stream().sorted(Comparator.comparing(RoleDef::name))
                    .forEach(r -> items.add(expand ? "   role " + r.name() + " types { " + String.join(" ",
                            typeNames(ix, r.types())) + " };" : "   " + r.name()));
            case USERS -> users(policy, ix, expand, items);
            case BOOLEANS -> policy.booleans().stream().sorted(Comparator.comparing(BoolDef::name))
                    .forEach(b -> items.add(expand ? "   bool " + b.name() + " " + b.state() + ";"
                            : "   " + b.name()));
            case SENSITIVITIES -> policy.sensitivities().stream().filter(s -> !s.alias())
                    .sorted(Comparator.comparingInt(s -> s.level().sensitivity()))
                    .forEach(s -> items.add(expand ? "   sensitivity " + s.name() + aliases(policy, s) + ";"
                            : "   " + s.name()));
            case CATEGORIES -> policy.categories().stream().filter(c -> !c.alias())
                    .sorted(Comparator.comparingInt(Category::value))
                    .forEach(c -> items.add(expand ? "   category " + c.name() + catAliases(policy, c) + ";"
                            : "   " + c.name()));
        }
        List<String> out = new ArrayList<>();
        out.add("");
        out.add(component.title() + ": " + countItems(policy, component));
        out.addAll(items);
        return out;
    }

    private static long countItems(Policy p, Component c) {
        return switch (c) {
            case TYPES -> p.types().stream().filter(t -> t.kind() == TypeDef.Kind.TYPE).count();
            case ATTRIBUTES -> p.types().stream().filter(t -> t.kind() == TypeDef.Kind.ATTRIBUTE).count();
            case CLASSES -> p.classes().size();
            case ROLES -> p.roles().size();
            case USERS -> p.users().size();
            case BOOLEANS -> p.booleans().size();
            case SENSITIVITIES -> p.sensitivities().stream().filter(s -> !s.alias()).count();
            case CATEGORIES -> p.categories().stream().filter(x -> !x.alias()).count();
        };
    }

    private static List<String> typeNames(PolicyIndex ix, BitSet types) {
        List<String> names = new ArrayList<>();
        for (int i = types.nextSetBit(0); i >= 0; i = types.nextSetBit(i + 1)) {
            names.add(ix.typeName(i + 1));
        }
        names.sort(null);
        return names;
    }

    private static String braced(List<String> names) {
        return names.size() == 1 ? names.get(0) : "{ " + String.join(" ", names) + " }";
    }

    private static void types(Policy p, PolicyIndex ix, boolean expand, List<String> items) {
        p.types().stream().filter(t -> t.kind() == TypeDef.Kind.TYPE).sorted(Comparator.comparing(TypeDef::name))
                .forEach(t -> {
                    if (!expand) {
                        items.add("   " + t.name());
                        return;
                    }
                    StringBuilder sb = new StringBuilder("   type ").append(t.name());
                    List<String> aliases = p.types().stream().filter(a -> a.kind() == TypeDef.Kind.ALIAS
                            && a.value() == t.value()).map(TypeDef::name).sorted().toList();
                    if (!aliases.isEmpty()) {
                        sb.append(" alias ").append(braced(aliases));
                    }
                    if (t.value() <= p.typeAttributeMap().size()) {
                        BitSet attrs = (BitSet) p.typeAttributeMap().get(t.value() - 1).clone();
                        attrs.clear(t.value() - 1);
                        for (String a : typeNames(ix, attrs)) {
                            sb.append(", ").append(a);
                        }
                    }
                    items.add(sb.append(';').toString());
                });
    }

    private static void attributes(Policy p, PolicyIndex ix, boolean expand, List<String> items) {
        p.types().stream().filter(t -> t.kind() == TypeDef.Kind.ATTRIBUTE)
                .sorted(Comparator.comparing(TypeDef::name)).forEach(t -> {
                    if (!expand) {
                        items.add("   " + t.name());
                        return;
                    }
                    items.add("   attribute " + t.name() + ";");
                    for (String member : typeNames(ix, ix.expand(t.value()))) {
                        items.add("\t" + member);
                    }
                });
    }

    private static void classes(Policy p, boolean expand, List<String> items) {
        p.classes().stream().sorted(Comparator.comparing(SecurityClass::name)).forEach(c -> {
            if (!expand) {
                items.add("   " + c.name());
                return;
            }
            items.add("   class " + c.name());
            if (c.common() != null) {
                items.add("inherits " + c.common());
                Common common = p.commons().stream().filter(x -> x.name().equals(c.common())).findFirst()
                        .orElse(null);
                if (common != null && c.permissions().isEmpty()) {
                    return;
                }
            }
            items.add("{");
            c.permissions().stream().map(Permission::name).sorted().forEach(n -> items.add("\t" + n));
            items.add("}");
        });
    }

    private static void users(Policy p, PolicyIndex ix, boolean expand, List<String> items) {
        p.users().stream().sorted(Comparator.comparing(UserDef::name)).forEach(u -> {
            if (!expand) {
                items.add("   " + u.name());
                return;
            }
            List<String> roles = new ArrayList<>();
            for (int i = u.roles().nextSetBit(0); i >= 0; i = u.roles().nextSetBit(i + 1)) {
                roles.add(ix.roleName(i + 1));
            }
            roles.sort(null);
            StringBuilder sb = new StringBuilder("   user ").append(u.name()).append(" roles ").append(braced(roles));
            if (p.mls()) {
                sb.append(" level ").append(level(ix, u.defaultLevel())).append(" range ")
                        .append(range(ix, u.range()));
            }
            items.add(sb.append(';').toString());
        });
    }

    private static String aliases(Policy p, Sensitivity s) {
        List<String> a = p.sensitivities().stream().filter(x -> x.alias()
                && x.level().sensitivity() == s.level().sensitivity()).map(Sensitivity::name).sorted().toList();
        return a.isEmpty() ? "" : " alias " + braced(a);
    }

    private static String catAliases(Policy p, Category c) {
        List<String> a = p.categories().stream().filter(x -> x.alias() && x.value() == c.value())
                .map(Category::name).sorted().toList();
        return a.isEmpty() ? "" : " alias " + braced(a);
    }

    /**
     * An MLS level in setools' notation ({@code s0:c0.c255}, runs of two categories as {@code c0,c1}).
     *
     * @param ix the policy's index
     * @param level the level
     * @return the text
     */
    public static String level(PolicyIndex ix, MlsLevel level) {
        StringBuilder sb = new StringBuilder(ix.sensitivityName(level.sensitivity()));
        BitSet cats = level.categories();
        String sep = ":";
        for (int i = cats.nextSetBit(0); i >= 0; ) {
            int end = cats.nextClearBit(i) - 1;
            sb.append(sep).append(ix.categoryName(i + 1));
            if (end > i) {
                sb.append(end == i + 1 ? "," : ".").append(ix.categoryName(end + 1));
            }
            sep = ",";
            i = cats.nextSetBit(end + 1);
        }
        return sb.toString();
    }

    /**
     * An MLS range in setools' notation: the level alone when low and high are equal.
     *
     * @param ix the policy's index
     * @param range the range
     * @return the text
     */
    public static String range(PolicyIndex ix, MlsRange range) {
        String low = level(ix, range.low());
        String high = level(ix, range.high());
        return low.equals(high) ? low : low + " - " + high;
    }
}
