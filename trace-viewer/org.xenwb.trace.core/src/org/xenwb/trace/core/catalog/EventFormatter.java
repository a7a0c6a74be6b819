package org.xenwb.trace.core.catalog;

import org.xenwb.trace.core.format.TraceEvents;

/**
 * Turns an event id and its extra words into the text of a canonical dump: the event name followed by
 * {@code field=value} pairs, and the words no field covers as {@code w<i>=0x...}. Unknown events are shown as
 * {@code unknown:0x<id>} with all their words: never dropped.
 *
 * <p>Immutable given its layout; thread-safe.</p>
 */
public final class EventFormatter {

    private static final String[] RUNSTATES = {"running", "runnable", "blocked", "offline"};

    private final EventLayout layout;

    /**
     * A formatter for one Xen version.
     *
     * @param layout the event layout
     */
    public EventFormatter(EventLayout layout) {
        this.layout = layout;
    }

    /** @return the layout used */
    public EventLayout layout() {
        return layout;
    }

    /**
     * Appends name and fields of one record.
     *
     * @param event the event id (28 bits, flags included)
     * @param extra the extra words (at least {@code count} long)
     * @param count number of extra words
     * @param out destination
     */
    public void append(int event, int[] extra, int count, StringBuilder out) {
        EventType type = layout.find(event);
        int covered = 0;
        if (type == null) {
            out.append("unknown:0x").append(String.format("%08x", event));
        } else {
            out.append(type.name());
            if ((event & 0x0ffff00f) == TraceEvents.TRC_SCHED_RUNSTATE_CHANGE) {
                out.append(" old=").append(RUNSTATES[(event >>> 8) & 3]);
                out.append(" new=").append(RUNSTATES[(event >>> 4) & 3]);
            }
            for (Field f : type.fields()) {
                int length = out.length();
                out.append(' ');
                if (f.append(extra, count, out)) {
                    covered = Math.max(covered, f.word() + f.words());
                } else {
                    out.setLength(length);
                }
            }
        }
        for (int i = covered; i < count; i++) {
            out.append(" w").append(i).append("=0x").append(Integer.toHexString(extra[i]));
        }
    }
}
