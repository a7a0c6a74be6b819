package org.xenwb.trace.core.stats;

import java.util.Map;
import java.util.TreeMap;

/**
 * A queue length over time, as an exact step function built from the intervals during which each member is in the
 * queue: the length at {@code t} is the number of intervals {@code [start, end)} that hold {@code t}.
 *
 * <p>Build with {@link #add(long, long)}, then query (the first query ends building); not thread-safe until the first
 * query has returned. Times are TSC cycles
 * (compared as signed longs, as the lanes compare them).</p>
 */
public final class QueueLength {

    private final TreeMap<Long, Integer> steps = new TreeMap<>();

    /**
     * Adds a member for {@code [start, end)}; nothing when {@code end <= start}.
     *
     * @param start first cycle in the queue
     * @param end first cycle out of the queue
     */
    public void add(long start, long end) {
        if (times != null) {
            throw new IllegalStateException("queue already queried");
        }
        if (start < end) {
            steps.merge(start, 1, Integer::sum);
            steps.merge(end, -1, Integer::sum);
        }
    }

    /**
     * @param t a time, cycles
     * @return the number of members at {@code t}
     */
    public int lengthAt(long t) {
        freeze();
        int i = java.util.Arrays.binarySearch(times, t);
        int at = i >= 0 ? i : -i - 2;
        return at < 0 ? 0 : lengths[at];
    }

    /** @return the times at which the length may change, ascending (a copy) */
    public long[] changes() {
        freeze();
        return times.clone();
    }

    private long[] times;
    private int[] lengths;

    /** Ends building: the first query turns the steps into arrays; later {@link #add} calls are refused. */
    private void freeze() {
        if (times != null) {
            return;
        }
        times = new long[steps.size()];
        lengths = new int[steps.size()];
        int i = 0;
        int len = 0;
        for (Map.Entry<Long, Integer> e : steps.entrySet()) {
            len += e.getValue();
            times[i] = e.getKey();
            lengths[i++] = len;
        }
    }

    /**
     * Time spent at each length within a range.
     *
     * @param from start of the range, cycles
     * @param to end of the range (exclusive), cycles, &gt;= from
     * @return entry k = cycles spent at length k; entries sum to {@code to - from}
     */
    public long[] timeAtLength(long from, long to) {
        long[] out = new long[1];
        int len = lengthAt(from);
        freeze();
        long at = from;
        for (Map.Entry<Long, Integer> e : steps.tailMap(from, false).entrySet()) {
            if (e.getKey() >= to) {
                break;
            }
            out = addTime(out, len, e.getKey() - at);
            at = e.getKey();
            len += e.getValue();
        }
        return addTime(out, len, to - at);
    }

    private static long[] addTime(long[] out, int len, long t) {
        long[] a = out.length > len ? out : java.util.Arrays.copyOf(out, len + 1);
        a[len] += t;
        return a;
    }
}
