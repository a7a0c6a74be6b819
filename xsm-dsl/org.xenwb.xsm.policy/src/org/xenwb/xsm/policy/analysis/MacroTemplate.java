package org.xenwb.xsm.policy.analysis;

import java.util.List;

/**
 * A macro of the policy sources reduced to what {@link AllowProposal} needs: its parameters and the access-vector
 * rules of its body (nested macro calls already expanded), written with parameter names. Immutable.
 *
 * @param name the macro's name
 * @param parameters the parameter names, in order
 * @param rules the rules of the body
 */
public record MacroTemplate(String name, List<String> parameters, List<Rule> rules) {

    /**
     * One rule of a macro body, names as written (parameter names, types, attributes, {@code self}).
     *
     * @param keyword {@code allow}, {@code auditallow}, {@code dontaudit}, {@code neverallow} or a type rule keyword
     * @param sources the source names
     * @param targets the target names
     * @param classes the class names
     * @param permissions the permission names (for type rules: the new type)
     */
    public record Rule(String keyword, List<String> sources, List<String> targets, List<String> classes,
            List<String> permissions) {
        /** Copies the lists. */
        public Rule {
            sources = List.copyOf(sources);
            targets = List.copyOf(targets);
            classes = List.copyOf(classes);
            permissions = List.copyOf(permissions);
        }
    }

    /** Copies the lists. */
    public MacroTemplate {
        parameters = List.copyOf(parameters);
        rules = List.copyOf(rules);
    }
}
