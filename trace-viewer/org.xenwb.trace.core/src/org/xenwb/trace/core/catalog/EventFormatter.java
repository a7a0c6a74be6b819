package org.xenwb.trace.core.catalog;

/**
 * Turns an event id and its extra words into the text of a canonical dump: the event name followed by
 * {@code field=value} pairs, and the words no field covers as {@code w<i>=0x...}. Unknown events are shown as
 * {@code unknown:0x<id>} with all their words: never dropped.
 *
 * <p>Immutable given its layout; thread-safe.</p>
 */
public final class EventFormatter {

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
            if (!type.idFields().isEmpty()) {
                int[] id = {event};
                for (Field f : type.idFields()) {
                    out.append(' ');
                    f.append(id, 1, out);
                }
            }
            for (Field f : type.fields()) {
                int length = out.length();
                out.append(' ');
                int end = f.append(extra, count, out);
                if (end >= 0) {
                    covered = Math.max(covered, end);
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
