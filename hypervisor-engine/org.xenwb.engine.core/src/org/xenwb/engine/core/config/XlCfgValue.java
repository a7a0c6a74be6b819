package org.xenwb.engine.core.config;

import java.util.List;

/**
 * A value in an {@code xl.cfg(5)} file: a string, a number or a list of strings and numbers.
 * Immutable; {@code line} is the 1-based line where the value starts.
 */
public sealed interface XlCfgValue {

    /** @return the 1-based line where the value starts */
    int line();

    /**
     * A quoted string.
     *
     * @param text the string with escapes resolved
     * @param line 1-based line
     */
    record Str(String text, int line) implements XlCfgValue {
        @Override
        public String toString() {
            return '"' + text + '"';
        }
    }

    /**
     * A number, kept as written (xl accepts decimal and {@code 0x} hexadecimal integers, and decimals for a few keys).
     *
     * @param literal the number as written
     * @param line 1-based line
     */
    record Num(String literal, int line) implements XlCfgValue {
        @Override
        public String toString() {
            return literal;
        }
    }

    /**
     * A list {@code [a, b, ...]}.
     *
     * @param items the elements in order (lists do not nest in xl.cfg)
     * @param line 1-based line of the opening bracket
     */
    record ListValue(List<XlCfgValue> items, int line) implements XlCfgValue {
        /** Copies the items. */
        public ListValue {
            items = List.copyOf(items);
        }

        @Override
        public String toString() {
            return items.toString();
        }
    }
}
