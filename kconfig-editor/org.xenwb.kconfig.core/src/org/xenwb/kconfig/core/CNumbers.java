package org.xenwb.kconfig.core;

import java.math.BigInteger;

/**
 * The C library's number parsing ({@code strtoll}, {@code strtoull}) and byte-wise {@code strcmp}, as kconfig
 * uses them.
 */
final class CNumbers {
    private CNumbers() {
    }

    /**
     * A parsed number.
     *
     * @param value the value (two's complement for unsigned parses)
     * @param end index of the first unparsed character
     * @param overflow whether ERANGE would be set
     * @param unsigned whether it came from strtoull
     * @param string for comparisons: the text is not a number of the symbol's type
     */
    record Parsed(long value, int end, boolean overflow, boolean unsigned, boolean string) {
        boolean isString() {
            return string;
        }
    }

    static boolean isXDigit(int c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }

    private static int digit(int c, int base) {
        int d;
        if (c >= '0' && c <= '9') {
            d = c - '0';
        } else if (c >= 'a' && c <= 'z') {
            d = c - 'a' + 10;
        } else if (c >= 'A' && c <= 'Z') {
            d = c - 'A' + 10;
        } else {
            return -1;
        }
        return d < base ? d : -1;
    }

    private static Parsed parse(String s, int base, boolean unsigned) {
        int i = 0;
        int n = s.length();
        while (i < n && isSpace(s.charAt(i))) {
            i++;
        }
        boolean neg = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        if ((base == 0 || base == 16) && i + 1 < n && s.charAt(i) == '0'
                && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X') && i + 2 < n && isXDigit(s.charAt(i + 2))) {
            i += 2;
            base = 16;
        } else if (base == 0) {
            base = i < n && s.charAt(i) == '0' ? 8 : 10;
        }
        int start = i;
        BigInteger acc = BigInteger.ZERO;
        BigInteger b = BigInteger.valueOf(base);
        while (i < n) {
            int d = digit(s.charAt(i), base);
            if (d < 0) {
                break;
            }
            acc = acc.multiply(b).add(BigInteger.valueOf(d));
            i++;
        }
        if (i == start) {
            return new Parsed(0, 0, false, unsigned, false);
        }
        boolean overflow;
        long value;
        if (unsigned) {
            overflow = acc.bitLength() > 64;
            value = overflow ? -1L : acc.longValue();
            if (neg && !overflow) {
                value = -value;
            }
        } else {
            BigInteger signed = neg ? acc.negate() : acc;
            if (signed.bitLength() > 63) {
                overflow = true;
                value = neg ? Long.MIN_VALUE : Long.MAX_VALUE;
            } else {
                overflow = false;
                value = signed.longValue();
            }
        }
        return new Parsed(value, i, overflow, unsigned, false);
    }

    static Parsed strtoll(String s, int base) {
        return parse(s, base, false);
    }

    static Parsed strtoull(String s, int base) {
        return parse(s, base, true);
    }

    /** expr_parse_string: how a comparison operand is read for a symbol of the given type. */
    static Parsed parseForCompare(String str, SymbolType type) {
        Parsed p;
        switch (type) {
            case BOOLEAN, TRISTATE -> {
                long v = str.equals("n") ? 0 : str.equals("m") ? 1 : str.equals("y") ? 2 : -1;
                return new Parsed(v, str.length(), false, false, false);
            }
            case INT -> p = strtoll(str, 10);
            case HEX -> p = strtoull(str, 16);
            default -> p = strtoll(str, 0);
        }
        boolean number = !p.overflow() && p.end() == str.length() && p.end() > 0
                && isXDigit(str.charAt(p.end() - 1));
        return new Parsed(p.value(), p.end(), p.overflow(), p.unsigned(), !number);
    }

    static int strcmp(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            int d = (a.charAt(i) & 0xff) - (b.charAt(i) & 0xff);
            if (d != 0) {
                return d < 0 ? -1 : 1;
            }
        }
        return Integer.compare(a.length(), b.length());
    }
}
