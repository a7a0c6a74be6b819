package org.xenwb.xsm.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
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
import org.xenwb.xsm.xsm.XsmPackage;

/**
 * The macros of parsed policies as {@link MacroTemplate}s, for audit2allow's macro proposals. Only macros a module
 * can call for existing types qualify: fixed parameters, a body of access-vector and type rules and calls of such
 * macros (no declarations, conditionals, {@code *}, {@code ~} or {@code -}). Pasted names ({@code $target_channel},
 * as Xen's create_domain uses) stay pasted names of the template's parameters. Stateless.
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
                    if (!variadic && body(macro, Map.of(), params, rules, 0)) {
                        out.add(new MacroTemplate(macro.getName(), params, rules));
                    }
                }
            }
        }
        return out;
    }

    /** Appends the body's rules with parameters bound; false when the macro does not qualify. */
    private static boolean body(Macro macro, Map<String, List<String>> bindings, List<String> top,
            List<MacroTemplate.Rule> rules, int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        for (EObject s : macro.getBody()) {
            if (s instanceof EmptyStatement) {
                continue;
            }
            if (s instanceof AvRule r) {
                List<String> sources = names(r.getSource(), bindings, top, false);
                List<String> targets = names(r.getTarget(), bindings, top, true);
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
                        List<String> bound = bind(n, bindings, top);
                        if (bound == null) {
                            return false;
                        }
                        names.addAll(bound);
                    }
                    inner.put(params.get(i).getName(), names);
                }
                if (!body(call.getMacro(), inner, top, rules, depth + 1)) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return true;
    }

    private static List<String> names(TypeSet set, Map<String, List<String>> bindings, List<String> top,
            boolean target) {
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
                List<INode> written = NodeModelUtils.findNodesForFeature(item, XsmPackage.Literals.TYPE_SET_ITEM__TYPE);
                String n = written.isEmpty() ? item.getType().getName() : NodeModelUtils.getTokenText(written.get(0));
                List<String> bound = bind(n, bindings, top);
                if (bound == null) {
                    return null;
                }
                out.addAll(bound);
            }
        }
        return out;
    }

    /**
     * A name of a macro body under the bindings of the enclosing calls: a bound parameter gives its names, a pasted
     * name ({@code $target_channel}) pastes its parameter's single name and the rest (a pasted name of the template
     * when that name is one of the template's parameters {@code top}); null when a pasted name's parameter stands
     * for a set of names.
     */
    private static List<String> bind(String name, Map<String, List<String>> bindings, List<String> top) {
        List<String> bound = bindings.get(name);
        if (bound != null) {
            return bound;
        }
        if (name.startsWith("$")) {
            String parameter = MacroBindings.pastedParameter(name, bindings.keySet());
            if (parameter != null) {
                List<String> value = bindings.get(parameter);
                if (value.size() != 1) {
                    return null;
                }
                String head = value.get(0);
                String rest = name.substring(1 + parameter.length());
                return List.of(top.contains(head) ? "$" + head + rest : head + rest);
            }
        }
        return List.of(name);
    }

    private static List<String> classes(List<ClassDecl> classes) {
        List<String> out = new ArrayList<>();
        classes.forEach(c -> out.add(c.getName()));
        return out;
    }
}
