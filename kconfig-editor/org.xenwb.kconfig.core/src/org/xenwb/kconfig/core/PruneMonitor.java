package org.xenwb.kconfig.core;

/**
 * Progress and cancellation of {@link Pruner#prune}. Called on the pruning thread; implementations must be cheap.
 */
public interface PruneMonitor {
    /** A monitor that reports nothing and never cancels. */
    PruneMonitor NONE = new PruneMonitor() {
        @Override
        public void improved(int enabled) {
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    };

    /**
     * A valid configuration with fewer enabled user-settable symbols was found.
     *
     * @param enabled its number of enabled user-settable symbols
     */
    void improved(int enabled);

    /** @return true to stop searching and keep the best configuration found so far (not proven minimal) */
    boolean cancelled();
}
