package org.xenwb.xsm.policy;

/**
 * A {@code range_transition} rule (MLS).
 *
 * @param source the source type value
 * @param target the target type value
 * @param tclass the class value
 * @param range the new range
 */
public record RangeTransition(int source, int target, int tclass, MlsRange range) {
}
