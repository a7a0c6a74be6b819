package org.xenwb.trace.core.read;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.xenwb.trace.core.format.TraceEvents;
import org.xenwb.trace.core.format.TraceFormat;
import org.xenwb.trace.core.format.TraceFormatException;
import org.xenwb.trace.core.format.TraceRecord;

/**
 * Reads a xentrace file as one time-ordered stream, merging the per-pCPU streams in exactly the order that
 * {@code xenalyze} processes them, so that analyses built on it can reproduce xenalyze's output.
 *
 * <p><b>Merge rule.</b> Each pCPU has a cursor that walks the file from its first window, skipping the windows of
 * other pCPUs. Cursors are kept in a list ordered by <em>order TSC</em>: the TSC of the cursor's next record, or
 * the previous one for records without a TSC and for CPU-change records (so those are taken at once). The cursor at
 * the head is consumed; on equal order TSC the cursor consumed most recently stays first. pCPUs are activated by
 * scanning the first windows of the file until a pCPU repeats, and later when a window of a pCPU never seen
 * appears. A {@link TraceEvents#TRC_LOST_RECORDS} record is delivered twice: first at the TSC of the first lost
 * record, then again ({@link #isLostRecordsEnd()}) at its own TSC.</p>
 *
 * <p><b>Usage.</b> {@link #next()} moves to the next item and returns false at the end. An item is a record
 * ({@link Kind#RECORD}) or a notification that a pCPU stream started ({@link Kind#PCPU_ACTIVATED}) or ended
 * ({@link Kind#PCPU_DEACTIVATED}); the accessors describe the current item. Nothing is allocated per record unless
 * {@link #toRecord()} is called.</p>
 *
 * <p><b>Bad input.</b> Problems (bad header, window past the end of the file, record cut by the end of its window
 * or of the file) never throw: the reader delivers every complete record before the problem and lists the problem,
 * with its byte offset, in {@link #problems()}.</p>
 *
 * <p><b>Resources.</b> The file is memory-mapped; the heap use is constant (a few objects per pCPU). Not
 * thread-safe; one reader per thread. Close it to unmap the file.</p>
 */
public final class TraceReader implements Closeable {

    /** What the current item is. */
    public enum Kind {
        /** A trace record. */
        RECORD,
        /** A pCPU's stream started (xenalyze's "Activating pcpu"). */
        PCPU_ACTIVATED,
        /** A pCPU's stream ended (xenalyze's "deactivating pcpu"); {@link #tsc()} is its last TSC. */
        PCPU_DEACTIVATED,
        /** The initial scan of the first windows is over (delivered once, after its activations). */
        INITIAL_SCAN_DONE,
        /**
         * Only in xenalyze's early-EOF mode ({@link #openLikeXenalyze(Path)}): a window runs past the end of the file,
         * so the last epoch of windows is incomplete ("Short cpu_change window, activating early_eof").
         */
        EARLY_EOF,
        /**
         * Only in early-EOF mode: a pCPU past the last complete epoch is marked inactive ("deactivating pid"); its
         * stream goes on until its reads fail, but it is no longer re-ordered.
         */
        PCPU_MARKED_INACTIVE,
        /**
         * Only in early-EOF mode: xenalyze stops here ({@link #offset()} is where): it re-activates a pCPU that is
         * still queued and fails an assertion, or it reads fewer than 4 bytes of a record header. The stream ends.
         */
        XENALYZE_STOPS,
    }

    private final TraceBytes bytes;
    private final boolean ownsBytes;
    private final String name;
    private final long limit;
    private final boolean truncated;
    private final List<TraceFormatException> problems = new ArrayList<>();
    private final List<PcpuCursor> cursors = new ArrayList<>();
    private final List<PcpuCursor> order = new ArrayList<>();
    private int maxActivePcpu = -1;
    private boolean activateFromCpuChange;
    private final boolean earlyEofMode;
    private boolean earlyEof;
    private long lastEpochOffset;

    /* pending notifications, delivered before the next record; rare, so plain objects */
    private final java.util.ArrayDeque<Notification> pending = new java.util.ArrayDeque<>();

    /* the current item */
    private Kind kind;
    private int cpu;
    private int header;
    private long tsc;
    private long orderTsc;
    private long offset;
    private boolean lostEnd;
    private boolean byCpuChange;
    private boolean pastEpoch;
    private boolean deliveredPastEpoch;
    private final int[] extra = new int[TraceFormat.MAX_EXTRA_WORDS];
    private long recordsDelivered;

    private TraceReader(TraceBytes bytes, boolean ownsBytes, boolean earlyEofMode) {
        this.bytes = bytes;
        this.ownsBytes = ownsBytes;
        this.earlyEofMode = earlyEofMode;
        this.name = bytes.path().toString();
        WindowChain chain = WindowChain.scan(bytes);
        this.limit = chain.limit;
        this.truncated = chain.problem != null;
        if (chain.problem != null) {
            problems.add(chain.problem.withSource(name));
        }
        initPcpus();
        notify(Kind.INITIAL_SCAN_DONE, -1, 0, 0);
    }

    /**
     * Opens a trace file.
     *
     * @param path the file
     * @return a reader positioned before the first item
     * @throws IOException when the file cannot be opened or mapped (format problems do not throw)
     */
    public static TraceReader open(Path path) throws IOException {
        return new TraceReader(TraceBytes.open(path), true, false);
    }

    /**
     * Opens a trace file in xenalyze's early-EOF mode: when a window runs past the end of the file (a truncated
     * capture), pCPUs past the start of the last complete epoch of windows are stopped the way xenalyze stops them,
     * instead of reading every complete record. For reproducing xenalyze's output on truncated files; format
     * problems are still listed in {@link #problems()}.
     *
     * @param path the file
     * @return a reader positioned before the first item
     * @throws IOException when the file cannot be opened or mapped
     */
    public static TraceReader openLikeXenalyze(Path path) throws IOException {
        return new TraceReader(TraceBytes.open(path), true, true);
    }

    /**
     * A reader over already mapped bytes, which stay open when the reader is closed.
     *
     * @param bytes the mapped file
     * @return a reader positioned before the first item
     */
    public static TraceReader over(TraceBytes bytes) {
        return new TraceReader(bytes, false, false);
    }

    /** @return problems found so far, in the order found, each with file name and byte offset */
    public List<TraceFormatException> problems() {
        return List.copyOf(problems);
    }

    /** @return the size of the file in bytes */
    public long fileSize() {
        return bytes.size();
    }

    /** @return the number of records delivered so far (second deliveries of lost records included) */
    public long recordsDelivered() {
        return recordsDelivered;
    }

    /**
     * Moves to the next item.
     *
     * @return false at the end of the stream
     */
    public boolean next() {
        while (true) {
            Notification n = pending.poll();
            if (n != null) {
                kind = n.kind;
                byCpuChange = n.byCpuChange;
                deliveredPastEpoch = n.pastEpoch;
                cpu = n.pcpu;
                offset = n.offset;
                tsc = n.tsc;
                orderTsc = tsc;
                header = 0;
                lostEnd = false;
                return true;
            }
            if (order.isEmpty()) {
                kind = null;
                return false;
            }
            PcpuCursor p = order.get(0);
            if (!p.lostEnd && TraceFormat.eventOf(p.header) == TraceEvents.TRC_TRACE_CPU_CHANGE) {
                processCpuChange(p);
                if (p.inOrder) {
                    readRecord(p);
                }
                if (p.active && p.inOrder) {
                    bubble(p);
                }
                continue;
            }
            kind = Kind.RECORD;
            cpu = p.pid;
            // (a cursor is only ever taken from the head of the order)
            header = p.header;
            tsc = p.tsc;
            orderTsc = p.orderTsc;
            offset = p.fileOffset;
            lostEnd = p.lostEnd;
            for (int i = TraceFormat.extraWordsOf(header) - 1; i >= 0; i--) {
                extra[i] = p.extra[i]; // (a loop: cheaper than an arraycopy call for at most 7 words)
            }
            recordsDelivered++;
            if (!p.lostEnd && event() == TraceEvents.TRC_LOST_RECORDS) {
                p.lostEnd = true;
                if (Long.compareUnsigned(p.tsc, p.orderTsc) > 0) {
                    p.orderTsc = p.tsc;
                }
            } else {
                p.lostEnd = false;
                p.fileOffset += TraceFormat.recordBytes(p.header);
                readRecord(p);
            }
            if (p.active && p.inOrder) {
                sink(0, p); // p was taken from the head of the order
            }
            return true;
        }
    }

    /** @return the kind of the current item */
    public Kind kind() {
        return kind;
    }

    /** @return the pCPU of the current item */
    public int cpu() {
        return cpu;
    }

    /** @return the event id of the current record (28 bits) */
    public int event() {
        return TraceFormat.eventOf(header);
    }

    /** @return the header word of the current record */
    public int header() {
        return header;
    }

    /** @return whether the current record carries its own TSC */
    public boolean hasTsc() {
        return TraceFormat.hasTsc(header);
    }

    /**
     * The time of the current item in cycles (unsigned 64-bit): the record's TSC, or for a record without one the
     * TSC of the previous record of its pCPU (0 before the first).
     *
     * @return the TSC
     */
    public long tsc() {
        return tsc;
    }

    /** @return the TSC by which the current item was ordered (differs from {@link #tsc()} for lost records) */
    public long orderTsc() {
        return orderTsc;
    }

    /** @return the byte offset of the current record (for notifications: of the window that caused it) */
    public long offset() {
        return offset;
    }

    /** @return the size of the current record in bytes */
    public int sizeInBytes() {
        return TraceFormat.recordBytes(header);
    }

    /** @return the number of extra words of the current record, 0..7 */
    public int extraCount() {
        return TraceFormat.extraWordsOf(header);
    }

    /**
     * An extra word of the current record.
     *
     * @param index 0-based, below {@link #extraCount()}
     * @return the word
     */
    public int extra(int index) {
        if (index >= extraCount()) {
            throw new IndexOutOfBoundsException(index);
        }
        return extra[index];
    }

    /**
     * For a {@link Kind#PCPU_ACTIVATED} item: whether the pCPU was found in the window of another pCPU while that
     * one skipped it (xenalyze's process_cpu_change), rather than by scanning the windows ahead (scan_for_new_pcpu).
     *
     * @return true when activated by a CPU-change record met by another pCPU
     */
    public boolean activatedByCpuChange() {
        return byCpuChange;
    }

    /**
     * The 32-bit word at payload position {@code index} of the current record, even past its extra words: the bytes
     * that follow the record in the file (what a tool that reads a fixed-size record structure sees there).
     *
     * @param index 0-based word index after the header and TSC, 0..6
     * @return the word, or 0 past the end of the file
     */
    public int payloadWord(int index) {
        if (index < extraCount()) {
            return extra[index];
        }
        long pos = offset + TraceFormat.HEADER_BYTES + (hasTsc() ? TraceFormat.TSC_BYTES : 0) + 4L * index;
        return pos + 4 <= bytes.size() ? bytes.word(pos) : 0;
    }

    /**
     * For a {@link Kind#PCPU_DEACTIVATED} item in early-EOF mode: whether the pCPU was stopped because it passed the
     * last complete epoch (then {@link #offset()} is that epoch's offset) rather than because its reads ended.
     *
     * @return true when stopped by the early-EOF rule
     */
    public boolean deactivatedPastLastEpoch() {
        return deliveredPastEpoch;
    }

    /** @return whether the current record is the second delivery of a lost-records record */
    public boolean isLostRecordsEnd() {
        return lostEnd;
    }

    /** @return the current record as a value (allocates) */
    public TraceRecord toRecord() {
        int[] words = java.util.Arrays.copyOf(extra, extraCount());
        return hasTsc() ? TraceRecord.withTsc(event(), cpu, tsc, words) : TraceRecord.withoutTsc(event(), cpu, words);
    }

    @Override
    public void close() throws IOException {
        if (ownsBytes) {
            bytes.close();
        }
    }

    // ---- xenalyze's pCPU activation and ordering -------------------------------------------------------------

    private PcpuCursor pcpu(int id) {
        while (cursors.size() <= id) {
            cursors.add(new PcpuCursor(cursors.size()));
        }
        return cursors.get(id);
    }

    private void initPcpus() {
        long at = 0;
        while (at + TraceFormat.CPU_CHANGE_BYTES <= limit) {
            int c = bytes.word(at + 4);
            long window = bytes.word(at + 8) & 0xffffffffL;
            PcpuCursor p = pcpu(c);
            if (c > maxActivePcpu || !p.active) {
                activate(p, at);
                at += TraceFormat.CPU_CHANGE_BYTES + window;
            } else {
                break;
            }
        }
    }

    /** Activates a cursor whose current record is the CPU-change record at {@code at}. */
    private void activate(PcpuCursor p, long at) {
        if (p.inOrder) {
            // only reachable in early-EOF mode: xenalyze asserts in record_order_insert
            stopLikeXenalyze(p.pid, at);
            return;
        }
        p.active = true;
        p.inOrder = true;
        p.fileOffset = at;
        p.nextCpuChangeOffset = at;
        p.header = TraceFormat.CPU_CHANGE_HEADER;
        p.lostEnd = false;
        p.extra[0] = bytes.word(at + 4);
        p.extra[1] = bytes.word(at + 8);
        insert(p);
        if (p.pid > maxActivePcpu) {
            maxActivePcpu = p.pid;
        }
        notify(Kind.PCPU_ACTIVATED, p.pid, at, p.lastTsc);
    }

    private void processCpuChange(PcpuCursor p) {
        int c = p.extra[0];
        long window = p.extra[1] & 0xffffffffL;
        if (earlyEofMode && p.lastCpuChangePid > c && p.fileOffset > lastEpochOffset) {
            lastEpochOffset = p.fileOffset;
        }
        PcpuCursor target = pcpu(c);
        if (!target.active && target.fileOffset == 0 && target != p) {
            activateFromCpuChange = true;
            activate(target, p.fileOffset);
            activateFromCpuChange = false;
        }
        p.lastCpuChangePid = c;
        if (p.pid != c) {
            p.fileOffset += TraceFormat.CPU_CHANGE_BYTES + window;
            p.nextCpuChangeOffset = p.fileOffset;
            p.windowEnd = -1;
            if (earlyEofMode) {
                if (p.fileOffset > bytes.size()) {
                    activateEarlyEof();
                } else if (earlyEof && p.fileOffset > lastEpochOffset) {
                    pastEpoch = true;
                    deactivate(p);
                    pastEpoch = false;
                }
            }
        } else {
            p.fileOffset += TraceFormat.CPU_CHANGE_BYTES;
            p.nextCpuChangeOffset = p.fileOffset + window;
            p.windowEnd = Math.min(p.nextCpuChangeOffset, limit);
            if (earlyEofMode && p.nextCpuChangeOffset > bytes.size()) {
                activateEarlyEof();
            } else if (p.pid == maxActivePcpu) {
                scanForNewPcpu(p.nextCpuChangeOffset);
            }
        }
    }

    private void stopLikeXenalyze(int pcpu, long at) {
        order.clear();
        for (PcpuCursor q : cursors) {
            q.inOrder = false;
            q.active = false;
        }
        notify(Kind.XENALYZE_STOPS, pcpu, at, 0);
    }

    private void activateEarlyEof() {
        earlyEof = true;
        notify(Kind.EARLY_EOF, -1, lastEpochOffset, 0);
        for (int i = 0; i <= maxActivePcpu && i < cursors.size(); i++) {
            PcpuCursor q = cursors.get(i);
            if (q.active && q.fileOffset > lastEpochOffset) {
                q.active = false;
                notify(Kind.PCPU_MARKED_INACTIVE, i, q.fileOffset, q.lastTsc);
            }
        }
    }

    private void scanForNewPcpu(long at) {
        if (at + TraceFormat.CPU_CHANGE_BYTES > limit) {
            return;
        }
        int c = bytes.word(at + 4);
        PcpuCursor p = pcpu(c);
        if (c > maxActivePcpu || !p.active) {
            activate(p, at);
        }
    }

    /** Reads the record at the cursor's offset into the cursor, or deactivates the cursor at the end. */
    private void readRecord(PcpuCursor p) {
        long at = p.fileOffset;
        if (earlyEofMode && at < bytes.size() && bytes.size() - at < TraceFormat.HEADER_BYTES) {
            stopLikeXenalyze(p.pid, at); // __read_record: short read of a header is fatal there
            return;
        }
        if (at >= limit) {
            deactivate(p);
            return;
        }
        boolean windowStart = p.windowEnd < 0 || at == p.nextCpuChangeOffset;
        long end = windowStart ? limit : p.windowEnd;
        if (end - at < TraceFormat.HEADER_BYTES) {
            if (end == limit && truncated) {
                deactivate(p);
                return;
            }
            problem(at, "record header cut short by the end of the window of pCPU " + p.pid);
            deactivate(p);
            return;
        }
        int h = bytes.word(at);
        if (windowStart && h != TraceFormat.CPU_CHANGE_HEADER) {
            problem(at, String.format("pCPU %d expected a CPU-change record but found header 0x%08x", p.pid, h));
            deactivate(p);
            return;
        }
        int size = TraceFormat.recordBytes(h);
        if (end - at < size) {
            if (end == limit && truncated) {
                deactivate(p); // the cut window was already reported by the window chain
                return;
            }
            problem(at, String.format("record (event 0x%08x) of %d bytes runs past the end of the window of pCPU %d"
                    + " at offset %d", TraceFormat.eventOf(h), size, p.pid, end));
            deactivate(p);
            return;
        }
        if (windowStart) {
            p.windowEnd = -1;
        }
        p.header = h;
        long pos = at + TraceFormat.HEADER_BYTES;
        if (TraceFormat.hasTsc(h)) {
            long t = bytes.longWord(pos);
            pos += TraceFormat.TSC_BYTES;
            p.tsc = t;
            int n = TraceFormat.extraWordsOf(h);
            for (int i = 0; i < n; i++) {
                p.extra[i] = bytes.word(pos + 4L * i);
            }
            if (TraceFormat.eventOf(h) == TraceEvents.TRC_LOST_RECORDS && n == 4) {
                p.orderTsc = (p.extra[2] & 0xffffffffL) | ((long) p.extra[3] << 32);
            } else {
                p.orderTsc = t;
            }
            p.lastTsc = t;
        } else {
            p.tsc = p.lastTsc;
            int n = TraceFormat.extraWordsOf(h);
            for (int i = 0; i < n; i++) {
                p.extra[i] = bytes.word(pos + 4L * i);
            }
        }
    }

    private void deactivate(PcpuCursor p) {
        p.active = false;
        p.inOrder = false;
        order.remove(p);
        notify(Kind.PCPU_DEACTIVATED, p.pid, pastEpoch ? lastEpochOffset : p.fileOffset, p.lastTsc);
        if (p.pid == maxActivePcpu) {
            int max = -1;
            for (int i = 0; i <= maxActivePcpu && i < cursors.size(); i++) {
                if (cursors.get(i).active) {
                    max = i;
                }
            }
            maxActivePcpu = max;
        }
    }

    private void insert(PcpuCursor p) {
        int i = 0;
        while (i < order.size() && Long.compareUnsigned(order.get(i).orderTsc, p.orderTsc) < 0) {
            i++;
        }
        order.add(i, p);
    }

    private void bubble(PcpuCursor p) {
        sink(order.indexOf(p), p);
    }

    /** Moves the cursor at index {@code i} of the order past the cursors with an earlier order TSC. */
    private void sink(int i, PcpuCursor p) {
        while (i + 1 < order.size() && Long.compareUnsigned(order.get(i + 1).orderTsc, p.orderTsc) < 0) {
            order.set(i, order.get(i + 1));
            i++;
        }
        order.set(i, p);
    }

    private void notify(Kind k, int pcpu, long at, long time) {
        pending.add(new Notification(k, pcpu, at, time, activateFromCpuChange, pastEpoch));
    }

    private void problem(long at, String reason) {
        for (TraceFormatException e : problems) {
            if (e.offset() == at) {
                return;
            }
        }
        problems.add(new TraceFormatException(name, at, reason));
    }

    private record Notification(Kind kind, int pcpu, long offset, long tsc, boolean byCpuChange, boolean pastEpoch) {
    }

    /** Per-pCPU cursor state, the counterpart of xenalyze's {@code struct pcpu_info} reading fields. */
    private static final class PcpuCursor {
        final int pid;
        boolean active;
        boolean inOrder;
        int lastCpuChangePid;
        long fileOffset;
        long nextCpuChangeOffset;
        long windowEnd = -1;
        long orderTsc;
        long lastTsc;
        int header;
        long tsc;
        boolean lostEnd;
        final int[] extra = new int[TraceFormat.MAX_EXTRA_WORDS];

        PcpuCursor(int pid) {
            this.pid = pid;
        }
    }
}
