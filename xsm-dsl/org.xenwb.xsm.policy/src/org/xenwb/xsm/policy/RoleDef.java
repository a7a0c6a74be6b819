package org.xenwb.xsm.policy;

import java.util.BitSet;

/**
 * A role. {@code object_r} is always value 1.
 *
 * @param name the role name
 * @param value its 1-based value
 * @param bounds the value of the bounding role, 0 for none
 * @param dominates the roles it dominates (always contains itself)
 * @param types the types the role may enter (bit i: type value i + 1), attributes expanded
 */
public record RoleDef(String name, int value, int bounds, BitSet dominates, BitSet types) {
}
