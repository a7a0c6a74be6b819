package org.xenwb.trace.core.catalog;

/**
 * The names and payload layouts of the trace events of one Xen version: what a decoder needs to turn the event id
 * and extra words of a record into a name and named fields.
 *
 * <p>A new Xen version is a new implementation (usually a copy of the previous table with the changes), never a
 * change to the code that uses layouts. Implementations are immutable and thread-safe.</p>
 */
public interface EventLayout {

    /** @return the Xen version this layout describes, e.g. {@code "4.17"} */
    String xenVersion();

    /**
     * Looks an event id up.
     *
     * @param event an event id (28 bits), with any flag bits the record has (64-bit, nested, runstate bits)
     * @return its type, or null when the event is unknown to this version (callers show it raw)
     */
    EventType find(int event);
}
