package org.xenwb.trace.core.index;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The checkpoints that let event queries skip to a time without scanning the trace: for each window of the file,
 * its offset, pCPU, how many records the reader delivered from it, and the TSC range of those records. A pCPU's
 * windows are in time order, so a binary search over them finds where a time range starts.
 *
 * <p>Entries of {@value #ENTRY_BYTES} bytes, little-endian: offset, first TSC, last TSC, TSC before the window (the
 * pCPU's last TSC, given to records without their own), then pCPU and record count as ints. Immutable after
 * construction, thread-safe.</p>
 */
final class WindowTable {

    static final int ENTRY_BYTES = 40;
    /** Highest pCPU number a window can name (as the reader accepts). */
    static final int MAX_CPU = 4095;

    private final ByteBuffer entries;
    private final int count;
    /** per pCPU, the indexes of its windows in file order */
    private final int[][] byCpu;

    WindowTable(ByteBuffer entries, int count) {
        this.entries = entries.order(ByteOrder.LITTLE_ENDIAN);
        this.count = count;
        this.byCpu = groupByCpu(count, this::cpu);
    }

    /**
     * Groups windows by pCPU.
     *
     * @param count number of windows
     * @param cpuOf the pCPU of a window
     * @return per pCPU (0 to the highest), the indexes of its windows in increasing order
     * @throws IllegalArgumentException when a pCPU is outside 0..{@value #MAX_CPU}
     */
    static int[][] groupByCpu(int count, java.util.function.IntUnaryOperator cpuOf) {
        int maxCpu = -1;
        for (int i = 0; i < count; i++) {
            int c = cpuOf.applyAsInt(i);
            if (c < 0 || c > MAX_CPU) {
                throw new IllegalArgumentException("window " + i + " names pCPU " + c);
            }
            maxCpu = Math.max(maxCpu, c);
        }
        int[] n = new int[maxCpu + 1];
        for (int i = 0; i < count; i++) {
            n[cpuOf.applyAsInt(i)]++;
        }
        int[][] out = new int[maxCpu + 1][];
        for (int c = 0; c <= maxCpu; c++) {
            out[c] = new int[n[c]];
            n[c] = 0;
        }
        for (int i = 0; i < count; i++) {
            int c = cpuOf.applyAsInt(i);
            out[c][n[c]++] = i;
        }
        return out;
    }

    int count() {
        return count;
    }

    long offset(int i) {
        return entries.getLong(i * ENTRY_BYTES);
    }

    long firstTsc(int i) {
        return entries.getLong(i * ENTRY_BYTES + 8);
    }

    long lastTsc(int i) {
        return entries.getLong(i * ENTRY_BYTES + 16);
    }

    long tscBefore(int i) {
        return entries.getLong(i * ENTRY_BYTES + 24);
    }

    int cpu(int i) {
        return entries.getInt(i * ENTRY_BYTES + 32);
    }

    int records(int i) {
        return entries.getInt(i * ENTRY_BYTES + 36);
    }

    int cpuCount() {
        return byCpu.length;
    }

    int[] windowsOf(int cpu) {
        return byCpu[cpu];
    }

    /**
     * @param cpu a pCPU
     * @param t TSC cycles
     * @return position in {@link #windowsOf(int)} of the first window of the pCPU with records at or after t
     */
    int firstWindowReaching(int cpu, long t) {
        int[] w = byCpu[cpu];
        int lo = 0;
        int hi = w.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (records(w[mid]) > 0 && Long.compareUnsigned(lastTsc(w[mid]), t) >= 0) {
                hi = mid;
            } else if (records(w[mid]) == 0 && Long.compareUnsigned(tscBefore(w[mid]), t) >= 0) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
