package org.xenwb.cli.engine;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.xenwb.engine.core.ProgressMonitor;

/**
 * Progress of {@code xenwb engine run} on standard error, and its Ctrl-C: a run that takes more than a second of
 * wall time reports every tenth of its simulated time; a shutdown of the JVM (Ctrl-C) cancels the run, which then
 * stops where it is, closes its trace (valid up to that point) and prints its report before the JVM exits.
 */
final class RunProgress implements ProgressMonitor {

    /** Wall time before the first progress line, ns: short runs stay quiet. */
    private static final long QUIET_NANOS = 1_000_000_000L;

    private final PrintWriter err;
    private final boolean quiet;
    private final long totalNs;
    private final long startNanos = System.nanoTime();
    private final CountDownLatch finished = new CountDownLatch(1);
    private int lastTenth;
    private volatile boolean canceled;

    /**
     * @param err where progress goes
     * @param quiet no progress lines (cancellation still works)
     * @param totalNs the simulated time the run is asked for
     */
    RunProgress(PrintWriter err, boolean quiet, long totalNs) {
        this.err = err;
        this.quiet = quiet;
        this.totalNs = Math.max(1, totalNs);
    }

    /** @param nowNs the engine's clock, which starts at 0 with the run */
    @Override
    public void simulatedTo(long nowNs) {
        int tenth = (int) Math.min(10, nowNs / (totalNs / 10.0));
        long wall = System.nanoTime() - startNanos;
        if (quiet || tenth == lastTenth || wall < QUIET_NANOS) {
            return;
        }
        lastTenth = tenth;
        err.printf(Locale.ROOT, "xenwb: simulated %.3f s of %.3f s (%d%%), %.1f s wall%n", nowNs / 1e9,
                totalNs / 1e9, 10 * tenth, wall / 1e9);
        err.flush();
    }

    @Override
    public boolean isCanceled() {
        return canceled;
    }

    /** The shutdown hook's work: cancel, then wait (at most 10 s) for the run to close its trace and report. */
    void interrupt() {
        canceled = true;
        try {
            finished.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The run has closed its trace and printed what it had: a pending shutdown may go on. */
    void finished() {
        finished.countDown();
    }
}
