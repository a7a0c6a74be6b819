package org.xenwb.xsm.policy;

/**
 * A security context {@code user:role:type[:range]} by values.
 *
 * @param user the user value
 * @param role the role value
 * @param type the type value
 * @param range the MLS range ({@link MlsRange#NONE} without MLS)
 */
public record SecurityContext(int user, int role, int type, MlsRange range) {
}
