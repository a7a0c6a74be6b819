package org.xenwb.xsm.policy;

import java.util.BitSet;

/**
 * An MLS level: a sensitivity and a set of categories.
 *
 * @param sensitivity the sensitivity value (1-based; 0 in policies without MLS)
 * @param categories the categories (bit i: category value i + 1)
 */
public record MlsLevel(int sensitivity, BitSet categories) {

    /** The level that policies without MLS store everywhere. */
    public static final MlsLevel NONE = new MlsLevel(0, new BitSet());
}
