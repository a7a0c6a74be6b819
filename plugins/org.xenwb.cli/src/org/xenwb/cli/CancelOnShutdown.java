package org.xenwb.cli;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C for a long piece of work: while {@link #run} runs it, a shutdown of the JVM (Ctrl-C) sets
 * {@link #requested()} and holds the shutdown (at most 10 s) until the work has returned, so the work can stop where
 * it is and leave its files in order (a valid trace, no half-written index).
 */
public final class CancelOnShutdown {

    /** Work that may throw an I/O error. */
    @FunctionalInterface
    public interface Work<T> {
        /**
         * @return the result
         * @throws IOException on an I/O error
         */
        T call() throws IOException;
    }

    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean requested;

    /** @return whether a shutdown asked the work to stop */
    public boolean requested() {
        return requested;
    }

    /**
     * Runs the work with the shutdown hook in place; call once.
     *
     * @param name the hook thread's name
     * @param work the work, which polls {@link #requested()}
     * @return its result
     * @throws IOException from the work
     */
    public <T> T run(String name, Work<T> work) throws IOException {
        Thread hook = new Thread(this::stopAndWait, name);
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return work.call();
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down (Ctrl-C): the hook is waiting for us
            }
        }
    }

    private void stopAndWait() {
        requested = true;
        try {
            finished.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
