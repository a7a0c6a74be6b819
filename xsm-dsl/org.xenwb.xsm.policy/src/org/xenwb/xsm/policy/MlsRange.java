package org.xenwb.xsm.policy;

/**
 * An MLS range from {@code low} to {@code high}.
 *
 * @param low the low level
 * @param high the high level, equal to {@code low} for a single-level range
 */
public record MlsRange(MlsLevel low, MlsLevel high) {

    /** The range that policies without MLS store everywhere. */
    public static final MlsRange NONE = new MlsRange(MlsLevel.NONE, MlsLevel.NONE);
}
