package org.xenwb.engine.core.sched;

/**
 * credit2's load arithmetic, as Xen 4.17's {@code sched/credit2.c} does it ({@code update_runq_load},
 * {@code update_svc_load}, {@code consider} and the tolerance test of {@code balance_load}).
 *
 * <p>Loads are fixed-point numbers with {@code P} fraction bits (the precision shift, 18 by default): a load of
 * {@code 1 << P} means one runnable vCPU. Times are sampled in units of {@code 2^GRANULARITY_SHIFT} ns (1.024 us)
 * and averages decay over a window of {@code 2^W} such units, where {@code W} is the boot option
 * {@code credit2_load_window_shift} (30, about 1.07 s) minus {@link #GRANULARITY_SHIFT}. An average moves from its
 * old value towards the current load in proportion to the time elapsed since its last update; after more than one
 * window without an update it simply becomes the current load.</p>
 *
 * <p>All methods are pure functions of their arguments; thread-safe.</p>
 */
public final class Credit2LoadAverage {

    /** {@code LOADAVG_GRANULARITY_SHIFT}: load samples are taken on {@code now >> 10}. */
    public static final int GRANULARITY_SHIFT = 10;
    /** {@code LOADAVG_WINDOW_SHIFT}: the default {@code credit2_load_window_shift}, in ns bits. */
    public static final int DEFAULT_WINDOW_SHIFT = 30;
    /** {@code LOADAVG_PRECISION_SHIFT}: the default {@code credit2_load_precision_shift}. */
    public static final int DEFAULT_PRECISION_SHIFT = 18;
    /** {@code LOADAVG_PRECISION_SHIFT_MIN}: smaller precision shifts are raised to this. */
    public static final int MIN_PRECISION_SHIFT = 4;
    /** The default {@code credit2_balance_under} (log2 of the tolerated imbalance below full load). */
    public static final int DEFAULT_UNDERLOAD_TOLERANCE = 0;
    /** The default {@code credit2_balance_over} (log2 of the tolerated imbalance at or above full load). */
    public static final int DEFAULT_OVERLOAD_TOLERANCE = -3;

    private Credit2LoadAverage() {
    }

    /**
     * @param nowNs a time, ns
     * @return the load-tracking sample time of it ({@code now >> LOADAVG_GRANULARITY_SHIFT})
     */
    public static long sampleTime(long nowNs) {
        return nowNs >> GRANULARITY_SHIFT;
    }

    /**
     * One update of a decaying average ({@code rqd->avgload}, {@code rqd->b_avgload} or {@code svc->avgload}).
     *
     * <p>With {@code delta = now - lastUpdate} (0 when negative): if {@code lastUpdate + 2^W < now} the result is
     * {@code load << P}; otherwise it is {@code avg + ((delta * (load << P)) >> W) - ((delta * avg) >> W)}, in 64-bit
     * signed arithmetic with arithmetic shifts, as in credit2.c.</p>
     *
     * @param avg the average so far, fixed point with {@code precisionShift} fraction bits
     * @param load the load in effect since {@code lastUpdate} (a count of vCPUs, not fixed point)
     * @param lastUpdate the sample time of the previous update ({@link #sampleTime})
     * @param now the sample time of this update
     * @param precisionShift {@code P}
     * @param windowShift {@code W}, the window in sample-time bits (the boot option minus
     *        {@link #GRANULARITY_SHIFT})
     * @return the new average
     */
    public static long next(long avg, long load, long lastUpdate, long now, int precisionShift, int windowShift) {
        if (lastUpdate + (1L << windowShift) < now) {
            return load << precisionShift;
        }
        long delta = Math.max(0, now - lastUpdate);
        return avg + ((delta * (load << precisionShift)) >> windowShift) - ((delta * avg) >> windowShift);
    }

    /**
     * @param precisionShift {@code P}
     * @return the average a new vCPU starts with ({@code csched2_alloc_udata}: 50%, {@code 1 << (P - 1)})
     */
    public static long initialUnitLoad(int precisionShift) {
        return 1L << (precisionShift - 1);
    }

    /**
     * {@code consider()}'s measure of a push/pull pair: the imbalance left between the local and the other run
     * queue if {@code push} moved from local to other and {@code pull} from other to local.
     *
     * @param localLoad the local run queue's {@code b_avgload}
     * @param otherLoad the other run queue's {@code b_avgload}
     * @param push the pushed vCPU's {@code avgload}, 0 for none
     * @param pull the pulled vCPU's {@code avgload}, 0 for none
     * @return the absolute load difference after the move
     */
    public static long imbalanceAfter(long localLoad, long otherLoad, long push, long pull) {
        long l = localLoad - push + pull;
        long o = otherLoad + push - pull;
        return Math.abs(l - o);
    }

    /**
     * {@code balance_load}'s test before it looks for vCPUs to move: when the busier queue is below full load
     * ({@code loadMax < cpusMax << P}) the imbalance must reach {@code 1 << (P + underTolerance)} (one vCPU by
     * default), otherwise {@code 1 << (P + overTolerance)} (an eighth of one by default).
     *
     * @param loadDelta the imbalance, fixed point
     * @param loadMax the larger of the two {@code b_avgload}s, fixed point
     * @param cpusMax the larger of the two run queues' pCPU counts
     * @param precisionShift {@code P}
     * @param underTolerance {@code credit2_balance_under}
     * @param overTolerance {@code credit2_balance_over}
     * @return whether balancing goes on to look for vCPUs to move
     */
    public static boolean worthBalancing(long loadDelta, long loadMax, int cpusMax, int precisionShift,
            int underTolerance, int overTolerance) {
        if (loadMax < ((long) cpusMax << precisionShift)) {
            return loadDelta >= 1L << (precisionShift + underTolerance);
        }
        return loadDelta >= 1L << (precisionShift + overTolerance);
    }
}
