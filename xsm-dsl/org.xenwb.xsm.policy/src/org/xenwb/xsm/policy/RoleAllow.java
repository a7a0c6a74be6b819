package org.xenwb.xsm.policy;

/**
 * A role {@code allow} rule.
 *
 * @param role the current role value
 * @param newRole the role it may change to
 */
public record RoleAllow(int role, int newRole) {
}
