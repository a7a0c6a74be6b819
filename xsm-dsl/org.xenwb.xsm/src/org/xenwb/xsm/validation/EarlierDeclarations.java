package org.xenwb.xsm.validation;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.util.IResourceScopeCache;
import org.xenwb.xsm.scoping.MacroDeclaredNames;
import org.xenwb.xsm.xsm.AttributeDecl;
import org.xenwb.xsm.xsm.MacroCall;
import org.xenwb.xsm.xsm.Policy;
import org.xenwb.xsm.xsm.TypeAlias;
import org.xenwb.xsm.xsm.TypeDecl;
import org.xenwb.xsm.xsm.UserDecl;

/**
 * The types, aliases, attributes and users that the files before a given one (in the resource set's order, which is
 * the order the compiler was given the files in) declare, directly or through macro calls
 * ({@code declare_domain(domU_t)}). A file that declares one of these names again has a duplicate declaration,
 * which checkpolicy rejects. Found here, before linking orders the files: a duplicate makes a name ambiguous, and
 * the compiler's file order ({@code SourceOrder}) could then put the duplicate first and fail on a consequence
 * (e.g. "unknown attribute") in another file. Modules that are off are left out, and so are m4-expanded
 * policy.conf files: their lines are those of m4's output, and the compiler reports their duplicates at the original
 * files ({@code #line}). Stateless; results are cached per resource until it changes.
 */
final class EarlierDeclarations {

    private static final String CACHE_KEY = EarlierDeclarations.class.getName();

    private EarlierDeclarations() {
    }

    /**
     * @param policy a parsed policy
     * @param cache the language's resource scope cache
     * @return each name declared in an earlier file, with its kind and place, e.g. {@code a type at 10-xen.xsm:270
     *     , by declare_singleton_domain}; the first declaration wins
     */
    static Map<String, String> before(Policy policy, IResourceScopeCache cache) {
        Map<String, String> names = new LinkedHashMap<>();
        Resource own = policy.eResource();
        if (own == null || own.getResourceSet() == null || policy.isOff()) {
            return names;
        }
        for (Resource resource : own.getResourceSet().getResources()) {
            if (resource == own) {
                break;
            }
            cache.get(CACHE_KEY, resource, () -> declaredIn(resource)).forEach(names::putIfAbsent);
        }
        return names;
    }

    private static Map<String, String> declaredIn(Resource resource) {
        Map<String, String> names = new LinkedHashMap<>();
        if (resource.getContents().isEmpty() || !(resource.getContents().get(0) instanceof Policy policy)
                || policy.isOff() || "conf".equals(resource.getURI().fileExtension())) {
            return names;
        }
        String file = resource.getURI().lastSegment();
        for (EObject statement : policy.getStatements()) {
            String at = " at " + file + ":" + line(statement);
            if (statement instanceof MacroCall call && call.getMacro() != null && !call.getMacro().eIsProxy()) {
                String by = at + ", by " + call.getMacro().getName();
                MacroDeclaredNames.declaredBy(call).forEach((name, declaration) -> {
                    String kind = kind(declaration);
                    if (kind != null) {
                        names.putIfAbsent(name, kind + by);
                    }
                });
            } else if (kind(statement) != null) {
                String name = ((org.xenwb.xsm.xsm.Referable) statement).getName();
                names.putIfAbsent(name, kind(statement) + at);
                if (statement instanceof TypeDecl type) {
                    type.getAliases().forEach(alias -> names.putIfAbsent(alias.getName(), "an alias" + at));
                }
            }
        }
        return names;
    }

    /** @return the kind of a declaration this check covers ("a type"...), or null for anything else */
    static String kind(EObject declaration) {
        if (declaration instanceof TypeDecl) {
            return "a type";
        }
        if (declaration instanceof TypeAlias) {
            return "an alias";
        }
        if (declaration instanceof AttributeDecl) {
            return "an attribute";
        }
        if (declaration instanceof UserDecl) {
            return "a user";
        }
        return null;
    }

    /** @return the 1-based line where the statement starts (without leading comments) */
    static int line(EObject statement) {
        INode node = NodeModelUtils.getNode(statement);
        return node == null ? 0 : node.getStartLine();
    }
}
