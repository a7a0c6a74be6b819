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
 * <p><b>When the fast merge is exact.</b> The reader's merge keeps its cursors sorted by order TSC, and among equal
 * order TSCs puts first the cursor it consumed most recently; that order depends on the records this scan skips. The
 * fast merge therefore equals the reader's only when the order of the state records it merges is decided by strictly
 * different order TSCs. {@link #exact()} is false, and the caller must rebuild the model with the reader, when any of
 * these happened: two pCPUs' pending state records (or stream ends) had the same order TSC (except lost-records
 * records that commute, see {@code checkTie}); a pCPU's order TSC went
 * backwards (a TSC wrap or reset, or a lost-records record whose first lost TSC is before an earlier record); a pCPU
 * whose first window is not in the file's first round of windows (the reader activates it late) starts at or before
 * a TSC already written before its first window. {@code FastScanEquivalenceTest} generates these cases.</p>
 *
 * <p>Like the reader, a pCPU whose record runs past the end of its window stops there, and the problem is listed
 * with its byte offset. Unlike the reader, a pCPU also stops at a record whose TSC is not a plausible step from its
 * previous one ({@link WindowDamage}), so that misaligned records after overwritten bytes cannot put garbage TSCs
 * into the model; it then ends at its last good TSC (see {@link #damagedFrom()}). Not thread-safe; one scan per
 * instance.</p>
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
    private String inexact;
    private Cursor[] cursors;
    private long[] damagedFrom = new long[0];
    private long[] lastGoodTsc = new long[0];

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

    /** @return true when the merged model equals a full reader merge's (valid after {@link #run(int[][])}) */
    boolean exact() {
        return inexact == null;
    }

    /** @return why the model may differ from a full reader merge's, or null when {@link #exact()} */
    String inexactReason() {
        return inexact;
    }

    /**
     * @return per pCPU, the byte offset of its first damaged record (which, with all later records of that pCPU,
     *     the model leaves out), or {@link Long#MAX_VALUE} when none; valid after {@link #run(int[][])}
     */
    long[] damagedFrom() {
        return damagedFrom.clone();
    }

    /** @return per pCPU with damage, the TSC of its last record before the damage (where it stops) */
    long[] lastGoodTsc() {
        return lastGoodTsc.clone();
    }

    private void inexact(String why) {
        if (inexact == null) {
            inexact = why;
        }
    }

    StateModelBuilder run(int[][] byCpu) {
        List<Cursor> order = new ArrayList<>();
        long first = Long.MAX_VALUE;
        long last = 0;
        List<Cursor> all = new ArrayList<>();
        cursors = new Cursor[byCpu.length];
        damagedFrom = new long[byCpu.length];
        java.util.Arrays.fill(damagedFrom, Long.MAX_VALUE);
        lastGoodTsc = new long[byCpu.length];
        for (int c = 0; c < byCpu.length; c++) {
            if (byCpu[c].length > 0) {
                cursors[c] = new Cursor(c, byCpu[c]);
                all.add(cursors[c]);
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
        checkLateActivation(byCpu);
        progress.worked(bytes.size(), bytes.size());
        model.span(first == Long.MAX_VALUE ? 0 : first, last);
        return model;
    }

    private void insert(List<Cursor> order, Cursor k) {
        int i = 0;
        while (i < order.size() && Long.compareUnsigned(order.get(i).orderTsc, k.orderTsc) < 0) {
            i++;
        }
        order.add(i, k);
        checkTie(order, i);
    }

    private void bubble(List<Cursor> order, Cursor k) {
        int i = order.indexOf(k);
        while (i + 1 < order.size() && Long.compareUnsigned(order.get(i + 1).orderTsc, k.orderTsc) < 0) {
            order.set(i, order.get(i + 1));
            i++;
        }
        order.set(i, k);
        checkTie(order, i);
    }

    /**
     * A cursor is placed before those of equal order TSC, so the others of its group follow it; the fast merge is
     * uncertain when the placed cursor's pending event does not commute with one of theirs. Lost-records starts
     * commute (each ends its own pCPU's running vCPU and marks every vCPU that is not running lost at the same TSC),
     * and so do lost-records ends that resume different vCPUs (each pCPU has no running vCPU while its records are
     * lost, so each end only starts its own vCPU on its own pCPU).
     */
    private void checkTie(List<Cursor> order, int i) {
        Cursor a = order.get(i);
        for (int j = i + 1; j < order.size() && order.get(j).orderTsc == a.orderTsc; j++) {
            Cursor b = order.get(j);
            boolean commute = a.kind == Cursor.LOST && b.kind == Cursor.LOST
                    || a.kind == Cursor.LOST_END && b.kind == Cursor.LOST_END && a.extra[1] != b.extra[1];
            if (!commute) {
                inexact("pCPUs " + a.cpu + " and " + b.cpu + " have state records (kinds " + a.kind + ", " + b.kind
                        + ") at the same TSC " + Long.toUnsignedString(a.orderTsc));
                return;
            }
        }
    }

    /**
     * Checks the two ways the reader's pCPU activation can make its merge differ from this one. (1) It activates
     * the pCPUs of the file's first round of windows at once, and any other when the first cursor walks over its
     * first window, at that cursor's last TSC before the window (at the latest the smallest of the other pCPUs'
     * last TSCs before the window), or earlier when the largest active pCPU scans the window that follows its own
     * (xenalyze's scan for new pCPUs). The merges agree when the late pCPU's first order TSC is after that point.
     * (2) That scan also re-activates a pCPU whose stream already ended, and the reader then reads its windows
     * again; this merge does not, so the two may differ when a pCPU's window follows another pCPU's window at a
     * point where the first pCPU's stream may have ended.
     */
    private void checkLateActivation(int[][] byCpu) {
        boolean[] initial = new boolean[byCpu.length];
        int max = -1;
        for (int w = 0; w < windows.count(); w++) {
            int c = windows.cpu(w);
            if (c <= max && initial[c]) {
                break;
            }
            initial[c] = true;
            max = Math.max(max, c);
        }
        int n = windows.count();
        long[] lastBefore = new long[byCpu.length];
        boolean[] seen = new boolean[byCpu.length];
        long[] activation = new long[byCpu.length];
        for (int w = 0; w < n; w++) {
            int c = windows.cpu(w);
            int q = w > 0 ? windows.cpu(w - 1) : -1;
            // the TSC at which q read the CPU-change record of its window w - 1 (when q scans window w)
            long scanAt = q >= 0 && byCpu[q][0] != w - 1 ? lastBeforeOwn(byCpu[q], w - 1) : q >= 0 ? activation[q] : 0;
            if (!seen[c] && !initial[c] && cursors[c].sawOrder) {
                long bound = -1; // the largest unsigned value
                int largestOther = -1;
                for (int p = 0; p < byCpu.length; p++) {
                    if (seen[p] && Long.compareUnsigned(lastBefore[p], bound) < 0) {
                        bound = lastBefore[p];
                    }
                    if (p != c && byCpu[p].length > 0) {
                        largestOther = p;
                    }
                }
                if (q == largestOther && Long.compareUnsigned(scanAt, bound) < 0) {
                    bound = scanAt;
                }
                activation[c] = bound;
                if (Long.compareUnsigned(cursors[c].firstOrder, bound) <= 0) {
                    inexact("pCPU " + c + " starts late in the file at TSC "
                            + Long.toUnsignedString(cursors[c].firstOrder) + ", not after the reader activates it");
                }
            } else if (seen[c] && q != c && q >= 0
                    && Long.compareUnsigned(cursors[c].lastTscWithTsc, scanAt) <= 0) {
                inexact("pCPU " + c + " may be re-activated by xenalyze's scan for new pCPUs at offset "
                        + windows.offset(w));
            }
            lastBefore[c] = table.getLong(w * WindowTable.ENTRY_BYTES + 16);
            seen[c] = true;
        }
    }

    /** @return the last TSC of a pCPU's windows before window {@code w} (one of its own, not its first) */
    private long lastBeforeOwn(int[] list, int w) {
        int i = java.util.Arrays.binarySearch(list, w);
        return table.getLong(list[i - 1] * WindowTable.ENTRY_BYTES + 16);
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
        /** whether a record with a TSC was seen; then the order TSCs of the records so far, the first and largest */
        boolean sawOrder;
        long firstOrder;
        long maxOrder;
        /** position in list of the current window; -1 before the first */
        int w = -1;
        long at;
        long end;
        /** whether the end of the file cuts the current window */
        boolean cut;
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
                    // (the flag second: the step test is almost always false, and this loop is hot)
                    if (!WindowDamage.plausibleStep(lastTscWithTsc, t) && sawOrder) {
                        t = lastTscWithTsc;
                        jump(rec);
                        continue;
                    }
                    if (firstTsc == 0) {
                        firstTsc = t;
                    }
                    lastTscWithTsc = t;
                    orderTsc = t;
                    long o = t;
                    long after = t;
                    if (TraceFormat.eventOf(h) == TraceEvents.TRC_LOST_RECORDS && TraceFormat.extraWordsOf(h) == 4) {
                        long base = rec + TraceFormat.HEADER_BYTES + TraceFormat.TSC_BYTES;
                        o = (bytes.word(base + 8) & 0xffffffffL) | ((long) bytes.word(base + 12) << 32);
                        after = Long.compareUnsigned(t, o) > 0 ? t : o;
                    }
                    if (!sawOrder) {
                        sawOrder = true;
                        firstOrder = o;
                    } else if (Long.compareUnsigned(o, maxOrder) < 0) {
                        inexact("the TSC of pCPU " + cpu + " goes back at offset " + rec);
                    }
                    maxOrder = sawOrder && Long.compareUnsigned(maxOrder, after) > 0 ? maxOrder : after;
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
            cut = (bytes.word(windows.offset(win) + 8) & 0xffffffffL) != windows.size(win);
            return true;
        }

        /** Stops at a record whose TSC is not a plausible step (kept out of {@link #advance()}, a hot loop). */
        private void jump(long rec) {
            long t = (bytes.word(rec + 4) & 0xffffffffL) | ((long) bytes.word(rec + 8) << 32);
            stop(rec, "the TSC jumps from " + Long.toUnsignedString(lastTscWithTsc) + " to "
                    + Long.toUnsignedString(t));
        }

        /**
         * Stops at a damaged record (see {@link WindowDamage}): the pCPU ends at its last TSC before it, and its
         * later records are left out; or, quietly, at a record cut by the end of the file (the window chain has
         * reported that).
         */
        private void stop(long offset, String reason) {
            if (!cut) {
                problems.add(WindowDamage.problem(bytes, offset, cpu, reason));
                damagedFrom[cpu] = offset;
                lastGoodTsc[cpu] = lastTscWithTsc;
            }
            skipRest();
        }

        /** Ends the walk in the current window: it keeps the records taken so far, later windows have none. */
        private void skipRest() {
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
