package org.xenwb.xsm.validation;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.xenwb.xsm.xsm.AccessVectors;
import org.xenwb.xsm.xsm.ClassDecl;
import org.xenwb.xsm.xsm.Permission;

/**
 * The permissions each class has, gathered from every {@code class NAME { ... }} definition in the resource set
 * (and the {@code common} it inherits). Built once per validation run of a file (see XsmValidator); not kept across
 * edits.
 */
final class ClassPermissions {

    private final Map<String, Set<String>> byClass = new HashMap<>();

    ClassPermissions(EObject anyElement) {
        Resource own = anyElement.eResource();
        ResourceSet resources = own == null ? null : own.getResourceSet();
        Iterable<Resource> all = resources == null ? java.util.List.of(own) : resources.getResources();
        for (Resource resource : all) {
            if (resource == null) {
                continue;
            }
            resource.getAllContents().forEachRemaining(element -> {
                if (element instanceof AccessVectors vectors && vectors.getClass_() != null
                        && !vectors.getClass_().eIsProxy()) {
                    Set<String> permissions = byClass.computeIfAbsent(vectors.getClass_().getName(),
                            name -> new LinkedHashSet<>());
                    vectors.getPermissions().forEach(p -> permissions.add(p.getName()));
                    if (vectors.getCommon() != null && !vectors.getCommon().eIsProxy()) {
                        vectors.getCommon().getPermissions().forEach(p -> permissions.add(p.getName()));
                    }
                }
            });
        }
    }

    /**
     * @return whether the class defines the permission; {@code true} for a class whose permissions are not
     *     defined anywhere in the resource set (that is reported once, on the class, not on every rule)
     */
    boolean has(ClassDecl securityClass, Permission permission) {
        Set<String> permissions = byClass.get(securityClass.getName());
        return permissions == null || permissions.contains(permission.getName());
    }

    boolean isDefined(ClassDecl securityClass) {
        return byClass.containsKey(securityClass.getName());
    }
}
