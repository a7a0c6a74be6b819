package org.xenwb.trace.core.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.CancellationException;

import org.xenwb.trace.core.format.TraceFormat;
import org.xenwb.trace.core.format.TraceFormatException;
import org.xenwb.trace.core.read.TraceBytes;
import org.xenwb.trace.core.read.TraceReader;
import org.xenwb.trace.core.read.TraceWindows;
import org.xenwb.trace.core.state.StateModel;
import org.xenwb.trace.core.state.StateModelBuilder;

/**
 * One pass over a trace that yields what an index holds: the {@link StateModel} and the {@link WindowTable}.
 * Not thread-safe; one build per instance.
 */
final class IndexBuilder {

    /** Records between two progress reports and cancellation checks. */
    private static final int REPORT_EVERY = 1 << 16;

    /** The result of a build. */
    record Result(StateModel model, ByteBuffer windows, int windowCount, java.util.List<TraceFormatException> problems) {
    }

    private static final int CHANGE = TraceFormat.CPU_CHANGE_BYTES;

    private IndexBuilder() {
    }

    /**
     * Builds.
     *
     * @param bytes the mapped trace
     * @param progress progress and cancellation
     * @return the model and window table
     * @throws CancellationException when {@code progress} asked to stop
     * @throws IOException never in practice (the bytes are mapped), declared for the reader's close
     */
    static Result build(TraceBytes bytes, IndexProgress progress) throws IOException {
        checkCancel(progress);
        TraceWindows windows = TraceWindows.scan(bytes);
        int n = windows.count();
        ByteBuffer table = ByteBuffer.allocate(n * WindowTable.ENTRY_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        // per pCPU: the window being filled, and its end offset
        int maxCpu = -1;
        for (int i = 0; i < n; i++) {
            maxCpu = Math.max(maxCpu, windows.cpu(i));
        }
        int[][] byCpu = windowsByCpu(windows, maxCpu);
        int[] pos = new int[maxCpu + 1];
        int[] cur = new int[maxCpu + 1];
        long[] curEnd = new long[maxCpu + 1];
        long[] lastTsc = new long[maxCpu + 1];
        java.util.Arrays.fill(cur, -1);
        for (int i = 0; i < n; i++) {
            table.putLong(i * WindowTable.ENTRY_BYTES, windows.offset(i));
            table.putInt(i * WindowTable.ENTRY_BYTES + 32, windows.cpu(i));
        }
        StateModelBuilder model = new StateModelBuilder();
        long total = bytes.size();
        progress.worked(0, total);
        try (TraceReader r = TraceReader.over(bytes)) {
            long seen = 0;
            while (r.next()) {
                model.accept(r);
                if (r.kind() != TraceReader.Kind.RECORD || r.isLostRecordsEnd()) {
                    continue;
                }
                int c = r.cpu();
                long off = r.offset();
                if (cur[c] < 0 || off >= curEnd[c]) {
                    int[] list = byCpu[c];
                    while (pos[c] < list.length && windows.offset(list[pos[c]]) + CHANGE + windows.size(list[pos[c]])
                            <= off) {
                        pos[c]++;
                    }
                    int w = list[pos[c]++];
                    cur[c] = w;
                    curEnd[c] = windows.offset(w) + CHANGE + windows.size(w);
                    int e = w * WindowTable.ENTRY_BYTES;
                    table.putLong(e + 24, lastTsc[c]);
                    table.putLong(e + 8, r.tsc());
                }
                int e = cur[c] * WindowTable.ENTRY_BYTES;
                table.putInt(e + 36, table.getInt(e + 36) + 1);
                table.putLong(e + 16, r.tsc());
                lastTsc[c] = r.tsc();
                if (++seen % REPORT_EVERY == 0) {
                    checkCancel(progress);
                    progress.worked(off, total);
                }
            }
            checkCancel(progress);
            fillEmptyWindows(table, byCpu);
            progress.worked(total, total);
            return new Result(model.build(), table, n, r.problems());
        }
    }

    private static void checkCancel(IndexProgress progress) {
        if (progress.isCancelled()) {
            throw new CancellationException("index build cancelled");
        }
    }

    /** Windows without records get their pCPU's TSC so far, keeping each pCPU's windows in time order. */
    private static void fillEmptyWindows(ByteBuffer table, int[][] byCpu) {
        for (int[] list : byCpu) {
            long running = 0;
            for (int w : list) {
                int e = w * WindowTable.ENTRY_BYTES;
                if (table.getInt(e + 36) > 0) {
                    running = table.getLong(e + 16);
                } else {
                    table.putLong(e + 8, running);
                    table.putLong(e + 16, running);
                    table.putLong(e + 24, running);
                }
            }
        }
    }

    private static int[][] windowsByCpu(TraceWindows windows, int maxCpu) {
        int[] count = new int[maxCpu + 1];
        for (int i = 0; i < windows.count(); i++) {
            count[windows.cpu(i)]++;
        }
        int[][] out = new int[maxCpu + 1][];
        for (int c = 0; c <= maxCpu; c++) {
            out[c] = new int[count[c]];
            count[c] = 0;
        }
        for (int i = 0; i < windows.count(); i++) {
            int c = windows.cpu(i);
            out[c][count[c]++] = i;
        }
        return out;
    }
}
