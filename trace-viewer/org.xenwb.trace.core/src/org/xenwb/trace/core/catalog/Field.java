package org.xenwb.trace.core.catalog;

/**
 * One named field of an event payload: which extra word(s) it comes from and how it is shown.
 *
 * @param name the field name shown in dumps, e.g. {@code "dom"}
 * @param kind how the word(s) are decoded
 * @param word index of the (first) extra word
 */
public record Field(String name, Kind kind, int word) {

    /** Decodings of payload words. */
    public enum Kind {
        /** One word, unsigned decimal. */
        DEC,
        /** One word, signed decimal. */
        INT,
        /** One word, hexadecimal. */
        HEX,
        /** One word holding a domain id in bits 31..16 and a vCPU id in bits 15..0, shown {@code d<dom>v<vcpu>}. */
        DOM_VCPU_PACKED,
        /** One word holding a domain id in bits 15..0 and a vCPU id in bits 31..16, shown {@code d<dom>v<vcpu>}. */
        DOM_LOW_VCPU_HIGH,
        /** Two words, low first: an unsigned 64-bit value shown in hexadecimal. */
        HEX64,
        /** Two words, low first: an unsigned 64-bit value shown in decimal. */
        DEC64,
    }

    /** @return how many extra words the field takes */
    public int words() {
        return kind == Kind.HEX64 || kind == Kind.DEC64 ? 2 : 1;
    }

    /**
     * Appends {@code name=value}, or nothing when the record is too short for the field.
     *
     * @param extra the record's extra words
     * @param count how many of them are valid
     * @param out destination
     * @return whether the field was present
     */
    public boolean append(int[] extra, int count, StringBuilder out) {
        if (word + words() > count) {
            return false;
        }
        out.append(name).append('=');
        int w = extra[word];
        switch (kind) {
            case DEC -> out.append(Integer.toUnsignedString(w));
            case INT -> out.append(w);
            case HEX -> out.append("0x").append(Integer.toHexString(w));
            case DOM_VCPU_PACKED -> out.append('d').append(w >>> 16).append('v').append(w & 0xffff);
            case DOM_LOW_VCPU_HIGH -> out.append('d').append(w & 0xffff).append('v').append(w >>> 16);
            case HEX64 -> out.append("0x").append(Long.toHexString(word64(extra)));
            case DEC64 -> out.append(Long.toUnsignedString(word64(extra)));
            default -> throw new IllegalStateException();
        }
        return true;
    }

    private long word64(int[] extra) {
        return (extra[word] & 0xffffffffL) | ((long) extra[word + 1] << 32);
    }
}
