package org.xenwb.engine.core.model;

/** Xen's vCPU runstates ({@code RUNSTATE_*} of the public interface), in their numeric order. */
public enum RunState {
    /** Running on a pCPU. */
    RUNNING,
    /** Runnable, waiting for a pCPU. */
    RUNNABLE,
    /** Blocked, waiting for an event. */
    BLOCKED,
    /** Not runnable for another reason: paused, offline, parked by a cap, or domain shut down. */
    OFFLINE
}
