package org.xenwb.xsm.policy.binary;

import java.nio.charset.StandardCharsets;
import java.util.BitSet;

/** Little-endian cursor over a policy file's bytes; every failure names the offset. Not thread-safe. */
final class BinaryInput {

    /** Largest count or string length accepted, to fail fast on garbage instead of allocating gigabytes. */
    private static final long MAX_COUNT = 1 << 24;

    private final byte[] data;
    private final String source;
    private int pos;

    BinaryInput(byte[] data, String source) {
        this.data = data;
        this.source = source;
    }

    int position() {
        return pos;
    }

    boolean atEnd() {
        return pos >= data.length;
    }

    PolicyFormatException error(long at, String message) {
        return new PolicyFormatException(source, at, message);
    }

    private void need(int n, String what) throws PolicyFormatException {
        if (n < 0 || pos + (long) n > data.length) {
            throw error(pos, "truncated: " + what + " needs " + n + " bytes, " + (data.length - pos) + " left");
        }
    }

    int u16(String what) throws PolicyFormatException {
        need(2, what);
        int v = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8;
        pos += 2;
        return v;
    }

    int u32(String what) throws PolicyFormatException {
        need(4, what);
        int v = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8 | (data[pos + 2] & 0xff) << 16
                | (data[pos + 3] & 0xff) << 24;
        pos += 4;
        return v;
    }

    long u64(String what) throws PolicyFormatException {
        long lo = u32(what) & 0xffffffffL;
        long hi = u32(what) & 0xffffffffL;
        return lo | hi << 32;
    }

    /** Reads a u32 count and checks it is plausible. */
    int count(String what) throws PolicyFormatException {
        int at = pos;
        long v = u32(what) & 0xffffffffL;
        if (v > MAX_COUNT) {
            throw error(at, "implausible " + what + " " + v);
        }
        if (v > data.length - pos) {
            throw error(at, "truncated: " + what + " is " + v + " but only " + (data.length - pos)
                    + " bytes follow");
        }
        return (int) v;
    }

    String string(int length, String what) throws PolicyFormatException {
        need(length, what);
        String s = new String(data, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return s;
    }

    /** Reads an ebitmap; bit i of the result is bit i of the map. */
    BitSet ebitmap(String what) throws PolicyFormatException {
        int at = pos;
        int mapSize = u32(what + " map size");
        int highBit = u32(what + " high bit");
        int count = count(what + " node count");
        if (mapSize != 64) {
            throw error(at, what + ": ebitmap node size " + mapSize + ", expected 64");
        }
        if (highBit % 64 != 0) {
            throw error(at + 4, what + ": ebitmap high bit " + highBit + " is not a multiple of 64");
        }
        if (count == 0 && highBit != 0 || count > 0 && highBit == 0) {
            throw error(at + 4, what + ": ebitmap high bit " + highBit + " does not match " + count + " nodes");
        }
        BitSet bits = new BitSet();
        long previous = -1;
        for (int i = 0; i < count; i++) {
            int nodeAt = pos;
            long start = u32(what + " node start") & 0xffffffffL;
            long map = u64(what + " node map");
            if (start % 64 != 0 || start <= previous || start + 64 > (highBit & 0xffffffffL)) {
                throw error(nodeAt, what + ": ebitmap node start " + start + " out of order or beyond high bit "
                        + (highBit & 0xffffffffL));
            }
            if (map == 0) {
                throw error(nodeAt + 4, what + ": empty ebitmap node");
            }
            previous = start;
            for (int b = 0; b < 64; b++) {
                if ((map >>> b & 1) != 0) {
                    bits.set((int) start + b);
                }
            }
        }
        if (count > 0 && previous + 64 != (highBit & 0xffffffffL)) {
            throw error(at + 4, what + ": ebitmap high bit " + highBit + " is not the end of its last node");
        }
        return bits;
    }
}
