package org.xenwb.xsm.policy;

/**
 * A name-based {@code type_transition}, in the uncompressed form of policy versions 25 to 32.
 *
 * @param name the object name
 * @param source the source type value
 * @param target the target type value
 * @param tclass the class value
 * @param newType the new type value
 */
public record FilenameTransition(String name, int source, int target, int tclass, int newType) {
}
