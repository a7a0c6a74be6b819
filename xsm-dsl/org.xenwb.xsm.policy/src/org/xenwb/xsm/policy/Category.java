package org.xenwb.xsm.policy;

/**
 * An MLS category or category alias.
 *
 * @param name the name, e.g. {@code c0}
 * @param value its 1-based value
 * @param alias whether this entry is an alias
 */
public record Category(String name, int value, boolean alias) {
}
