package org.xenwb.trace.core.state;

/**
 * The states a lane can be in. vCPU lanes use Xen's four runstates ({@code RUNSTATE_running..offline} of
 * {@code public/vcpu.h}, same numbers) plus {@link #LOST}; pCPU lanes use {@link #RUNNING} (a vCPU of a real domain
 * runs), {@link #IDLE} (the idle domain's vCPU runs) and {@link #LOST} (unknown: before the first switch seen, after
 * the pCPU's stream ended, or while its records were lost).
 */
public final class Runstate {

    /** Running on a pCPU. */
    public static final int RUNNING = 0;
    /** Ready to run, waiting for a pCPU. */
    public static final int RUNNABLE = 1;
    /** Blocked (waiting for an event). */
    public static final int BLOCKED = 2;
    /** Offline (down or paused). */
    public static final int OFFLINE = 3;
    /** Unknown: records were lost, or the trace says nothing (xenalyze's RUNSTATE_LOST). */
    public static final int LOST = 4;
    /** pCPU lanes only: the idle vCPU runs. */
    public static final int IDLE = 5;
    /** Number of states. */
    public static final int COUNT = 6;

    /** The idle domain's id. */
    public static final int IDLE_DOMAIN = 32767;

    private static final String[] NAMES = {"running", "runnable", "blocked", "offline", "lost", "idle"};

    private Runstate() {
    }

    /**
     * @param state a state, 0..{@link #COUNT}-1
     * @return its lower-case name
     */
    public static String name(int state) {
        return NAMES[state];
    }
}
