package org.xenwb.engine.core;

/** Progress and cancellation for long runs; implementations adapt to a UI or CLI. */
public interface ProgressMonitor {
    /**
     * A run starts. The default ignores it.
     *
     * @param task what runs
     * @param totalWork units of work
     */
    default void begin(String task, int totalWork) {
    }

    /**
     * Work was done. The default ignores it.
     *
     * @param units units done since the last call
     */
    default void worked(int units) {
    }

    /** @return whether the user asked to stop */
    boolean isCanceled();

    /**
     * Where the simulation's clock stands, after each step of {@link Engine#run(long, ProgressMonitor)}: lets a
     * monitor report progress over several runs (a scenario's timeline) in simulated time. The default ignores it.
     *
     * @param nowNs the engine's clock, ns
     */
    default void simulatedTo(long nowNs) {
    }
}
