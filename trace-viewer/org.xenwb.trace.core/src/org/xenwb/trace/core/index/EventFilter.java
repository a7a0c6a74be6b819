package org.xenwb.trace.core.index;

import java.util.Locale;

import org.xenwb.trace.core.format.TraceEvents;

/**
 * Which records an event query returns. Each criterion is -1 for "any". The domain and vCPU criteria match a
 * record's owner (see {@link EventOwner}): the domain and vCPU its own payload names when it names them (runstate
 * changes, wakes, credit records...), else the vCPU running on its pCPU at its TSC (from the state model), so that
 * every record of a guest's exits, hypercalls and faults belongs to it. A record that names a domain only never
 * matches a vCPU criterion.
 *
 * @param event an exact event id (28 bits), or -1
 * @param eventClass an event class: the main class number, bits 27..16 of the id shifted down (2 = SCHED,
 *        8 = HVM...), or -1
 * @param domain a domain id, or -1
 * @param vcpu a vCPU id, or -1
 * @param pcpu a pCPU number, or -1
 */
public record EventFilter(int event, int eventClass, int domain, int vcpu, int pcpu) {

    /** The class names {@link #parse} accepts, in the order of their numbers. */
    public static final String CLASS_NAMES = "gen, sched, dom0op, hvm, mem, pv, shadow, hw, guest";

    /** Matches every record. */
    public static final EventFilter ALL = new EventFilter(-1, -1, -1, -1, -1);

    /**
     * Parses a comma-separated list of {@code key=value}: {@code event=0x21011}, {@code class=sched} (gen, sched,
     * dom0op, hvm, mem, pv, shadow, hw, guest, or a number), {@code domain=1} (or {@code d=1}), {@code vcpu=0},
     * {@code pcpu=2}. Numbers may be decimal or {@code 0x} hexadecimal.
     *
     * @param spec the list; empty for all records
     * @return the filter
     * @throws IllegalArgumentException naming the bad item
     */
    public static EventFilter parse(String spec) {
        int event = -1;
        int cls = -1;
        int domain = -1;
        int vcpu = -1;
        int pcpu = -1;
        for (String item : spec.split(",")) {
            String s = item.trim();
            if (s.isEmpty()) {
                continue;
            }
            int eq = s.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("filter item '" + s + "' is not key=value");
            }
            String key = s.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = s.substring(eq + 1).trim();
            switch (key) {
                case "event" -> event = number(value, s);
                case "class" -> cls = eventClass(value, s);
                case "domain", "d" -> domain = number(value, s);
                case "vcpu", "v" -> vcpu = number(value, s);
                case "pcpu", "p", "cpu" -> pcpu = number(value, s);
                default -> throw new IllegalArgumentException("unknown filter key '" + key
                        + "' (event, class, domain, vcpu, pcpu)");
            }
        }
        return new EventFilter(event, cls, domain, vcpu, pcpu);
    }

    private static int number(String value, String item) {
        try {
            return value.startsWith("0x") || value.startsWith("0X") ? Integer.parseUnsignedInt(value.substring(2), 16)
                    : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("filter item '" + item + "': not a number");
        }
    }

    private static int eventClass(String value, String item) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "gen" -> 0x1;
            case "sched" -> 0x2;
            case "dom0op" -> 0x4;
            case "hvm" -> 0x8;
            case "mem" -> 0x10;
            case "pv" -> 0x20;
            case "shadow" -> 0x40;
            case "hw" -> 0x80;
            case "guest" -> 0x800;
            default -> {
                try {
                    yield number(value, item);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("filter item '" + item + "': unknown class '" + value + "' ("
                            + CLASS_NAMES + ", or a class number)");
                }
            }
        };
    }

    /**
     * @param eventId a record's event id
     * @param pcpuOf the record's pCPU
     * @param owner the record's owner ({@link EventOwner#owner}), {@code domain << 16 | vcpu}, or -1
     * @return whether the record passes
     */
    public boolean matches(int eventId, int pcpuOf, int owner) {
        if (event >= 0 && eventId != event) {
            return false;
        }
        if (eventClass >= 0 && TraceEvents.classOf(eventId) != eventClass) {
            return false;
        }
        if (pcpu >= 0 && pcpuOf != pcpu) {
            return false;
        }
        if (domain >= 0 && (owner < 0 || owner >>> 16 != domain)) {
            return false;
        }
        return vcpu < 0 || (owner >= 0 && (owner & 0xffff) == vcpu && vcpu != EventOwner.NO_VCPU);
    }
}
