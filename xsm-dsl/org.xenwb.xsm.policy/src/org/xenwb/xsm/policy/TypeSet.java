package org.xenwb.xsm.policy;

import java.util.BitSet;

/**
 * The type names of a constraint expression as written in the source ({@code t1 == { a b -c }}), kept since
 * policy version 29 so that decompilers can print attributes instead of their expansion.
 *
 * @param types the types and attributes named
 * @param negset the types and attributes excluded with {@code -}
 * @param flags 1 for {@code *}, 2 for {@code ~}
 */
public record TypeSet(BitSet types, BitSet negset, int flags) {
}
