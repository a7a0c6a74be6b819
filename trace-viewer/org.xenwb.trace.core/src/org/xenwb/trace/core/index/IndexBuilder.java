package org.xenwb.trace.core.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.CancellationException;

import org.xenwb.trace.core.format.TraceFormatException;
import org.xenwb.trace.core.read.TraceBytes;
import org.xenwb.trace.core.read.TraceReader;
import org.xenwb.trace.core.read.TraceWindows;
import org.xenwb.trace.core.state.StateModel;
import org.xenwb.trace.core.state.StateModelBuilder;

/**
 * One pass over a trace ({@link FastScan}) that yields what an index holds: the {@link StateModel} and the
 * {@link WindowTable}. When the fast merge cannot be sure to order the state records as the reader does (see
 * {@link FastScan}), the model is rebuilt from a full {@link TraceReader} merge (slower, same result).
 * Not thread-safe; one build per instance.
 */
final class IndexBuilder {

    /** The result of a build. */
    record Result(StateModel model, ByteBuffer windows, int windowCount,
            java.util.List<TraceFormatException> problems, String slowPathReason) {
    }

    private IndexBuilder() {
    }

    /**
     * Builds.
     *
     * @param bytes the mapped trace
     * @param progress progress and cancellation
     * @return the model and window table
     * @throws CancellationException when {@code progress} asked to stop
     * @throws IOException never in practice (the bytes are mapped)
     */
    static Result build(TraceBytes bytes, IndexProgress progress) throws IOException {
        return build(bytes, progress, true);
    }

    /**
     * Builds, optionally without the slow path (for tests that check when the fast merge is exact).
     *
     * @param bytes the mapped trace
     * @param progress progress and cancellation
     * @param slowPath whether to rebuild the model with the reader when the fast merge may differ from it
     * @return the model and window table; {@link Result#slowPathReason()} says why the fast merge was not trusted
     * @throws IOException never in practice (the bytes are mapped)
     */
    static Result build(TraceBytes bytes, IndexProgress progress, boolean slowPath) throws IOException {
        checkCancel(progress);
        TraceWindows windows = TraceWindows.scan(bytes);
        int n = windows.count();
        ByteBuffer table = ByteBuffer.allocate(n * WindowTable.ENTRY_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        int[][] byCpu = WindowTable.groupByCpu(n, windows::cpu);
        for (int i = 0; i < n; i++) {
            table.putLong(i * WindowTable.ENTRY_BYTES, windows.offset(i));
            table.putInt(i * WindowTable.ENTRY_BYTES + 32, windows.cpu(i));
        }
        progress.worked(0, bytes.size());
        FastScan scan = new FastScan(bytes, windows, table, progress);
        StateModelBuilder model = scan.run(byCpu);
        checkCancel(progress);
        if (!scan.exact() && slowPath) {
            return new Result(readerModel(bytes, progress, scan.damagedFrom(), scan.lastGoodTsc()), table, n,
                    scan.problems(), scan.inexactReason());
        }
        return new Result(model.build(), table, n, scan.problems(), scan.inexactReason());
    }

    /**
     * The slow path: the model from a full reader merge, when the fast merge could order records differently. It
     * leaves out what the fast scan left out: each pCPU's records from its first damaged record on; such a pCPU ends
     * at its last TSC before that record, when the merge passes that TSC (as in the fast merge).
     *
     * @param damagedFrom per pCPU, the offset of its first damaged record, or {@link Long#MAX_VALUE}
     * @param lastGoodTsc per pCPU with damage, its last TSC before it
     */
    private static StateModel readerModel(TraceBytes bytes, IndexProgress progress, long[] damagedFrom,
            long[] lastGoodTsc) {
        StateModelBuilder b = new StateModelBuilder();
        TraceReader r = TraceReader.over(bytes);
        boolean[] ended = new boolean[damagedFrom.length];
        boolean anyDamage = java.util.Arrays.stream(damagedFrom).anyMatch(o -> o != Long.MAX_VALUE);
        long n = 0;
        while (r.next()) {
            int c = r.cpu();
            if (anyDamage) {
                if (r.kind() == TraceReader.Kind.RECORD) {
                    endDamaged(b, r.tsc(), damagedFrom, lastGoodTsc, ended);
                }
                boolean left = r.kind() == TraceReader.Kind.RECORD || r.kind() == TraceReader.Kind.PCPU_DEACTIVATED;
                if (left && c >= 0 && c < damagedFrom.length && r.offset() >= damagedFrom[c]) {
                    continue; // a record of the damage or after it, or the end of the stream there
                }
            }
            b.accept(r);
            if ((++n & 0xfffff) == 0) {
                checkCancel(progress);
            }
        }
        endDamaged(b, -1L, damagedFrom, lastGoodTsc, ended);
        return b.build();
    }

    /** Ends the damaged pCPUs whose last good TSC is before {@code tsc} (unsigned), once each. */
    private static void endDamaged(StateModelBuilder b, long tsc, long[] damagedFrom, long[] lastGoodTsc,
            boolean[] ended) {
        for (int c = 0; c < damagedFrom.length; c++) {
            if (damagedFrom[c] != Long.MAX_VALUE && !ended[c] && Long.compareUnsigned(lastGoodTsc[c], tsc) < 0) {
                ended[c] = true;
                b.pcpuEnded(c, lastGoodTsc[c]);
            }
        }
    }

    private static void checkCancel(IndexProgress progress) {
        if (progress.isCancelled()) {
            throw new CancellationException("index build cancelled");
        }
    }
}
