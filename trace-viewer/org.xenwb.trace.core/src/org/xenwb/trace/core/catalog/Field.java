package org.xenwb.trace.core.catalog;

/**
 * One named field of an event payload: which extra word(s) and bits it comes from and how it is shown.
 *
 * <p>Words are the record's 32-bit extra words in record order; a 64-bit value takes two words, low word first (as
 * x86 stores it). A bit field takes {@code width} bits from bit {@code shift} (bit 0 = least significant) of one
 * word, which is how GCC lays out the C bit fields of Xen's trace structures on x86. Immutable, thread-safe.</p>
 *
 * @param name the field name shown in dumps, e.g. {@code "dom"}
 * @param kind how the bits are decoded
 * @param word index of the (first) extra word
 * @param shift lowest bit of the field within its word (0 for whole-word fields)
 * @param width width in bits (32 for whole words, 64 for two-word values)
 * @param symbols names of the values for {@link Kind#SYMBOL}, else null
 */
public record Field(String name, Kind kind, int word, int shift, int width, Symbols symbols) {

    /** Decodings of payload words. */
    public enum Kind {
        /** Unsigned decimal. */
        DEC,
        /** Signed (two's complement of {@code width} bits) decimal. */
        INT,
        /** Hexadecimal with {@code 0x}. */
        HEX,
        /** One word holding a domain id in bits 31..16 and a vCPU id in bits 15..0, shown {@code d<dom>v<vcpu>}. */
        DOM_VCPU_PACKED,
        /** One word holding a domain id in bits 15..0 and a vCPU id in bits 31..16, shown {@code d<dom>v<vcpu>}. */
        DOM_LOW_VCPU_HIGH,
        /** Two words, low first: an unsigned 64-bit value shown in hexadecimal. */
        HEX64,
        /** Two words, low first: an unsigned 64-bit value shown in decimal. */
        DEC64,
        /** A value named by {@link #symbols()}; a value without a name is shown in decimal. */
        SYMBOL,
        /**
         * The arguments of a {@code TRC_PV_HYPERCALL_V2}-style record: word 0 bits 31..20 say, two bits per
         * argument, whether argument i is absent (0), 32-bit (1) or 64-bit (2); the arguments follow from this
         * field's word. Shown {@code args=<a0>,<a1>...} in hexadecimal.
         */
        HYPERCALL_ARGS,
        /** Padding: the words from this one to the end carry no data; shown {@code <name>=<number of words>}. */
        PADDING,
    }

    /** Defensive checks. */
    public Field {
        if (word < 0 || shift < 0 || width < 1 || shift + Math.min(width, 32) > 32 || width > 64
                || (kind == Kind.SYMBOL) != (symbols != null)) {
            throw new IllegalArgumentException("bad field " + name);
        }
    }

    /** @return how many extra words the field takes, at least (variable-size kinds take 0 or more) */
    public int words() {
        return switch (kind) {
            case HEX64, DEC64 -> 2;
            case HYPERCALL_ARGS, PADDING -> 0;
            default -> 1;
        };
    }

    /**
     * Appends {@code name=value}, or nothing when the record is too short for the field.
     *
     * @param extra the record's extra words
     * @param count how many of them are valid
     * @param out destination
     * @return the index of the first word after the field, or -1 when the field is absent
     */
    public int append(int[] extra, int count, StringBuilder out) {
        int end = word + words();
        if (end > count || (kind == Kind.PADDING || kind == Kind.HYPERCALL_ARGS) && word >= count) {
            return -1;
        }
        out.append(name).append('=');
        switch (kind) {
            case DEC -> out.append(bits(extra));
            case INT -> out.append(width == 32 ? extra[word] : (bits(extra) << (64 - width)) >> (64 - width));
            case HEX -> out.append("0x").append(Long.toHexString(bits(extra)));
            case DOM_VCPU_PACKED -> out.append('d').append(extra[word] >>> 16).append('v').append(extra[word] & 0xffff);
            case DOM_LOW_VCPU_HIGH ->
                out.append('d').append(extra[word] & 0xffff).append('v').append(extra[word] >>> 16);
            case HEX64 -> out.append("0x").append(Long.toHexString(word64(extra, word)));
            case DEC64 -> out.append(Long.toUnsignedString(word64(extra, word)));
            case SYMBOL -> {
                long v = bits(extra);
                String s = symbols.lookup(v);
                out.append(s != null ? s : Long.toString(v));
            }
            case HYPERCALL_ARGS -> end = appendArgs(extra, count, out);
            case PADDING -> {
                out.append(count - word);
                end = count;
            }
            default -> throw new IllegalStateException(kind.toString());
        }
        return end;
    }

    private int appendArgs(int[] extra, int count, StringBuilder out) {
        int mask = extra[0] >>> 20;
        int w = word;
        String sep = "";
        for (int i = 0; i < 6 && w < count; i++) {
            int size = (mask >>> (2 * i)) & 3;
            if (size == 0) {
                continue;
            }
            out.append(sep).append("0x");
            if (size == 2 && w + 1 < count) {
                out.append(Long.toHexString(word64(extra, w)));
                w += 2;
            } else {
                out.append(Integer.toHexString(extra[w]));
                w++;
            }
            sep = ",";
        }
        return w;
    }

    private long bits(int[] extra) {
        long w = extra[word] & 0xffffffffL;
        return width >= 32 ? w : (w >>> shift) & ((1L << width) - 1);
    }

    private static long word64(int[] extra, int at) {
        return (extra[at] & 0xffffffffL) | ((long) extra[at + 1] << 32);
    }
}
