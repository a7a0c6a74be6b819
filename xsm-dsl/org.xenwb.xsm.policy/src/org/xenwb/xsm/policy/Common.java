package org.xenwb.xsm.policy;

import java.util.List;

/**
 * A {@code common} block: permissions shared by several classes; they come first in each class that inherits them.
 *
 * @param name the common's name
 * @param value its 1-based value
 * @param permissions its permissions, values 1..n
 */
public record Common(String name, int value, List<Permission> permissions) {
    /** Copies the list so the record is immutable. */
    public Common {
        permissions = List.copyOf(permissions);
    }
}
