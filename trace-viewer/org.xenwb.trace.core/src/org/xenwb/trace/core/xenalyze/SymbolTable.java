package org.xenwb.trace.core.xenalyze;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * xenalyze's guest symbol table ({@code --symbol-file}): lines of a hexadecimal address and a name, in address
 * order, read the way xenalyze reads them ({@code fscanf("%llx %128s")} until a line does not start with a number;
 * a file that ends with a line break gets one more entry at 0xdeadbeef with an empty name, as xenalyze's loop adds
 * it). Addresses print as {@code (name +offset)} from the closest symbol at or below them. Immutable.
 */
public final class SymbolTable {

    /** No symbol file: addresses print with nothing after them. */
    public static final SymbolTable NONE = new SymbolTable(new long[0], new String[0], false);

    /** What xenalyze puts in an entry before reading it. */
    private static final long UNREAD = 0xDEADBEEFL;

    private final long[] addresses;
    private final String[] names;
    private final boolean loaded;

    private SymbolTable(long[] addresses, String[] names, boolean loaded) {
        this.addresses = addresses;
        this.names = names;
        this.loaded = loaded;
    }

    /**
     * Reads a symbol file.
     *
     * @param file the file
     * @return the table
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when the addresses are not in increasing order (xenalyze stops there too);
     *         the message names the file and the entry
     */
    public static SymbolTable read(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        long[] addresses = new long[64];
        String[] names = new String[64];
        int count = 0;
        long last = 0;
        int[] pos = {0};
        boolean eof = false;
        while (!eof) {
            long address = UNREAD;
            String name = "";
            skipSpace(text, pos);
            if (pos[0] < text.length()) {
                int start = pos[0];
                Long parsed = hex(text, pos);
                if (parsed == null) {
                    pos[0] = start;
                    break;
                }
                address = parsed;
                skipSpace(text, pos);
                int nameStart = pos[0];
                while (pos[0] < text.length() && pos[0] - nameStart < 128 && !Character.isWhitespace(
                        text.charAt(pos[0]))) {
                    pos[0]++;
                }
                name = text.substring(nameStart, pos[0]);
            }
            // fscanf sets end-of-file when its reading reached the end of the text
            eof = pos[0] >= text.length();
            if (address != 0 && Long.compareUnsigned(address, last) < 0) {
                if (address == UNREAD && name.isEmpty()) {
                    throw new IllegalArgumentException(file + ": xenalyze reads the end of a file that ends with a"
                            + " line break as one more symbol at deadbeef, below " + Long.toHexString(last)
                            + ", and stops; remove the final line break");
                }
                throw new IllegalArgumentException(file + ": symbol " + (count + 1) + " (" + name + " at "
                        + Long.toHexString(address) + ") comes before " + Long.toHexString(last)
                        + ": symbol files must be in address order");
            }
            last = address;
            if (count == addresses.length) {
                addresses = Arrays.copyOf(addresses, count * 2);
                names = Arrays.copyOf(names, count * 2);
            }
            addresses[count] = address;
            names[count] = name;
            count++;
        }
        return new SymbolTable(Arrays.copyOf(addresses, count), Arrays.copyOf(names, count), true);
    }

    private static void skipSpace(String text, int[] pos) {
        while (pos[0] < text.length() && Character.isWhitespace(text.charAt(pos[0]))) {
            pos[0]++;
        }
    }

    /** {@code %llx}: an optional sign and 0x prefix, then hexadecimal digits; null when there are none. */
    private static Long hex(String text, int[] pos) {
        int i = pos[0];
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        if (i + 1 < text.length() && text.charAt(i) == '0' && (text.charAt(i + 1) | 0x20) == 'x'
                && i + 2 < text.length() && Character.digit(text.charAt(i + 2), 16) >= 0) {
            i += 2;
        }
        long value = 0;
        int digits = 0;
        while (i < text.length() && Character.digit(text.charAt(i), 16) >= 0) {
            value = value << 4 | Character.digit(text.charAt(i), 16);
            digits++;
            i++;
        }
        if (digits == 0) {
            return null;
        }
        pos[0] = i;
        return negative ? -value : value;
    }

    /**
     * xenalyze's find_symbol.
     *
     * @param address a guest address
     * @return {@code ""} without a symbol file, else {@code (name +offset)} from the last symbol at or below the
     *         address ({@code ZERO} and the address itself before the first), cut to 143 characters
     */
    public String find(long address) {
        if (!loaded) {
            return "";
        }
        String name = "ZERO";
        long offset = address;
        for (int i = 0; i < addresses.length && Long.compareUnsigned(addresses[i], address) <= 0; i++) {
            name = names[i];
            offset = address - addresses[i];
        }
        String s = "(" + name + " +" + Long.toHexString(offset) + ")";
        return s.length() > 143 ? s.substring(0, 143) : s;
    }
}
