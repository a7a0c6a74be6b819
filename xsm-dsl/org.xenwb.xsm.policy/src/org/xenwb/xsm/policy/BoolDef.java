package org.xenwb.xsm.policy;

/**
 * A boolean of conditional policy.
 *
 * @param name the boolean name
 * @param value its 1-based value
 * @param state its default state
 */
public record BoolDef(String name, int value, boolean state) {
}
