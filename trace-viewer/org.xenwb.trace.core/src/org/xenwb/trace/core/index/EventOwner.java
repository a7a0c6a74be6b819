package org.xenwb.trace.core.index;

import java.util.HashMap;
import java.util.Map;

import org.xenwb.trace.core.catalog.EventLayout;
import org.xenwb.trace.core.catalog.EventType;
import org.xenwb.trace.core.catalog.Field;

/**
 * Which domain and vCPU a record belongs to, for event filters and listings.
 *
 * <p><b>Rule.</b> When the record's own payload names a vCPU or a domain (as decoded by the event catalog), that is
 * its owner: the first field that packs a domain and a vCPU into one word ({@code vcpu=d1v0}: runstate changes,
 * credit and credit2 records, lost records...), else a field named {@code dom} together with a field named
 * {@code vcpu} (wake, sleep, block, switch_infprev...), else a field named {@code dom} alone (domain creation, grant
 * operations...: the owner has a domain but no vCPU, {@link #NO_VCPU}). Records whose payload names no domain
 * (HVM exits, PV hypercalls, IRQs, records naming two vCPUs such as {@code switch}) belong to the vCPU running on
 * their pCPU at their TSC, from the state model. {@link Source} says which rule applied.</p>
 *
 * <p>Not thread-safe (it caches the lookups of event ids); one instance per query.</p>
 */
public final class EventOwner {

    /** The vCPU part of an owner whose record names a domain only. */
    public static final int NO_VCPU = 0xffff;

    /** Where a record's owner comes from. */
    public enum Source {
        /** The record's payload names the domain and the vCPU. */
        RECORD,
        /** The record's payload names the domain only; the vCPU part is {@link EventOwner#NO_VCPU}. */
        RECORD_DOMAIN,
        /** The payload names no domain: the vCPU running on the record's pCPU. */
        RUNNING,
        /** The payload names no domain and no vCPU was known to run on the pCPU: owner -1. */
        NONE,
    }

    private static final int[] NOTHING = {};

    private final EventLayout layout;
    private final Map<Integer, int[]> specs = new HashMap<>();
    private Source source = Source.NONE;

    /**
     * An owner rule for one catalog.
     *
     * @param layout the event catalog whose field names and layouts are used
     */
    public EventOwner(EventLayout layout) {
        this.layout = layout;
    }

    /**
     * The owner of a record.
     *
     * @param event the record's event id
     * @param extra its extra words
     * @param count how many of them are valid
     * @param running the vCPU running on its pCPU at its TSC, {@code domain << 16 | vcpu}, or -1
     * @return {@code domain << 16 | vcpu} (vCPU {@link #NO_VCPU} when only the domain is known), or -1; the rule
     *         that applied is then {@link #source()}
     */
    public int owner(int event, int[] extra, int count, int running) {
        int[] spec = specs.computeIfAbsent(event, this::spec);
        // spec: {packed field word, packed is domain-low (1/0)} or {dom word, shift, width, vcpu word, shift, width}
        if (spec.length == 2 && spec[0] < count) {
            int w = extra[spec[0]];
            source = Source.RECORD;
            return spec[1] == 0 ? w : (w & 0xffff) << 16 | w >>> 16;
        }
        if (spec.length == 6 && spec[0] < count) {
            int dom = (int) bits(extra[spec[0]], spec[1], spec[2]) & 0xffff;
            if (spec[3] >= 0 && spec[3] < count) {
                source = Source.RECORD;
                return dom << 16 | (int) bits(extra[spec[3]], spec[4], spec[5]) & 0xffff;
            }
            source = Source.RECORD_DOMAIN;
            return dom << 16 | NO_VCPU;
        }
        source = running < 0 ? Source.NONE : Source.RUNNING;
        return running;
    }

    /** @return the rule that gave the last {@link #owner(int, int[], int, int)} */
    public Source source() {
        return source;
    }

    private int[] spec(int event) {
        EventType type = layout.find(event);
        if (type == null) {
            return NOTHING;
        }
        Field dom = null;
        Field vcpu = null;
        for (Field f : type.fields()) {
            if (f.kind() == Field.Kind.DOM_VCPU_PACKED || f.kind() == Field.Kind.DOM_LOW_VCPU_HIGH) {
                return new int[] {f.word(), f.kind() == Field.Kind.DOM_LOW_VCPU_HIGH ? 1 : 0};
            }
            if (f.words() == 1 && f.kind() != Field.Kind.SYMBOL) {
                if (dom == null && f.name().equals("dom")) {
                    dom = f;
                } else if (vcpu == null && f.name().equals("vcpu")) {
                    vcpu = f;
                }
            }
        }
        if (dom == null) {
            return NOTHING;
        }
        return new int[] {dom.word(), dom.shift(), dom.width(), vcpu == null ? -1 : vcpu.word(),
            vcpu == null ? 0 : vcpu.shift(), vcpu == null ? 32 : vcpu.width()};
    }

    private static long bits(int word, int shift, int width) {
        long w = word & 0xffffffffL;
        return width >= 32 ? w : (w >>> shift) & ((1L << width) - 1);
    }
}
