package org.xenwb.trace.core.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The data structure behind an {@link EventLayout}: a map from event id to {@link EventType}, filled from compact
 * field specifications that mirror Xen's C trace structures, and a few alias rules for flag bits of the event id.
 *
 * <p>A field specification is {@code name[/bits][:format]} or {@code name[/bits]@table}, in the order of the C
 * structure. Fields without {@code /bits} take whole 32-bit words (two for formats {@code q} and {@code Q}); bit
 * fields are packed from bit 0 upwards within a word, as GCC does on x86. Formats: {@code d} unsigned decimal
 * (default), {@code i} signed, {@code x} hex, {@code q} 64-bit hex, {@code Q} 64-bit decimal, {@code dv} a word
 * with the domain in bits 31..16 and the vCPU in bits 15..0, {@code vd} the reverse, {@code args} hypercall
 * arguments, {@code pad} padding to the end; {@code @table} names values from a {@link Symbols} table. A field
 * {@code name[shift,bits]} takes bits of word 0 at an explicit position and does not advance the packing (used
 * for fields of the event id).</p>
 *
 * <p>Subclasses fill the table in their constructor and are immutable afterwards; thread-safe after
 * construction.</p>
 */
public abstract class LayoutTable implements EventLayout {

    private record Alias(int mask, int value, int clear) {
    }

    private final Map<Integer, EventType> types = new HashMap<>();
    private final List<Alias> aliases = new ArrayList<>();
    private final Map<String, Symbols> symbols = new HashMap<>();

    /** A table with the standard symbol tables registered. */
    protected LayoutTable() {
        for (Symbols s : new Symbols[] {Symbols.RUNSTATE, Symbols.HYPERCALL, Symbols.SHUTDOWN, Symbols.VECTOR,
            Symbols.INTR_SOURCE, Symbols.VMX_EXIT, Symbols.SVM_EXIT}) {
            symbols.put(s.name(), s);
        }
    }

    @Override
    public EventType find(int event) {
        EventType t = types.get(event);
        if (t != null) {
            return t;
        }
        for (Alias a : aliases) {
            if ((event & a.mask) == a.value && (event & a.clear) != 0) {
                return find(event & ~a.clear);
            }
        }
        return null;
    }

    /** @return the number of event ids the table defines (aliases not counted) */
    public int size() {
        return types.size();
    }

    /** @return the defined event types, in no particular order */
    public List<EventType> types() {
        return List.copyOf(types.values());
    }

    /**
     * Registers a symbol table for {@code @name} specifications.
     *
     * @param table the table
     */
    protected void symbols(Symbols table) {
        symbols.put(table.name(), table);
    }

    /**
     * Events with {@code (event & mask) == value} that are not defined are looked up again without the
     * {@code clear} bits (e.g. the 64-bit or nested-guest flag of a class).
     *
     * @param mask bits that select the events concerned
     * @param value the value of those bits
     * @param clear the flag bits to drop
     */
    protected void alias(int mask, int value, int clear) {
        aliases.add(new Alias(mask, value, clear));
    }

    /**
     * Defines an event.
     *
     * @param id the event id
     * @param cls the class name
     * @param name the canonical name
     * @param fields field specifications (see the class comment)
     */
    protected void def(int id, String cls, String name, String... fields) {
        put(new EventType(id, name, cls, parse(fields)));
    }

    /**
     * Defines an event whose id carries fields (word 0 of the id specifications is the event id).
     *
     * @param id the event id without the field bits
     * @param cls the class name
     * @param name the canonical name
     * @param idFields specifications of the fields in the id
     * @param fields specifications of the payload fields
     */
    protected void defWithId(int id, String cls, String name, String[] idFields, String... fields) {
        put(new EventType(id, name, cls, parse(idFields), parse(fields)));
    }

    /**
     * Replaces the definition of an event (for a later Xen version whose layout differs).
     *
     * @param id the event id
     * @param cls the class name
     * @param name the canonical name
     * @param fields field specifications
     */
    protected void redef(int id, String cls, String name, String... fields) {
        if (types.remove(id) == null) {
            throw new IllegalStateException("redefined event 0x" + Integer.toHexString(id) + " was not defined");
        }
        def(id, cls, name, fields);
    }

    private void put(EventType type) {
        if (types.put(type.id(), type) != null) {
            throw new IllegalStateException("duplicate event 0x" + Integer.toHexString(type.id()));
        }
    }

    private List<Field> parse(String... specs) {
        List<Field> list = new ArrayList<>();
        int word = 0;
        int bit = 0;
        for (String spec : specs) {
            int at = spec.indexOf('@');
            int colon = spec.indexOf(':');
            int end = at >= 0 ? at : colon >= 0 ? colon : spec.length();
            String head = spec.substring(0, end);
            int bracket = head.indexOf('[');
            if (bracket > 0) {
                String[] pos = head.substring(bracket + 1, head.length() - 1).split(",");
                Symbols t = at >= 0 ? symbols.get(spec.substring(at + 1)) : null;
                list.add(new Field(head.substring(0, bracket), t != null ? Field.Kind.SYMBOL : Field.Kind.DEC, 0,
                        Integer.parseInt(pos[0]), Integer.parseInt(pos[1]), t));
                continue;
            }
            int slash = head.indexOf('/');
            String name = slash < 0 ? head : head.substring(0, slash);
            int width = slash < 0 ? 0 : Integer.parseInt(head.substring(slash + 1));
            String format = colon >= 0 ? spec.substring(colon + 1) : "d";
            Symbols table = null;
            if (at >= 0) {
                table = symbols.get(spec.substring(at + 1));
                if (table == null) {
                    throw new IllegalArgumentException("no symbol table in " + spec);
                }
            }
            Field.Kind kind = table != null ? Field.Kind.SYMBOL : kind(format, spec);
            if (width == 0) {
                if (bit > 0) {
                    word++;
                    bit = 0;
                }
                width = kind == Field.Kind.HEX64 || kind == Field.Kind.DEC64 ? 64 : 32;
                list.add(new Field(name, kind, word, 0, width, table));
                word += kind == Field.Kind.HYPERCALL_ARGS || kind == Field.Kind.PADDING ? 0 : width / 32;
            } else {
                if (bit + width > 32) {
                    word++;
                    bit = 0;
                }
                list.add(new Field(name, kind, word, bit, width, table));
                bit += width;
                if (bit == 32) {
                    word++;
                    bit = 0;
                }
            }
        }
        return list;
    }

    private static Field.Kind kind(String format, String spec) {
        return switch (format) {
            case "d" -> Field.Kind.DEC;
            case "i" -> Field.Kind.INT;
            case "x" -> Field.Kind.HEX;
            case "dv" -> Field.Kind.DOM_VCPU_PACKED;
            case "vd" -> Field.Kind.DOM_LOW_VCPU_HIGH;
            case "q" -> Field.Kind.HEX64;
            case "Q" -> Field.Kind.DEC64;
            case "args" -> Field.Kind.HYPERCALL_ARGS;
            case "pad" -> Field.Kind.PADDING;
            default -> throw new IllegalArgumentException("unknown format in " + spec);
        };
    }
}
