package org.xenwb.engine.core.trace;

import java.io.IOException;
import java.io.OutputStream;
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
 * with one writer per pCPU and the same window limit, without a record object or an array per record.
 *
 * <p>Not thread-safe: the simulation thread only.</p>
 */
final class TraceWindows {

    private final int windowBytes;
    private final byte[][] bytes;
    /** Little-endian views of {@link #bytes}, replaced when an array grows. */
    private final ByteBuffer[] views;
    /** Offset of each pCPU's open window's CPU-change record, or -1 when no window is open. */
    private final int[] windowStart;

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
        views = new ByteBuffer[nrCpus];
        windowStart = new int[nrCpus];
        for (int cpu = 0; cpu < nrCpus; cpu++) {
            bytes[cpu] = new byte[4096];
            views[cpu] = ByteBuffer.wrap(bytes[cpu]).order(ByteOrder.LITTLE_ENDIAN);
            windowStart[cpu] = -1;
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
        int header = TraceFormat.header(event, n, true);
        int size = TraceFormat.HEADER_BYTES + TraceFormat.TSC_BYTES + 4 * n;
        ByteBuffer buf = room(cpu, size);
        buf.putInt(header).putLong(tsc);
        if (n > 0) {
            buf.putInt(a);
        }
        if (n > 1) {
            buf.putInt(b);
        }
        if (n > 2) {
            buf.putInt(c);
        }
        if (n > 3) {
            buf.putInt(d);
        }
        if (n > 4) {
            buf.putInt(e);
        }
        if (n > 5) {
            buf.putInt(f);
        }
        if (n > 6) {
            buf.putInt(g);
        }
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
        int header = TraceFormat.header(event, payload.length, true);
        ByteBuffer buf = room(cpu, TraceFormat.HEADER_BYTES + TraceFormat.TSC_BYTES + 4 * payload.length);
        buf.putInt(header).putLong(tsc);
        for (int w : payload) {
            buf.putInt(w);
        }
    }

    /** @return the pCPU's view, positioned where a record of {@code size} bytes goes in an open window */
    private ByteBuffer room(int cpu, int size) {
        ByteBuffer buf = views[cpu];
        int start = windowStart[cpu];
        if (start >= 0 && buf.position() - start - TraceFormat.CPU_CHANGE_BYTES + size > windowBytes) {
            closeWindow(cpu);
            start = -1;
        }
        int need = size + (start < 0 ? TraceFormat.CPU_CHANGE_BYTES : 0);
        if (buf.remaining() < need) {
            byte[] grown = Arrays.copyOf(bytes[cpu], Math.max(bytes[cpu].length * 2, buf.position() + need));
            ByteBuffer view = ByteBuffer.wrap(grown).order(ByteOrder.LITTLE_ENDIAN);
            view.position(buf.position());
            bytes[cpu] = grown;
            views[cpu] = view;
            buf = view;
        }
        if (start < 0) {
            windowStart[cpu] = buf.position();
            buf.position(buf.position() + TraceFormat.CPU_CHANGE_BYTES); // filled in by closeWindow
        }
        return buf;
    }

    private void closeWindow(int cpu) {
        int start = windowStart[cpu];
        if (start < 0) {
            return;
        }
        ByteBuffer buf = views[cpu];
        int end = buf.position();
        buf.position(start);
        TraceRecordEncoder.encodeCpuChange(cpu, end - start - TraceFormat.CPU_CHANGE_BYTES, buf);
        buf.position(end);
        windowStart[cpu] = -1;
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
            out.write(bytes[cpu], 0, views[cpu].position());
            views[cpu].clear();
        }
    }
}
