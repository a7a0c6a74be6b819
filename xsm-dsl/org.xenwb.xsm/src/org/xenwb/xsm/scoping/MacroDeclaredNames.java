package org.xenwb.xsm.scoping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.naming.QualifiedName;
import org.eclipse.xtext.resource.EObjectDescription;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.scoping.IScope;
import org.eclipse.xtext.scoping.impl.MapBasedScope;
import org.eclipse.xtext.util.IResourceScopeCache;
import org.xenwb.xsm.compile.MacroBindings;
import org.xenwb.xsm.xsm.Conditional;
import org.xenwb.xsm.xsm.Macro;
import org.xenwb.xsm.xsm.MacroCall;
import org.xenwb.xsm.xsm.Referable;
import org.xenwb.xsm.xsm.RoleDecl;
import org.xenwb.xsm.xsm.TypeAlias;
import org.xenwb.xsm.xsm.TypeDecl;

/**
 * Names that macro calls declare: {@code declare_domain(domU_t)} declares {@code domU_t}, {@code domU_t_self} and
 * {@code domU_t_channel}, which later statements may use by name as m4's output would. Each such name links to the
 * declaration in the macro body that produces it. Computed per resource (its calls outside macro bodies, expanded
 * recursively) and cached until the resource changes.
 *
 * <p>Roles are here too: FLASK has one role per name, which several modules may declare ({@code role system_r
 * types ...;} adds types to it), so a role name that the modules' imports make ambiguous still links.</p>
 */
public final class MacroDeclaredNames {

    private static final String CACHE_KEY = MacroDeclaredNames.class.getName();
    private static final int MAX_DEPTH = 64;

    private MacroDeclaredNames() {
    }

    /**
     * @param context the object whose reference is being resolved
     * @param cache the language's resource scope cache
     * @return the names declared by the macro calls of every resource in the context's resource set
     */
    static IScope scope(EObject context, IResourceScopeCache cache) {
        Resource own = context.eResource();
        if (own == null) {
            return IScope.NULLSCOPE;
        }
        List<Resource> resources = own.getResourceSet() == null ? List.of(own) : own.getResourceSet().getResources();
        Map<String, EObject> names = new LinkedHashMap<>();
        for (Resource resource : new ArrayList<>(resources)) {
            cache.get(CACHE_KEY, resource, () -> declaredIn(resource)).forEach(names::putIfAbsent);
        }
        List<IEObjectDescription> descriptions = new ArrayList<>();
        names.forEach((name, target) -> descriptions.add(EObjectDescription.create(QualifiedName.create(name),
                target)));
        return MapBasedScope.createScope(IScope.NULLSCOPE, descriptions);
    }

    /**
     * @param call a macro call outside macro bodies
     * @return the names the call declares (its macro's body expanded, recursively), each with its declaration in a
     *     macro body; empty when the macro does not resolve
     */
    public static Map<String, EObject> declaredBy(MacroCall call) {
        Map<String, EObject> names = new LinkedHashMap<>();
        collect(call, MacroBindings.NONE, 0, names);
        return names;
    }

    private static Map<String, EObject> declaredIn(Resource resource) {
        Map<String, EObject> names = new LinkedHashMap<>();
        for (TreeIterator<EObject> it = resource.getAllContents(); it.hasNext();) {
            EObject element = it.next();
            if (element instanceof Macro) {
                it.prune();
            } else if (element instanceof RoleDecl role && role.getName() != null) {
                names.putIfAbsent(role.getName(), role);
            } else if (element instanceof MacroCall call) {
                collect(call, MacroBindings.NONE, 0, names);
            }
        }
        return names;
    }

    private static void collect(MacroCall call, MacroBindings outer, int depth, Map<String, EObject> names) {
        Macro macro = call.getMacro();
        if (macro == null || macro.eIsProxy() || depth > MAX_DEPTH) {
            return;
        }
        MacroBindings bindings;
        try {
            bindings = MacroBindings.of(call, outer);
        } catch (IllegalArgumentException e) {
            return;
        }
        collectAll(macro.getBody(), bindings, depth, names);
    }

    private static void collectAll(List<? extends EObject> statements, MacroBindings bindings, int depth,
            Map<String, EObject> names) {
        for (EObject statement : statements) {
            if (statement instanceof MacroCall call) {
                collect(call, bindings, depth + 1, names);
            } else if (statement instanceof Conditional conditional) {
                collectAll(conditional.getRules(), bindings, depth, names);
                collectAll(conditional.getElseRules(), bindings, depth, names);
            } else if (statement instanceof Referable declaration && declaration.getName() != null) {
                names.putIfAbsent(bindings.substitute(declaration.getName()), declaration);
                if (declaration instanceof TypeDecl type) {
                    for (TypeAlias alias : type.getAliases()) {
                        names.putIfAbsent(bindings.substitute(alias.getName()), alias);
                    }
                }
            }
        }
    }
}
