package org.xenwb.trace.core.index;

/**
 * Progress and cancellation of an index build, the core's own small interface (UIs adapt their monitors to it).
 * Called from the building thread only; implementations that are cancelled from another thread must make
 * {@link #isCancelled()} read a volatile or atomic flag.
 */
public interface IndexProgress {

    /** Reports nothing and never cancels. */
    IndexProgress NONE = new IndexProgress() {
        @Override
        public void worked(long done, long total) {
            // nothing to report
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    /**
     * Reports progress, a few hundred times per build at most.
     *
     * @param done bytes of the trace read so far
     * @param total bytes of the trace
     */
    void worked(long done, long total);

    /** @return true to stop the build: it then throws {@link java.util.concurrent.CancellationException} */
    boolean isCancelled();
}
