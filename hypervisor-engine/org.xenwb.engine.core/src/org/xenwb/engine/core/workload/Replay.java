package org.xenwb.engine.core.workload;

/**
 * Replays a recorded run/block pattern (see {@code org.xenwb.engine.core.trace.RunstateHistory}): bursts of CPU
 * time separated by blocked periods, in the recorded order. When the pattern is exhausted the vCPU blocks for good.
 */
public final class Replay implements Workload {

    private final long startsBlockedNs;
    private final long[] pattern;
    private final String spec;
    private int next;

    /**
     * @param startsBlockedNs how long the vCPU is blocked at the start, or -1 to start with a burst
     * @param pattern alternating burst and block lengths, ns, starting with a burst
     * @param spec a description for reports
     */
    public Replay(long startsBlockedNs, long[] pattern, String spec) {
        this.startsBlockedNs = startsBlockedNs;
        this.pattern = pattern.clone();
        this.spec = spec;
    }

    @Override
    public long start(long now) {
        if (startsBlockedNs >= 0) {
            return -startsBlockedNs - 1;
        }
        return nextBurst(now);
    }

    @Override
    public long burstDone(long now) {
        if (next + 1 >= pattern.length) {
            next = pattern.length;
            return -1; // no burst follows: the trace ended while it was blocked
        }
        return Math.max(1, pattern[next++]);
    }

    @Override
    public long nextBurst(long now) {
        if (next >= pattern.length) {
            return Long.MAX_VALUE; // woken after the end of the pattern: cannot happen, blocked forever
        }
        return Math.max(1, pattern[next++]);
    }

    @Override
    public String describe() {
        return spec;
    }
}
