package org.xenwb.xsm.policy;

/**
 * A permission of a class or common.
 *
 * @param name the permission name, e.g. {@code map_read}
 * @param value its 1-based value: bit {@code value - 1} of an access vector
 */
public record Permission(String name, int value) {
}
