package org.xenwb.trace.core.index;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.xenwb.trace.core.format.TraceEvents;
import org.xenwb.trace.core.format.TraceFormat;
import org.xenwb.trace.core.format.TraceFormatException;
import org.xenwb.trace.core.read.TraceBytes;
import org.xenwb.trace.core.read.TraceWindows;
import org.xenwb.trace.core.state.StateModelBuilder;

/**
 * The index build's single pass, faster than a full {@link org.xenwb.trace.core.read.TraceReader} merge: each pCPU
 * walks its own windows in a tight loop that only reads record headers and TSCs (filling the window table), and
 * stops only at the records that can change the state model (runstate, continue-running, lost records); those few
 * are merged across pCPUs by order TSC with the reader's tie rule (the cursor consumed last goes first among equal
 * TSCs) and fed to a {@link StateModelBuilder}. The tests check that the model equals the one built from a full
 * reader pass on every real capture.
 *
 * <p>Like the reader, a pCPU whose record runs past the end of its window stops there, and the problem is listed
 * with its byte offset. Not thread-safe; one scan per instance.</p>
 */
final class FastScan {

    private static final int CHANGE = TraceFormat.CPU_CHANGE_BYTES;
    private static final int REPORT_BYTES = 1 << 24;

    private final TraceBytes bytes;
    private final TraceWindows windows;
    private final ByteBuffer table;
    private final StateModelBuilder model = new StateModelBuilder();
    private final List<TraceFormatException> problems = new ArrayList<>();
    private final IndexProgress progress;
    private long doneBytes;
    private long nextReport = REPORT_BYTES;

    FastScan(TraceBytes bytes, TraceWindows windows, ByteBuffer table, IndexProgress progress) {
        this.bytes = bytes;
        this.windows = windows;
        this.table = table;
        this.progress = progress;
        if (windows.problem() != null) {
            problems.add(windows.problem());
        }
    }

    List<TraceFormatException> problems() {
        return problems;
    }

    StateModelBuilder run(int[][] byCpu) {
        List<Cursor> order = new ArrayList<>();
        long first = Long.MAX_VALUE;
        long last = 0;
        List<Cursor> all = new ArrayList<>();
        for (int c = 0; c < byCpu.length; c++) {
            if (byCpu[c].length > 0) {
                all.add(new Cursor(c, byCpu[c]));
            }
        }
        // activation in the order of each pCPU's first window, each inserted before cursors of equal order TSC
        all.sort((a, b) -> Long.compare(windows.offset(a.list[0]), windows.offset(b.list[0])));
        for (Cursor k : all) {
            k.advance();
            insert(order, k);
        }
        while (!order.isEmpty()) {
            Cursor k = order.get(0);
            if (!k.started) {
                k.started = true;
                model.pcpuStarted(k.cpu, k.firstTsc);
            }
            switch (k.kind) {
                case Cursor.RECORD -> model.record(k.cpu, k.event, true, k.tsc, false, k.extra);
                case Cursor.LOST -> {
                    model.record(k.cpu, k.event, true, k.tsc, false, k.extra);
                    k.kind = Cursor.LOST_END;
                    if (Long.compareUnsigned(k.tsc, k.orderTsc) > 0) {
                        k.orderTsc = k.tsc;
                    }
                    bubble(order, k);
                    continue;
                }
                case Cursor.LOST_END -> model.record(k.cpu, TraceEvents.TRC_LOST_RECORDS, true, k.tsc, true, k.extra);
                default -> {
                    model.pcpuEnded(k.cpu, k.lastTscWithTsc);
                    if (k.firstTsc != 0 && Long.compareUnsigned(k.firstTsc, first) < 0) {
                        first = k.firstTsc;
                    }
                    if (Long.compareUnsigned(k.lastTscWithTsc, last) > 0) {
                        last = k.lastTscWithTsc;
                    }
                    order.remove(0);
                    continue;
                }
            }
            k.advance();
            bubble(order, k);
        }
        progress.worked(bytes.size(), bytes.size());
        model.span(first == Long.MAX_VALUE ? 0 : first, last);
        return model;
    }

    private static void insert(List<Cursor> order, Cursor k) {
        int i = 0;
        while (i < order.size() && Long.compareUnsigned(order.get(i).orderTsc, k.orderTsc) < 0) {
            i++;
        }
        order.add(i, k);
    }

    private static void bubble(List<Cursor> order, Cursor k) {
        int i = order.indexOf(k);
        while (i + 1 < order.size() && Long.compareUnsigned(order.get(i + 1).orderTsc, k.orderTsc) < 0) {
            order.set(i, order.get(i + 1));
            i++;
        }
        order.set(i, k);
    }

    private void worked(long n) {
        doneBytes += n;
        if (doneBytes >= nextReport) {
            nextReport = doneBytes + REPORT_BYTES;
            if (progress.isCancelled()) {
                throw new CancellationException("index build cancelled");
            }
            progress.worked(Math.min(doneBytes, bytes.size()), bytes.size());
        }
    }

    /** One pCPU's walk through its windows; stops at state records and at the end. */
    private final class Cursor {
        static final int RECORD = 0;
        static final int LOST = 1;
        static final int LOST_END = 2;
        static final int END = 3;

        final int cpu;
        final int[] list;
        final int[] extra = new int[TraceFormat.MAX_EXTRA_WORDS];
        int kind = -1;
        int event;
        long tsc;
        long orderTsc;
        long firstTsc;
        long lastTscWithTsc;
        boolean started;
        /** position in list of the current window; -1 before the first */
        int w = -1;
        long at;
        long end;
        int entry;
        int count;

        Cursor(int cpu, int[] list) {
            this.cpu = cpu;
            this.list = list;
        }

        /** Moves to the next state record or to the end, filling the window table on the way. */
        void advance() {
            long t = lastTscWithTsc;
            while (true) {
                if (w < 0 || at >= end) {
                    if (!nextWindow(t)) {
                        kind = END;
                        orderTsc = t;
                        return;
                    }
                    continue;
                }
                if (end - at < TraceFormat.HEADER_BYTES) {
                    stop(at, "record header cut short by the end of the window of pCPU " + cpu);
                    continue;
                }
                int h = bytes.word(at);
                int size = TraceFormat.recordBytes(h);
                if (end - at < size) {
                    stop(at, String.format("record (event 0x%08x) of %d bytes runs past the end of the window of"
                            + " pCPU %d at offset %d", TraceFormat.eventOf(h), size, cpu, end));
                    continue;
                }
                long rec = at;
                at += size;
                boolean has = TraceFormat.hasTsc(h);
                if (has) {
                    t = (bytes.word(rec + 4) & 0xffffffffL) | ((long) bytes.word(rec + 8) << 32);
                    if (firstTsc == 0) {
                        firstTsc = t;
                    }
                    lastTscWithTsc = t;
                    orderTsc = t;
                }
                if (count == 0) {
                    table.putLong(entry + 8, t);
                }
                count++;
                table.putLong(entry + 16, t);
                int e = TraceFormat.eventOf(h);
                if (StateModelBuilder.isStateEvent(e) && has) {
                    int n = TraceFormat.extraWordsOf(h);
                    long pos = rec + TraceFormat.HEADER_BYTES + TraceFormat.TSC_BYTES;
                    for (int i = 0; i < n; i++) {
                        extra[i] = bytes.word(pos + 4L * i);
                    }
                    if (e == TraceEvents.TRC_LOST_RECORDS) {
                        if (n != 4) {
                            continue; // the reader's model ignores it too (needs 4 words)
                        }
                        kind = LOST;
                        orderTsc = (extra[2] & 0xffffffffL) | ((long) extra[3] << 32);
                    } else if (n == 0) {
                        continue;
                    } else {
                        kind = RECORD;
                    }
                    event = e;
                    tsc = t;
                    return;
                }
            }
        }

        private boolean nextWindow(long t) {
            if (w >= 0) {
                table.putInt(entry + 36, count);
                worked(end - windows.offset(list[w]));
            }
            w++;
            if (w >= list.length) {
                return false;
            }
            int win = list[w];
            entry = win * WindowTable.ENTRY_BYTES;
            at = windows.offset(win) + CHANGE;
            end = at + windows.size(win);
            count = 0;
            table.putLong(entry + 24, t);
            table.putLong(entry + 8, t);
            table.putLong(entry + 16, t);
            return true;
        }

        private void stop(long offset, String reason) {
            problems.add(new TraceFormatException(bytes.path().toString(), offset, reason));
            table.putInt(entry + 36, count);
            long t = lastTscWithTsc;
            while (++w < list.length) {
                int e = list[w] * WindowTable.ENTRY_BYTES;
                table.putLong(e + 8, t);
                table.putLong(e + 16, t);
                table.putLong(e + 24, t);
            }
            w = list.length - 1;
            at = end;
        }
    }
}
