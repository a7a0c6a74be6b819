package org.xenwb.xsm.policy.binary;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;

/** Little-endian byte sink for the writer. Not thread-safe. */
final class BinaryOutput {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);

    void u16(int v) {
        out.write(v & 0xff);
        out.write(v >>> 8 & 0xff);
    }

    void u32(int v) {
        u16(v & 0xffff);
        u16(v >>> 16);
    }

    void u64(long v) {
        u32((int) v);
        u32((int) (v >>> 32));
    }

    /** Writes the UTF-8 bytes of a string without length. */
    void bytes(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    static int length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Writes an ebitmap with one 64-bit node per non-zero word, as libsepol does. */
    void ebitmap(BitSet bits) {
        long[] words = bits.toLongArray();
        int nodes = 0;
        for (long w : words) {
            if (w != 0) {
                nodes++;
            }
        }
        u32(64);
        u32(words.length * 64);
        u32(nodes);
        for (int i = 0; i < words.length; i++) {
            if (words[i] != 0) {
                u32(i * 64);
                u64(words[i]);
            }
        }
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
