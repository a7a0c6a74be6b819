package org.xenwb.trace.core.read;

import java.util.Arrays;

import org.xenwb.trace.core.format.TraceFormat;
import org.xenwb.trace.core.format.TraceFormatException;

/**
 * The windows of a trace file (see {@link TraceFormat}): for each, the byte offset of its CPU-change record, its
 * pCPU and the size of its records in bytes, in file order, up to where the file stops being well-formed. Found by
 * hopping from one CPU-change record to the next, without reading the records in between.
 *
 * <p>Immutable after {@link #scan(TraceBytes)}; thread-safe.</p>
 */
public final class TraceWindows {

    private final long[] offsets;
    private final int[] cpus;
    private final int[] sizes;
    private final TraceFormatException problem;

    private TraceWindows(long[] offsets, int[] cpus, int[] sizes, TraceFormatException problem) {
        this.offsets = offsets;
        this.cpus = cpus;
        this.sizes = sizes;
        this.problem = problem;
    }

    /** @return the problem that ends the well-formed part of the file (with the file name), or null */
    public TraceFormatException problem() {
        return problem;
    }

    /**
     * Lists the windows of a file. A window cut by the end of the file is listed with the bytes that are there.
     *
     * @param bytes the mapped file
     * @return the windows
     */
    public static TraceWindows scan(TraceBytes bytes) {
        WindowChain chain = WindowChain.scan(bytes);
        int n = (int) Math.min(chain.windows, Integer.MAX_VALUE - 8);
        long[] offsets = new long[n];
        int[] cpus = new int[n];
        int[] sizes = new int[n];
        long at = 0;
        int i = 0;
        while (i < n && at + TraceFormat.CPU_CHANGE_BYTES <= chain.limit) {
            offsets[i] = at;
            cpus[i] = bytes.word(at + 4);
            long size = bytes.word(at + 8) & 0xffffffffL;
            long end = Math.min(at + TraceFormat.CPU_CHANGE_BYTES + size, chain.limit);
            sizes[i] = (int) (end - at - TraceFormat.CPU_CHANGE_BYTES);
            at = end;
            i++;
        }
        return new TraceWindows(Arrays.copyOf(offsets, i), Arrays.copyOf(cpus, i), Arrays.copyOf(sizes, i),
                chain.problem == null ? null : chain.problem.withSource(bytes.path().toString()));
    }

    /** @return number of windows */
    public int count() {
        return offsets.length;
    }

    /**
     * @param i window index
     * @return byte offset of its CPU-change record
     */
    public long offset(int i) {
        return offsets[i];
    }

    /**
     * @param i window index
     * @return its pCPU
     */
    public int cpu(int i) {
        return cpus[i];
    }

    /**
     * @param i window index
     * @return bytes of records after its CPU-change record (cut at the end of a truncated file)
     */
    public int size(int i) {
        return sizes[i];
    }
}
