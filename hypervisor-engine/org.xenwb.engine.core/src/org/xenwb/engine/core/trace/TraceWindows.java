package org.xenwb.engine.core.trace;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import org.xenwb.trace.core.format.TraceFormat;
import org.xenwb.trace.core.format.TraceRecordEncoder;

/**
 * The per-pCPU trace buffers of a recording, encoded in place: each pCPU appends its records, little-endian, to
 * its own byte array, in windows of at most {@code windowBytes} bytes of records, each window introduced by its
 * CPU-change record (written by {@link TraceRecordEncoder#encodeCpuChange} once the window's size is known).
 * {@link #drainTo} appends every pCPU's windows to a stream in pCPU order, the way {@code xentrace} copies the
 * per-pCPU buffers at each poll. The bytes are exactly those of {@link org.xenwb.trace.core.format.TraceWriter}
 * with one writer per pCPU and the same window limit, without a record object or an array per record: the words go
 * straight into the arrays through little-endian array views.
 *
 * <p>Not thread-safe: the simulation thread only.</p>
 */
final class TraceWindows {

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    /** Header and TSC of a record with a TSC, bytes. */
    private static final int FIXED = TraceFormat.HEADER_BYTES + TraceFormat.TSC_BYTES;

    /** Bytes a record may write beyond its end (unused payload words {@link #put} writes anyway), kept free. */
    private static final int SLACK = 7 * 4;

    private final int windowBytes;
    private final byte[][] bytes;
    /** Each pCPU's fill level: where its next byte goes. */
    private final int[] fill;
    /**
     * Each pCPU's fast-path limit: a record of {@code size} bytes goes at {@code fill} without further checks when
     * {@code fill + size <= limit} (a window is open, the record keeps it within {@code windowBytes}, and the array
     * has room for it plus {@link #SLACK}); -1 when no window is open.
     */
    private final int[] limit;
    /** Offset of each pCPU's open window's CPU-change record, or -1 when no window is open. */
    private final int[] windowStart;
    /** Whether each pCPU has had a record since the start. */
    private final boolean[] recorded;
    /** How many pCPUs have had a record since the start. */
    private int recordedCpus;

    /**
     * @param nrCpus the number of pCPUs
     * @param windowBytes the largest window, bytes of records (&gt;= {@link TraceFormat#MAX_RECORD_BYTES})
     */
    TraceWindows(int nrCpus, int windowBytes) {
        if (windowBytes < TraceFormat.MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("window limit below one record: " + windowBytes);
        }
        this.windowBytes = windowBytes;
        bytes = new byte[nrCpus][];
        fill = new int[nrCpus];
        limit = new int[nrCpus];
        windowStart = new int[nrCpus];
        recorded = new boolean[nrCpus];
        for (int cpu = 0; cpu < nrCpus; cpu++) {
            bytes[cpu] = new byte[4096];
            windowStart[cpu] = -1;
            limit[cpu] = -1;
        }
    }

    /**
     * Appends one record with a TSC to a pCPU's buffer; {@code n} of the words {@code a..g} are its payload.
     *
     * @param cpu the pCPU
     * @param event the event id (28 bits)
     * @param tsc the TSC, cycles
     * @param n number of payload words, 0..7
     * @param a payload word 0 (ignored when {@code n < 1}); likewise b..g
     * @param b payload word 1
     * @param c payload word 2
     * @param d payload word 3
     * @param e payload word 4
     * @param f payload word 5
     * @param g payload word 6
     */
    void put(int cpu, int event, long tsc, int n, int a, int b, int c, int d, int e, int f, int g) {
        int size = FIXED + 4 * n;
        int p = fill[cpu];
        if (p + size > limit[cpu]) {
            p = room(cpu, size);
        }
        byte[] buf = bytes[cpu];
        INT.set(buf, p, TraceFormat.header(event, n, true));
        LONG.set(buf, p + TraceFormat.HEADER_BYTES, tsc);
        // the first four words always, unused ones too (without a branch per word): they lie in the slack beyond
        // the record, and the next record, or the end of the fill level, covers them
        int w = p + FIXED;
        INT.set(buf, w, a);
        INT.set(buf, w + 4, b);
        INT.set(buf, w + 8, c);
        INT.set(buf, w + 12, d);
        if (n > 4) {
            INT.set(buf, w + 16, e);
            INT.set(buf, w + 20, f);
            INT.set(buf, w + 24, g);
        }
        fill[cpu] = p + size;
    }

    /** Bytes of the five records {@link #putSwitch} writes: payloads of 3, 4, 4, 1 and 1 words. */
    static final int SWITCH_BYTES = 5 * FIXED + 4 * (3 + 4 + 4 + 1 + 1);

    /**
     * Appends the five records of a context switch at once, in the order Xen writes them: {@code SWITCH_INFPREV}
     * (prev's domain, vCPU, time it ran), {@code SWITCH_INFNEXT} (next's domain, vCPU, time it waited, slice),
     * {@code SWITCH} (prev's domain and vCPU, next's), then the runstate changes of prev and of next (payload: the
     * vCPU and domain packed in one word). The same bytes as five calls of {@link #put} with TSCs {@code tsc} to
     * {@code tsc + 4}, with one check for room instead of five (the hottest path of a trace).
     *
     * @param cpu the pCPU
     * @param tsc the first record's TSC; the others follow one cycle apart
     * @param infprev {@code SWITCH_INFPREV}'s event id
     * @param infnext {@code SWITCH_INFNEXT}'s event id
     * @param sw {@code SWITCH}'s event id
     * @param prevRunstate prev's runstate change event id (old and new states included)
     * @param nextRunstate next's runstate change event id
     * @param prevDom prev's domain id
     * @param prevVcpu prev's vCPU id
     * @param prevRan how long prev ran, ns (truncated to 32 bits as Xen's record does)
     * @param nextDom next's domain id
     * @param nextVcpu next's vCPU id
     * @param nextWaited how long next waited, ns (0 when it was not runnable)
     * @param slice next's slice, ns, or -1
     */
    void putSwitch(int cpu, long tsc, int infprev, int infnext, int sw, int prevRunstate, int nextRunstate,
            int prevDom, int prevVcpu, int prevRan, int nextDom, int nextVcpu, int nextWaited, int slice) {
        int p = fill[cpu];
        if (p + SWITCH_BYTES > limit[cpu]) {
            // a window may end between two of the records, or the array must grow: one record at a time then
            put(cpu, infprev, tsc, 3, prevDom, prevVcpu, prevRan, 0, 0, 0, 0);
            put(cpu, infnext, tsc + 1, 4, nextDom, nextVcpu, nextWaited, slice, 0, 0, 0);
            put(cpu, sw, tsc + 2, 4, prevDom, prevVcpu, nextDom, nextVcpu, 0, 0, 0);
            put(cpu, prevRunstate, tsc + 3, 1, (prevVcpu & 0xffff) | (prevDom << 16), 0, 0, 0, 0, 0, 0);
            put(cpu, nextRunstate, tsc + 4, 1, (nextVcpu & 0xffff) | (nextDom << 16), 0, 0, 0, 0, 0, 0);
            return;
        }
        byte[] buf = bytes[cpu];
        p = start(buf, p, infprev, 3, tsc);
        INT.set(buf, p, prevDom);
        INT.set(buf, p + 4, prevVcpu);
        INT.set(buf, p + 8, prevRan);
        p = start(buf, p + 12, infnext, 4, tsc + 1);
        INT.set(buf, p, nextDom);
        INT.set(buf, p + 4, nextVcpu);
        INT.set(buf, p + 8, nextWaited);
        INT.set(buf, p + 12, slice);
        p = start(buf, p + 16, sw, 4, tsc + 2);
        INT.set(buf, p, prevDom);
        INT.set(buf, p + 4, prevVcpu);
        INT.set(buf, p + 8, nextDom);
        INT.set(buf, p + 12, nextVcpu);
        p = start(buf, p + 16, prevRunstate, 1, tsc + 3);
        INT.set(buf, p, (prevVcpu & 0xffff) | (prevDom << 16));
        p = start(buf, p + 4, nextRunstate, 1, tsc + 4);
        INT.set(buf, p, (nextVcpu & 0xffff) | (nextDom << 16));
        fill[cpu] = p + 4;
    }

    /** Writes a record's header and TSC at {@code p}; returns where its payload goes. */
    private static int start(byte[] buf, int p, int event, int words, long tsc) {
        INT.set(buf, p, TraceFormat.header(event, words, true));
        LONG.set(buf, p + TraceFormat.HEADER_BYTES, tsc);
        return p + FIXED;
    }

    /**
     * Appends one record whose payload is an array.
     *
     * @param cpu the pCPU
     * @param event the event id
     * @param tsc the TSC, cycles
     * @param payload 0..7 words
     */
    void put(int cpu, int event, long tsc, int[] payload) {
        int size = FIXED + 4 * payload.length;
        int p = room(cpu, size);
        byte[] buf = bytes[cpu];
        INT.set(buf, p, TraceFormat.header(event, payload.length, true));
        LONG.set(buf, p + TraceFormat.HEADER_BYTES, tsc);
        for (int i = 0; i < payload.length; i++) {
            INT.set(buf, p + FIXED + 4 * i, payload[i]);
        }
        fill[cpu] = p + size;
    }

    /**
     * Makes room for a record in an open window of a pCPU (closing a full window, opening one, growing the array)
     * and recomputes the pCPU's fast-path {@link #limit}.
     *
     * @return the offset where the record goes
     */
    private int room(int cpu, int size) {
        int start = windowStart[cpu];
        int p = fill[cpu];
        if (start >= 0 && p - start - TraceFormat.CPU_CHANGE_BYTES + size > windowBytes) {
            closeWindow(cpu);
            start = -1;
        }
        int need = size + SLACK + (start < 0 ? TraceFormat.CPU_CHANGE_BYTES : 0);
        if (bytes[cpu].length - p < need) {
            bytes[cpu] = Arrays.copyOf(bytes[cpu], Math.max(bytes[cpu].length * 2, p + need));
        }
        if (start < 0) {
            if (!recorded[cpu]) {
                recorded[cpu] = true;
                recordedCpus++;
            }
            start = p;
            windowStart[cpu] = p;
            p += TraceFormat.CPU_CHANGE_BYTES; // filled in by closeWindow
        }
        long windowEnd = (long) start + TraceFormat.CPU_CHANGE_BYTES + windowBytes;
        limit[cpu] = (int) Math.min(windowEnd, bytes[cpu].length - SLACK);
        return p;
    }

    /** @return whether every pCPU has had a record since the start */
    boolean everyCpuRecorded() {
        return recordedCpus == recorded.length;
    }

    private void closeWindow(int cpu) {
        int start = windowStart[cpu];
        if (start < 0) {
            return;
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes[cpu]).order(ByteOrder.LITTLE_ENDIAN);
        buf.position(start);
        TraceRecordEncoder.encodeCpuChange(cpu, fill[cpu] - start - TraceFormat.CPU_CHANGE_BYTES, buf);
        windowStart[cpu] = -1;
        limit[cpu] = -1;
    }

    /**
     * Ends every open window and writes all pCPUs' windows to a stream, pCPU 0 first; the buffers are empty after.
     *
     * @param out the stream
     * @throws IOException when the stream fails
     */
    void drainTo(OutputStream out) throws IOException {
        for (int cpu = 0; cpu < bytes.length; cpu++) {
            closeWindow(cpu);
            out.write(bytes[cpu], 0, fill[cpu]);
            fill[cpu] = 0;
        }
    }
}
