package org.xenwb.trace.core.catalog;

import java.util.List;

/**
 * A known event: its canonical name, its class name, and the fields of its payload.
 *
 * <p>Immutable, thread-safe.</p>
 *
 * @param id the event id as defined by Xen (without the flag bits that {@code idFields} decode)
 * @param name canonical name, lower case, e.g. {@code "switch"} or {@code "csched2:tickle"}
 * @param eventClass the class name: GEN, SCHED, DOM0OP, HVM, MEM, PV, SHADOW, HW
 * @param idFields fields decoded from the event id itself (word 0 = the id), e.g. the old and new run state of a
 *        runstate change; empty for most events
 * @param fields payload fields in word order; words not covered are shown raw after them
 */
public record EventType(int id, String name, String eventClass, List<Field> idFields, List<Field> fields) {

    /** Defensive copies. */
    public EventType {
        idFields = List.copyOf(idFields);
        fields = List.copyOf(fields);
    }

    /**
     * An event whose id carries no fields.
     *
     * @param id the event id
     * @param name canonical name
     * @param eventClass the class name
     * @param fields payload fields
     */
    public EventType(int id, String name, String eventClass, List<Field> fields) {
        this(id, name, eventClass, List.of(), fields);
    }
}
