package org.xenwb.engine.core.model;

/** The life-cycle state of a domain, as {@code xl list} shows it in its State column. */
public enum DomainState {
    /** Created and running (or ready to). */
    ACTIVE,
    /** Shut down but kept (on_* = preserve). */
    SHUTDOWN,
    /** Crashed and kept. */
    CRASHED,
    /** Destroyed: gone from lists. */
    DESTROYED
}
