package org.xenwb.xsm.policy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A compiled Xen XSM/FLASK policy: everything the binary policy file holds.
 *
 * <p>The lists are mutable and kept in the order that matters for the binary format where the format has an order
 * (rules, conditionals, object contexts); symbol tables are unordered in meaning, and the writer orders them the way
 * checkpolicy does. A policy is not thread-safe while it is modified; after that it can be shared for reading.
 * {@link #index()} gives name lookups.</p>
 */
public final class Policy {

    /** The target string of Xen policies. */
    public static final String XEN_TARGET = "XenFlask";

    private int version = 30;
    private boolean mls;
    private int handleUnknown;
    private final BitSet policyCapabilities = new BitSet();
    private final BitSet permissiveTypes = new BitSet();
    private final int[] primaryCounts = new int[8];
    private final List<Common> commons = new ArrayList<>();
    private final List<SecurityClass> classes = new ArrayList<>();
    private final List<RoleDef> roles = new ArrayList<>();
    private final List<TypeDef> types = new ArrayList<>();
    private final List<UserDef> users = new ArrayList<>();
    private final List<BoolDef> booleans = new ArrayList<>();
    private final List<Sensitivity> sensitivities = new ArrayList<>();
    private final List<Category> categories = new ArrayList<>();
    private final List<AvRule> rules = new ArrayList<>();
    private final List<Conditional> conditionals = new ArrayList<>();
    private final List<RoleTransition> roleTransitions = new ArrayList<>();
    private final List<RoleAllow> roleAllows = new ArrayList<>();
    private final List<FilenameTransition> filenameTransitions = new ArrayList<>();
    private final List<InitialSid> initialSids = new ArrayList<>();
    private final List<DeviceContext> deviceContexts = new ArrayList<>();
    private final List<RangeTransition> rangeTransitions = new ArrayList<>();
    private final List<BitSet> typeAttributeMap = new ArrayList<>();

    /**
     * The policy format version.
     *
     * @return 24 to 30 for Xen (checkpolicy 3.4 writes 24 and 30; Xen's build uses 30)
     */
    public int version() {
        return version;
    }

    /**
     * Sets the policy format version the writer will produce.
     *
     * @param version the version
     */
    public void setVersion(int version) {
        this.version = version;
    }

    /**
     * Whether MLS is enabled (the {@code POLICYDB_CONFIG_MLS} flag).
     *
     * @return true for an MLS policy
     */
    public boolean mls() {
        return mls;
    }

    /**
     * Sets the MLS flag.
     *
     * @param mls true for an MLS policy
     */
    public void setMls(boolean mls) {
        this.mls = mls;
    }

    /**
     * How Xen treats classes and permissions it knows and the policy does not: 0 deny, 2 reject, 4 allow.
     *
     * @return the {@code handle_unknown} bits of the configuration word
     */
    public int handleUnknown() {
        return handleUnknown;
    }

    /**
     * Sets the handling of unknown classes and permissions.
     *
     * @param handleUnknown 0 deny, 2 reject, 4 allow
     */
    public void setHandleUnknown(int handleUnknown) {
        this.handleUnknown = handleUnknown;
    }

    /**
     * The policy capabilities ({@code policycap}), bit = capability number; mutable.
     *
     * @return the capabilities
     */
    public BitSet policyCapabilities() {
        return policyCapabilities;
    }

    /**
     * The permissive types (bit i: type value i); mutable. Note: unlike other sets this one is indexed by value.
     *
     * @return the permissive map as stored
     */
    public BitSet permissiveTypes() {
        return permissiveTypes;
    }

    /**
     * Explicit number of values of each symbol table (commons, classes, roles, types, users, booleans, sensitivities,
     * categories), as read from a binary policy; 0 means "compute from the entries". Mutable.
     *
     * @return the 8 counts
     */
    public int[] primaryCounts() {
        return primaryCounts;
    }

    /** @return the commons; mutable */
    public List<Common> commons() {
        return commons;
    }

    /** @return the classes; mutable */
    public List<SecurityClass> classes() {
        return classes;
    }

    /** @return the roles including {@code object_r}; mutable */
    public List<RoleDef> roles() {
        return roles;
    }

    /** @return the types, aliases and attributes; mutable */
    public List<TypeDef> types() {
        return types;
    }

    /** @return the users; mutable */
    public List<UserDef> users() {
        return users;
    }

    /** @return the booleans; mutable */
    public List<BoolDef> booleans() {
        return booleans;
    }

    /** @return the MLS sensitivities and their aliases; mutable */
    public List<Sensitivity> sensitivities() {
        return sensitivities;
    }

    /** @return the MLS categories and their aliases; mutable */
    public List<Category> categories() {
        return categories;
    }

    /** @return the unconditional access-vector and type rules, in stored order; mutable */
    public List<AvRule> rules() {
        return rules;
    }

    /** @return the conditional blocks, in stored order; mutable */
    public List<Conditional> conditionals() {
        return conditionals;
    }

    /** @return the role transitions; mutable */
    public List<RoleTransition> roleTransitions() {
        return roleTransitions;
    }

    /** @return the role allow rules; mutable */
    public List<RoleAllow> roleAllows() {
        return roleAllows;
    }

    /** @return the name-based type transitions (none in Xen policies); mutable */
    public List<FilenameTransition> filenameTransitions() {
        return filenameTransitions;
    }

    /** @return the initial SID contexts, in stored order; mutable */
    public List<InitialSid> initialSids() {
        return initialSids;
    }

    /** @return the Xen device contexts, grouped by kind in stored order; mutable */
    public List<DeviceContext> deviceContexts() {
        return deviceContexts;
    }

    /** @return the range transitions; mutable */
    public List<RangeTransition> rangeTransitions() {
        return rangeTransitions;
    }

    /**
     * The type-attribute map: for type value v (index v - 1), the attributes it has plus itself (bit i: value i + 1).
     * Mutable.
     *
     * @return one set per type value
     */
    public List<BitSet> typeAttributeMap() {
        return typeAttributeMap;
    }

    /**
     * A name index over the current contents. Take a new one after changing the policy.
     *
     * @return lookups by name and value
     */
    public PolicyIndex index() {
        return new PolicyIndex(this);
    }
}
