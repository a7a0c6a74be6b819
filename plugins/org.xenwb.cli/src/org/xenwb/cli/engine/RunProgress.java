package org.xenwb.cli.engine;

import java.io.PrintWriter;
import java.util.Locale;

import org.xenwb.cli.CancelOnShutdown;
import org.xenwb.engine.core.ProgressMonitor;

/**
 * Progress of {@code xenwb engine run} on standard error, and its Ctrl-C: a run that takes more than a second of
 * wall time reports every tenth of its simulated time; a shutdown of the JVM (Ctrl-C, {@link CancelOnShutdown})
 * cancels the run, which then stops where it is, closes its trace (valid up to that point) and prints its report
 * before the JVM exits.
 */
final class RunProgress implements ProgressMonitor {

    /** Wall time before the first progress line, ns: short runs stay quiet. */
    private static final long QUIET_NANOS = 1_000_000_000L;

    private final PrintWriter err;
    private final boolean quiet;
    private final long totalNs;
    private final CancelOnShutdown shutdown;
    private final long startNanos = System.nanoTime();
    private int lastTenth;

    /**
     * @param err where progress goes
     * @param quiet no progress lines (cancellation still works)
     * @param totalNs the simulated time the run is asked for
     * @param shutdown the Ctrl-C that cancels the run
     */
    RunProgress(PrintWriter err, boolean quiet, long totalNs, CancelOnShutdown shutdown) {
        this.err = err;
        this.quiet = quiet;
        this.totalNs = Math.max(1, totalNs);
        this.shutdown = shutdown;
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
        return shutdown.requested();
    }
}
