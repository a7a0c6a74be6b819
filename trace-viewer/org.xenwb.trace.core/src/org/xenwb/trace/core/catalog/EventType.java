package org.xenwb.trace.core.catalog;

import java.util.List;

/**
 * A known event: its canonical name, its class name, and the fields of its payload.
 *
 * <p>Immutable, thread-safe.</p>
 *
 * @param id the event id as defined by Xen (without flag bits)
 * @param name canonical name, lower case, e.g. {@code "sched_switch"} or {@code "csched2:tickle"}
 * @param eventClass the class name: GEN, SCHED, DOM0OP, HVM, MEM, PV, SHADOW, HW
 * @param fields payload fields in word order; words not covered are shown raw after them
 */
public record EventType(int id, String name, String eventClass, List<Field> fields) {

    /** Defensive copy of the fields. */
    public EventType {
        fields = List.copyOf(fields);
    }
}
