package org.xenwb.xsm.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.ecore.EObject;
import org.xenwb.xsm.policy.analysis.MacroTemplate;
import org.xenwb.xsm.xsm.AvRule;
import org.xenwb.xsm.xsm.ClassDecl;
import org.xenwb.xsm.xsm.EmptyStatement;
import org.xenwb.xsm.xsm.Macro;
import org.xenwb.xsm.xsm.MacroCall;
import org.xenwb.xsm.xsm.MacroParameter;
import org.xenwb.xsm.xsm.Permission;
import org.xenwb.xsm.xsm.Policy;
import org.xenwb.xsm.xsm.TypeRule;
import org.xenwb.xsm.xsm.TypeSet;
import org.xenwb.xsm.xsm.TypeSetItem;

/**
 * The macros of parsed policies as {@link MacroTemplate}s, for audit2allow's macro proposals. Only macros a module
 * can call for existing types qualify: fixed parameters, a body of access-vector and type rules and calls of such
 * macros (no declarations, conditionals, {@code *}, {@code ~} or {@code -}). Stateless.
 */
public final class MacroTemplates {

    private static final int MAX_DEPTH = 32;

    private MacroTemplates() {
    }

    /**
     * @param policies parsed and linked policies
     * @return the templates of the qualifying macros, in file order
     */
    public static List<MacroTemplate> of(List<Policy> policies) {
        List<MacroTemplate> out = new ArrayList<>();
        for (Policy policy : policies) {
            for (EObject statement : policy.getStatements()) {
                if (statement instanceof Macro macro && macro.getName() != null) {
                    List<String> params = new ArrayList<>();
                    macro.getParameters().forEach(p -> params.add(p.getName()));
                    boolean variadic = macro.getParameters().stream().anyMatch(MacroParameter::isVariadic);
                    List<MacroTemplate.Rule> rules = new ArrayList<>();
                    if (!variadic && body(macro, Map.of(), rules, 0)) {
                        out.add(new MacroTemplate(macro.getName(), params, rules));
                    }
                }
            }
        }
        return out;
    }

    /** Appends the body's rules with parameters bound; false when the macro does not qualify. */
    private static boolean body(Macro macro, Map<String, List<String>> bindings, List<MacroTemplate.Rule> rules,
            int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        for (EObject s : macro.getBody()) {
            if (s instanceof EmptyStatement) {
                continue;
            }
            if (s instanceof AvRule r) {
                List<String> sources = names(r.getSource(), bindings, false);
                List<String> targets = names(r.getTarget(), bindings, true);
                List<String> perms = new ArrayList<>();
                if (sources == null || targets == null || r.getPermissions() == null || r.getPermissions().isAll()
                        || r.getPermissions().isComplement()) {
                    return false;
                }
                for (Permission p : r.getPermissions().getPermissions()) {
                    if (p.eIsProxy() || p.getName() == null) {
                        return false;
                    }
                    perms.add(p.getName());
                }
                rules.add(new MacroTemplate.Rule(r.getKind(), sources, targets, classes(r.getClasses().getClasses()),
                        perms));
            } else if (s instanceof TypeRule) {
                continue;
            } else if (s instanceof MacroCall call && call.getMacro() != null && !call.getMacro().eIsProxy()) {
                Map<String, List<String>> inner = new HashMap<>();
                List<MacroParameter> params = call.getMacro().getParameters();
                if (params.size() != call.getArguments().size()) {
                    return false;
                }
                for (int i = 0; i < params.size(); i++) {
                    List<String> names = new ArrayList<>();
                    for (String n : call.getArguments().get(i).getNames()) {
                        names.addAll(bindings.getOrDefault(n, List.of(n)));
                    }
                    inner.put(params.get(i).getName(), names);
                }
                if (!body(call.getMacro(), inner, rules, depth + 1)) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return true;
    }

    private static List<String> names(TypeSet set, Map<String, List<String>> bindings, boolean target) {
        if (set == null || set.isAll() || set.isComplement()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (TypeSetItem item : set.getItems()) {
            if (item.isExcluded()) {
                return null;
            }
            if (item.isSelf()) {
                if (!target) {
                    return null;
                }
                out.add("self");
            } else if (item.getType() == null || item.getType().eIsProxy() || item.getType().getName() == null) {
                return null;
            } else {
                String n = item.getType().getName();
                out.addAll(bindings.getOrDefault(n, List.of(n)));
            }
        }
        return out;
    }

    private static List<String> classes(List<ClassDecl> classes) {
        List<String> out = new ArrayList<>();
        classes.forEach(c -> out.add(c.getName()));
        return out;
    }
}
