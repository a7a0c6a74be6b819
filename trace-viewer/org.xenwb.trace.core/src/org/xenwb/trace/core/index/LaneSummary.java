package org.xenwb.trace.core.index;

import org.xenwb.trace.core.state.LaneId;
import org.xenwb.trace.core.state.Runstate;

/**
 * A lane at a given resolution: for each pixel, the time spent in each state and the dominant state (the one with
 * the most time; the lowest state number on a tie; -1 when the lane has no data in that pixel).
 *
 * @param id the lane
 * @param dominant per pixel, a {@link Runstate} or -1
 * @param mix per pixel {@code p}, cycles in state {@code s} at {@code p * Runstate.COUNT + s}
 */
public record LaneSummary(LaneId id, int[] dominant, long[] mix) {

    /**
     * @param pixel a pixel
     * @param state a {@link Runstate}
     * @return cycles spent in that state within the pixel
     */
    public long time(int pixel, int state) {
        return mix[pixel * Runstate.COUNT + state];
    }

    /**
     * A one-character picture of the lane: R running, r runnable, b blocked, o offline, ? lost, . idle, space for
     * no data.
     *
     * @return one character per pixel
     */
    public String picture() {
        StringBuilder sb = new StringBuilder(dominant.length);
        for (int d : dominant) {
            sb.append(d < 0 ? ' ' : "Rrbo?.".charAt(d));
        }
        return sb.toString();
    }
}
