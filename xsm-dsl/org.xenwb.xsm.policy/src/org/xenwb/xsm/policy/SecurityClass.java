package org.xenwb.xsm.policy;

import java.util.List;

/**
 * A security (object) class with its own permissions, constraints and defaults.
 *
 * @param name the class name, e.g. {@code domain}
 * @param value its 1-based value, the order of {@code class} declarations
 * @param common the name of the inherited common, or {@code null}
 * @param permissionCount the number of permission values of the class including the common's ones
 * @param permissions the class's own permissions (not those of the common)
 * @param constraints {@code constrain}/{@code mlsconstrain} rules, in policy order
 * @param validateTrans {@code validatetrans}/{@code mlsvalidatetrans} rules, in policy order
 * @param defaultUser {@code default_user}: 0 none, 1 source, 2 target
 * @param defaultRole {@code default_role}: 0 none, 1 source, 2 target
 * @param defaultRange {@code default_range}: 0 none, 1..7 as in libsepol ({@code source low} .. {@code glblub})
 * @param defaultType {@code default_type}: 0 none, 1 source, 2 target
 */
public record SecurityClass(String name, int value, String common, int permissionCount, List<Permission> permissions,
        List<Constraint> constraints, List<Constraint> validateTrans, int defaultUser, int defaultRole,
        int defaultRange, int defaultType) {
    /** Copies the lists so the record is immutable. */
    public SecurityClass {
        permissions = List.copyOf(permissions);
        constraints = List.copyOf(constraints);
        validateTrans = List.copyOf(validateTrans);
    }
}
