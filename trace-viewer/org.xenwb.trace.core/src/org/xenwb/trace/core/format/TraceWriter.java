package org.xenwb.trace.core.format;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes a trace file byte for byte as {@code xentrace} writes one: windows of records of one pCPU, each introduced
 * by a CPU-change record that gives the pCPU and the window's size (see {@link TraceFormat}).
 *
 * <p>Usage: {@link #write(TraceRecord)} records in the order each pCPU produced them; consecutive records of the same
 * pCPU go into the same window, and a record of another pCPU (or {@link #endWindow()}, {@link #flush()},
 * {@link #close()}, or a window reaching {@link #maxWindowBytes()}) ends the current window. xentrace writes one
 * window per pCPU per poll of the buffers, so to mimic it call {@link #endWindow()} after each simulated poll.
 * Records of one pCPU must be written in that pCPU's time order; records of different pCPUs may interleave in any
 * order (readers merge the per-pCPU streams by TSC).</p>
 *
 * <p>{@link #write(int, int, long, int[], int)} writes the same bytes from primitives without allocating.</p>
 *
 * <p>Not thread-safe: one writer per thread. Buffers at most one window ({@link #maxWindowBytes()} bytes) in
 * memory. The stream is closed by {@link #close()}.</p>
 */
public final class TraceWriter implements Closeable, Flushable {

    /** Default window limit: 1 MiB, the order of a per-pCPU trace buffer. */
    public static final int DEFAULT_MAX_WINDOW_BYTES = 1 << 20;

    private final OutputStream out;
    private final ByteBuffer window;
    private final ByteBuffer cpuChange = ByteBuffer.allocate(TraceFormat.CPU_CHANGE_BYTES);
    private int windowCpu = -1;
    private long bytesWritten;
    private boolean closed;

    /**
     * A writer with {@link #DEFAULT_MAX_WINDOW_BYTES}.
     *
     * @param out where the file's bytes go
     */
    public TraceWriter(OutputStream out) {
        this(out, DEFAULT_MAX_WINDOW_BYTES);
    }

    /**
     * A writer with a given window limit.
     *
     * @param out where the file's bytes go
     * @param maxWindowBytes largest window in bytes (&gt;= {@link TraceFormat#MAX_RECORD_BYTES})
     */
    public TraceWriter(OutputStream out, int maxWindowBytes) {
        if (maxWindowBytes < TraceFormat.MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("window limit below one record: " + maxWindowBytes);
        }
        this.out = out;
        this.window = ByteBuffer.allocate(maxWindowBytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** @return the largest window this writer produces, in bytes (CPU-change record excluded) */
    public int maxWindowBytes() {
        return window.capacity();
    }

    /**
     * Appends a record to the window of its pCPU, starting a new window when needed.
     *
     * @param record the record
     * @throws IOException when the stream fails or the writer is closed
     */
    public void write(TraceRecord record) throws IOException {
        ensureOpen();
        if (record.cpu() != windowCpu || window.remaining() < record.sizeInBytes()) {
            endWindow();
            windowCpu = record.cpu();
        }
        TraceRecordEncoder.encode(record, window);
    }

    /**
     * Appends a record given as primitives, with exactly the bytes {@link #write(TraceRecord)} writes for
     * {@code TraceRecord.withTsc(event, cpu, tsc, words[0..count))}, without allocating: the fields go straight into
     * the reused window buffer. Meant for generators writing millions of records (the engine's trace export).
     *
     * @param cpu the pCPU, &gt;= 0
     * @param event event id, 28 bits
     * @param tsc the TSC in cycles (an unsigned 64-bit value)
     * @param words payload; only the first {@code count} words are read, and the array is not retained
     * @param count number of extra words, 0..7 and &lt;= {@code words.length}
     * @throws IOException when the stream fails or the writer is closed
     * @throws IllegalArgumentException on an out-of-range argument (nothing is written then)
     */
    public void write(int cpu, int event, long tsc, int[] words, int count) throws IOException {
        writePrimitive(cpu, event, true, tsc, words, count);
    }

    /**
     * Appends a record without a TSC given as primitives, with exactly the bytes {@link #write(TraceRecord)} writes
     * for {@code TraceRecord.withoutTsc(event, cpu, words[0..count))}, without allocating.
     *
     * @param cpu the pCPU, &gt;= 0
     * @param event event id, 28 bits
     * @param words payload; only the first {@code count} words are read, and the array is not retained
     * @param count number of extra words, 0..7 and &lt;= {@code words.length}
     * @throws IOException when the stream fails or the writer is closed
     * @throws IllegalArgumentException on an out-of-range argument (nothing is written then)
     */
    public void writeWithoutTsc(int cpu, int event, int[] words, int count) throws IOException {
        writePrimitive(cpu, event, false, 0, words, count);
    }

    private void writePrimitive(int cpu, int event, boolean hasTsc, long tsc, int[] words, int count)
            throws IOException {
        ensureOpen();
        if (cpu < 0) {
            throw new IllegalArgumentException("negative pCPU: " + cpu);
        }
        if (count < 0 || count > words.length) {
            throw new IllegalArgumentException("extra word count " + count + " outside 0.." + words.length);
        }
        int header = TraceFormat.header(event, count, hasTsc); // validates event and count
        int size = TraceFormat.recordBytes(header);
        if (cpu != windowCpu || window.remaining() < size) {
            endWindow();
            windowCpu = cpu;
        }
        // the window buffer is always little-endian (set in the constructor)
        window.putInt(header);
        if (hasTsc) {
            window.putLong(tsc);
        }
        for (int i = 0; i < count; i++) {
            window.putInt(words[i]);
        }
    }

    /**
     * Writes the current window, if it holds records, to the stream. The next record starts a new window even
     * when it has the same pCPU.
     *
     * @throws IOException when the stream fails
     */
    public void endWindow() throws IOException {
        ensureOpen();
        if (window.position() > 0) {
            cpuChange.clear();
            TraceRecordEncoder.encodeCpuChange(windowCpu, window.position(), cpuChange);
            out.write(cpuChange.array(), 0, TraceFormat.CPU_CHANGE_BYTES);
            out.write(window.array(), 0, window.position());
            bytesWritten += TraceFormat.CPU_CHANGE_BYTES + window.position();
            window.clear();
        }
        windowCpu = -1;
    }

    /**
     * Writes an empty window of a pCPU (a CPU-change record with size 0), which xentrace never writes but readers
     * must accept.
     *
     * @param cpu the pCPU
     * @throws IOException when the stream fails
     */
    public void writeEmptyWindow(int cpu) throws IOException {
        endWindow();
        cpuChange.clear();
        TraceRecordEncoder.encodeCpuChange(cpu, 0, cpuChange);
        out.write(cpuChange.array(), 0, TraceFormat.CPU_CHANGE_BYTES);
        bytesWritten += TraceFormat.CPU_CHANGE_BYTES;
    }

    /** @return bytes handed to the stream so far (the current window is not counted until it ends) */
    public long bytesWritten() {
        return bytesWritten;
    }

    /**
     * Ends the current window and flushes the stream.
     *
     * @throws IOException when the stream fails
     */
    @Override
    public void flush() throws IOException {
        endWindow();
        out.flush();
    }

    /**
     * Ends the current window and closes the stream. Closing twice does nothing.
     *
     * @throws IOException when the stream fails
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            endWindow();
        } finally {
            closed = true;
            out.close();
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("trace writer is closed");
        }
    }
}
