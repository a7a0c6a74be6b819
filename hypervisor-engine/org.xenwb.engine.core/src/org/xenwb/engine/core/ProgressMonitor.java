package org.xenwb.engine.core;

/** Progress and cancellation for long runs; implementations adapt to a UI or CLI. */
public interface ProgressMonitor {
    /**
     * @param task what runs
     * @param totalWork units of work
     */
    void begin(String task, int totalWork);

    /** @param units units done since the last call */
    void worked(int units);

    /** @return whether the user asked to stop */
    boolean isCanceled();
}
