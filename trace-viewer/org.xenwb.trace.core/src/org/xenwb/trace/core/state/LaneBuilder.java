package org.xenwb.trace.core.state;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;

/**
 * Grows a lane interval by interval. An interval added at the start time of the previous one replaces it (Xen's
 * zero-length runstates count for nothing, as in xenalyze); a start earlier than the previous start (TSC skew
 * between pCPUs) is moved up to it. Not thread-safe.
 */
public final class LaneBuilder {

    private final LaneId id;
    private long[] starts = new long[16];
    private byte[] states = new byte[16];
    private int[] args = new int[16];
    private int size;
    private int skewed;

    /**
     * @param id the lane being built
     */
    public LaneBuilder(LaneId id) {
        this.id = id;
    }

    /** @return the lane being built */
    public LaneId id() {
        return id;
    }

    /** @return number of intervals so far */
    public int size() {
        return size;
    }

    /** @return how many starts were earlier than the previous start and moved up to it */
    public int skewed() {
        return skewed;
    }

    /** @return the state of the last interval, or -1 when empty */
    public int lastState() {
        return size == 0 ? -1 : states[size - 1];
    }

    /** @return the start of the last interval; only when not empty */
    public long lastStart() {
        return starts[size - 1];
    }

    /**
     * Starts an interval.
     *
     * @param t start, TSC cycles
     * @param state a {@link Runstate}
     * @param arg the argument (see {@link Lane})
     */
    public void add(long t, int state, int arg) {
        if (size > 0 && t <= starts[size - 1]) {
            if (t < starts[size - 1]) {
                skewed++;
            }
            states[size - 1] = (byte) state;
            args[size - 1] = arg;
            return;
        }
        if (size == starts.length) {
            int n = size * 2;
            starts = Arrays.copyOf(starts, n);
            states = Arrays.copyOf(states, n);
            args = Arrays.copyOf(args, n);
        }
        starts[size] = t;
        states[size] = (byte) state;
        args[size] = arg;
        size++;
    }

    /**
     * Finishes the lane.
     *
     * @param end the end of the last interval, TSC cycles (moved up to the last start if earlier)
     * @return the lane, backed by heap arrays
     */
    public Lane build(long end) {
        long[] cum = new long[Lane.checkpoints(size) * Runstate.COUNT];
        long[] acc = new long[Runstate.COUNT];
        for (int i = 0; i < size; i++) {
            if (i % Lane.CHECKPOINT == 0) {
                System.arraycopy(acc, 0, cum, (i / Lane.CHECKPOINT) * Runstate.COUNT, Runstate.COUNT);
            }
            acc[states[i]] += (i + 1 < size ? starts[i + 1] : Math.max(end, starts[i])) - starts[i];
        }
        if (size % Lane.CHECKPOINT == 0) {
            System.arraycopy(acc, 0, cum, (size / Lane.CHECKPOINT) * Runstate.COUNT, Runstate.COUNT);
        }
        long laneEnd = size == 0 ? end : Math.max(end, starts[size - 1]);
        return new Lane(id, LongBuffer.wrap(Arrays.copyOf(starts, size)), ByteBuffer.wrap(Arrays.copyOf(states, size)),
                IntBuffer.wrap(Arrays.copyOf(args, size)), LongBuffer.wrap(cum), laneEnd);
    }
}
