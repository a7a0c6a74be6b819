package org.xenwb.xsm.policy;

/**
 * A {@code role_transition} rule.
 *
 * @param role the current role value
 * @param type the target type value
 * @param newRole the new role value
 * @param tclass the class value (policy version 26 and later; the process class before)
 */
public record RoleTransition(int role, int type, int newRole, int tclass) {
}
