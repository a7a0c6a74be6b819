package org.xenwb.xsm.policy.compile;

/**
 * The order of a policy.conf's sections, as checkpolicy's grammar ({@code base_policy} in policy_parse.y) requires
 * it: classes, initial SIDs, commons, access vectors, default rules, the MLS sections (sensitivities, one dominance,
 * categories, levels, MLS constraints), TE and RBAC statements, users, constraints, initial SID contexts, device
 * contexts. The sections marked required need at least one statement; the MLS sections need one each once the
 * first sensitivity is declared. checkpolicy reports a statement out of this order, or a policy that ends early
 * (an empty file), as a syntax error; so does {@link ConfParser}, through this class.
 *
 * <p>One instance follows one parse, statement by statement; not thread-safe.</p>
 */
final class ConfSections {

    /** The sections, in their order. */
    enum Section {
        CLASSES("class declarations", true),
        INITIAL_SIDS("initial SID declarations", true),
        COMMONS("common permission sets", false),
        ACCESS_VECTORS("class permissions (access vectors)", true),
        DEFAULTS("default_user/role/type/range rules", false),
        SENSITIVITIES("MLS sensitivities", false),
        DOMINANCE("the MLS dominance", false),
        CATEGORIES("MLS categories", false),
        LEVELS("MLS levels", false),
        MLS_CONSTRAINTS("mlsconstrain/mlsvalidatetrans statements", false),
        TE_RBAC("type enforcement and role statements (types, attributes, booleans, rules, roles)", true),
        USERS("users", true),
        CONSTRAINTS("constrain/validatetrans statements", false),
        SID_CONTEXTS("initial SID contexts", true),
        DEVICE_CONTEXTS("device contexts (pirqcon, iomemcon, ioportcon, pcidevicecon, devicetreecon)", false);

        private final String description;
        private final boolean required;

        Section(String description, boolean required) {
            this.description = description;
            this.required = required;
        }

        /** @return what the section holds, for messages */
        String description() {
            return description;
        }
    }

    private Section current;

    /**
     * Records that a statement of {@code section} starts at {@code at}.
     *
     * @param section the statement's section
     * @param at where it starts
     * @param keyword its first token, for the message
     * @throws PolicyCompileException when the statement is out of checkpolicy's order, or a required section before
     *     it is missing
     */
    void enter(Section section, SourceLocation at, String keyword) throws PolicyCompileException {
        if (current != null && section.ordinal() < current.ordinal()) {
            throw new PolicyCompileException(at, "syntax error at '" + keyword + "': " + section.description()
                    + " must come before " + current.description() + " (checkpolicy's order of policy.conf sections)");
        }
        if (section == current && section == Section.DOMINANCE) {
            throw new PolicyCompileException(at, "syntax error at '" + keyword + "': only one MLS dominance");
        }
        Section missing = missingBefore(section.ordinal());
        if (missing != null) {
            throw new PolicyCompileException(at, "syntax error at '" + keyword + "': " + missing.description()
                    + " must come first (checkpolicy's order of policy.conf sections)");
        }
        current = section;
    }

    /**
     * Checks that the policy did not end before a required section.
     *
     * @param at where the text ends (its last token, or line 1 of an empty file)
     * @throws PolicyCompileException when a required section is missing, as in an empty file
     */
    void end(SourceLocation at) throws PolicyCompileException {
        if (current == null) {
            throw new PolicyCompileException(at, "syntax error: the policy is empty (checkpolicy needs at least "
                    + "classes, initial SIDs, access vectors, types and rules, users and initial SID contexts)");
        }
        Section missing = missingBefore(Section.values().length);
        if (missing != null) {
            throw new PolicyCompileException(at, "syntax error: the policy ends without " + missing.description()
                    + " (checkpolicy's order of policy.conf sections)");
        }
    }

    /** @return the first required section strictly between the current one and {@code ordinal}, or null */
    private Section missingBefore(int ordinal) {
        int from = current == null ? 0 : current.ordinal() + 1;
        boolean mls = current != null && current.ordinal() >= Section.SENSITIVITIES.ordinal();
        for (int i = from; i < ordinal; i++) {
            Section s = Section.values()[i];
            boolean mlsRequired = mls && (s == Section.DOMINANCE || s == Section.LEVELS
                    || s == Section.MLS_CONSTRAINTS);
            if (s.required || mlsRequired) {
                return s;
            }
        }
        return null;
    }
}
