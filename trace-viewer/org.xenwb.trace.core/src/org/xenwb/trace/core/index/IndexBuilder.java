package org.xenwb.trace.core.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.CancellationException;

import org.xenwb.trace.core.format.TraceFormatException;
import org.xenwb.trace.core.read.TraceBytes;
import org.xenwb.trace.core.read.TraceWindows;
import org.xenwb.trace.core.state.StateModel;
import org.xenwb.trace.core.state.StateModelBuilder;

/**
 * One pass over a trace ({@link FastScan}) that yields what an index holds: the {@link StateModel} and the
 * {@link WindowTable}.
 * Not thread-safe; one build per instance.
 */
final class IndexBuilder {

    /** The result of a build. */
    record Result(StateModel model, ByteBuffer windows, int windowCount,
            java.util.List<TraceFormatException> problems) {
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
        return new Result(model.build(), table, n, scan.problems());
    }

    private static void checkCancel(IndexProgress progress) {
        if (progress.isCancelled()) {
            throw new CancellationException("index build cancelled");
        }
    }
}
