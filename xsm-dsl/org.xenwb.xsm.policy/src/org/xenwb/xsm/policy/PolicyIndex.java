package org.xenwb.xsm.policy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Name and value lookups over a {@link Policy}, built once. Immutable snapshot; thread-safe as long as the policy
 * is not changed.
 */
public final class PolicyIndex {

    private final Policy policy;
    private final String[] typeNames;
    private final boolean[] attribute;
    private final Map<String, TypeDef> typesByName = new HashMap<>();
    private final String[] classNames;
    private final Map<String, SecurityClass> classesByName = new HashMap<>();
    private final String[][] permNames;
    private final String[] roleNames;
    private final String[] userNames;
    private final String[] boolNames;
    private final Map<String, BoolDef> boolsByName = new HashMap<>();
    private final String[] sensNames;
    private final String[] catNames;
    private final BitSet[] attributeMembers;

    PolicyIndex(Policy policy) {
        this.policy = policy;
        int maxType = 0;
        for (TypeDef t : policy.types()) {
            maxType = Math.max(maxType, t.value());
        }
        typeNames = new String[maxType + 1];
        attribute = new boolean[maxType + 1];
        for (TypeDef t : policy.types()) {
            typesByName.put(t.name(), t);
            if (t.kind() != TypeDef.Kind.ALIAS) {
                typeNames[t.value()] = t.name();
                attribute[t.value()] = t.kind() == TypeDef.Kind.ATTRIBUTE;
            }
        }
        int maxClass = policy.classes().stream().mapToInt(SecurityClass::value).max().orElse(0);
        classNames = new String[maxClass + 1];
        permNames = new String[maxClass + 1][];
        Map<String, Common> commons = new HashMap<>();
        for (Common c : policy.commons()) {
            commons.put(c.name(), c);
        }
        for (SecurityClass c : policy.classes()) {
            classNames[c.value()] = c.name();
            classesByName.put(c.name(), c);
            String[] perms = new String[33];
            if (c.common() != null && commons.containsKey(c.common())) {
                for (Permission p : commons.get(c.common()).permissions()) {
                    perms[p.value()] = p.name();
                }
            }
            for (Permission p : c.permissions()) {
                perms[p.value()] = p.name();
            }
            permNames[c.value()] = perms;
        }
        roleNames = names(policy.roles().stream().map(r -> Map.entry(r.value(), r.name())).toList());
        userNames = names(policy.users().stream().map(u -> Map.entry(u.value(), u.name())).toList());
        boolNames = names(policy.booleans().stream().map(b -> Map.entry(b.value(), b.name())).toList());
        for (BoolDef b : policy.booleans()) {
            boolsByName.put(b.name(), b);
        }
        sensNames = names(policy.sensitivities().stream().filter(s -> !s.alias())
                .map(s -> Map.entry(s.level().sensitivity(), s.name())).toList());
        catNames = names(policy.categories().stream().filter(c -> !c.alias())
                .map(c -> Map.entry(c.value(), c.name())).toList());
        attributeMembers = new BitSet[maxType + 1];
        List<BitSet> map = policy.typeAttributeMap();
        for (int v = 1; v <= maxType; v++) {
            attributeMembers[v] = new BitSet();
        }
        for (int t = 0; t < map.size(); t++) {
            if (t + 1 <= maxType && attribute[t + 1]) {
                continue; // an attribute's own map entry names itself; it is not a member
            }
            BitSet attrs = map.get(t);
            for (int a = attrs.nextSetBit(0); a >= 0; a = attrs.nextSetBit(a + 1)) {
                if (a + 1 <= maxType && attribute[a + 1]) {
                    attributeMembers[a + 1].set(t);
                }
            }
        }
    }

    private static String[] names(List<Map.Entry<Integer, String>> entries) {
        int max = entries.stream().mapToInt(Map.Entry::getKey).max().orElse(0);
        String[] names = new String[max + 1];
        for (Map.Entry<Integer, String> e : entries) {
            names[e.getKey()] = e.getValue();
        }
        return names;
    }

    private static String name(String[] names, int value, String kind) {
        if (value > 0 && value < names.length && names[value] != null) {
            return names[value];
        }
        return "<" + kind + " " + value + ">";
    }

    /** @return the indexed policy */
    public Policy policy() {
        return policy;
    }

    /**
     * @param value a type or attribute value
     * @return its name (placeholder {@code <type N>} for unknown values)
     */
    public String typeName(int value) {
        return name(typeNames, value, "type");
    }

    /**
     * @param value a type or attribute value
     * @return whether it is an attribute
     */
    public boolean isAttribute(int value) {
        return value > 0 && value < attribute.length && attribute[value];
    }

    /** @return the highest type or attribute value */
    public int maxTypeValue() {
        return typeNames.length - 1;
    }

    /**
     * @param name a type, alias or attribute name
     * @return its definition, or null
     */
    public TypeDef type(String name) {
        return typesByName.get(name);
    }

    /**
     * The types an attribute stands for, or the type itself (bit i: value i + 1).
     *
     * @param value a type or attribute value
     * @return a new set
     */
    public BitSet expand(int value) {
        BitSet result = new BitSet();
        if (isAttribute(value)) {
            result.or(attributeMembers[value]);
        } else if (value > 0) {
            result.set(value - 1);
        }
        return result;
    }

    /**
     * @param value a class value
     * @return its name
     */
    public String className(int value) {
        return name(classNames, value, "class");
    }

    /**
     * @param name a class name
     * @return the class, or null
     */
    public SecurityClass securityClass(String name) {
        return classesByName.get(name);
    }

    /**
     * The names of the permissions set in an access vector, in permission value order.
     *
     * @param tclass the class value
     * @param vector the access vector
     * @return the names (placeholder {@code <perm N>} for unknown bits)
     */
    public List<String> permissionNames(int tclass, int vector) {
        List<String> out = new ArrayList<>();
        String[] names = tclass > 0 && tclass < permNames.length ? permNames[tclass] : new String[33];
        for (int bit = 0; bit < 32; bit++) {
            if ((vector & (1 << bit)) != 0) {
                String n = names[bit + 1];
                out.add(n != null ? n : "<perm " + (bit + 1) + ">");
            }
        }
        return out;
    }

    /**
     * The access-vector bit of a permission.
     *
     * @param tclass the class value
     * @param permission the permission name
     * @return the bit mask, 0 if the class has no such permission
     */
    public int permissionBit(int tclass, String permission) {
        if (tclass <= 0 || tclass >= permNames.length) {
            return 0;
        }
        String[] names = permNames[tclass];
        for (int v = 1; v < names.length; v++) {
            if (permission.equals(names[v])) {
                return 1 << (v - 1);
            }
        }
        return 0;
    }

    /**
     * @param value a role value
     * @return its name
     */
    public String roleName(int value) {
        return name(roleNames, value, "role");
    }

    /**
     * @param value a user value
     * @return its name
     */
    public String userName(int value) {
        return name(userNames, value, "user");
    }

    /**
     * @param value a boolean value
     * @return its name
     */
    public String boolName(int value) {
        return name(boolNames, value, "bool");
    }

    /**
     * @param name a boolean name
     * @return the boolean, or null
     */
    public BoolDef bool(String name) {
        return boolsByName.get(name);
    }

    /**
     * @param value a sensitivity value
     * @return its name
     */
    public String sensitivityName(int value) {
        return name(sensNames, value, "sensitivity");
    }

    /**
     * @param value a category value
     * @return its name
     */
    public String categoryName(int value) {
        return name(catNames, value, "category");
    }
}
