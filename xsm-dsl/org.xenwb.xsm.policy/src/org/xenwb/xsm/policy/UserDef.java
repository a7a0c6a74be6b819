package org.xenwb.xsm.policy;

import java.util.BitSet;

/**
 * A user.
 *
 * @param name the user name
 * @param value its 1-based value
 * @param bounds the value of the bounding user, 0 for none
 * @param roles the roles the user may take
 * @param range the MLS range of the user (all zero when MLS is off)
 * @param defaultLevel the user's default MLS level (zero when MLS is off)
 */
public record UserDef(String name, int value, int bounds, BitSet roles, MlsRange range, MlsLevel defaultLevel) {
}
