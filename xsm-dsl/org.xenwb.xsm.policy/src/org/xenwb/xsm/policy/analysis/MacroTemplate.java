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

    /**
     * @param name a name of the rules: a parameter, a pasted name {@code $PARAM...} (the longest parameter that
     *        follows the {@code $}, then the rest of the name) or a name that stands for itself
     * @param arguments the call's arguments, one per parameter
     * @return the name the call writes
     */
    public String bind(String name, List<String> arguments) {
        int p = parameters.indexOf(name);
        if (p >= 0) {
            return arguments.get(p);
        }
        if (name.startsWith("$")) {
            int best = -1;
            for (int i = 0; i < parameters.size(); i++) {
                if (name.startsWith(parameters.get(i), 1)
                        && (best < 0 || parameters.get(i).length() > parameters.get(best).length())) {
                    best = i;
                }
            }
            if (best >= 0) {
                return arguments.get(best) + name.substring(1 + parameters.get(best).length());
            }
        }
        return name;
    }

    /** Copies the lists. */
    public MacroTemplate {
        parameters = List.copyOf(parameters);
        rules = List.copyOf(rules);
    }
}
