package org.xenwb.xsm.importer;

import java.util.ArrayList;
import java.util.List;

/**
 * One m4 macro call found in source text: its name, its arguments with one level of quotes removed (as m4 collects
 * them: leading whitespace dropped, {@code `...'} nesting respected, commas and parentheses inside quotes or nested
 * parentheses kept), and where it starts and ends in the text. Immutable.
 *
 * @param name the macro name
 * @param arguments the arguments, unquoted once
 * @param start the offset of the name's first character
 * @param end the offset just after the closing parenthesis
 */
public record M4Call(String name, List<String> arguments, int start, int end) {

    /**
     * Parses the argument list of a call whose name ends at {@code open}, where the text has a {@code (}.
     *
     * @param text the source text
     * @param start the offset of the macro name
     * @param open the offset of the opening parenthesis
     * @return the call
     * @throws IllegalArgumentException when the parentheses or quotes are not closed; the message gives the offset
     */
    public static M4Call parse(String text, int start, int open) {
        List<String> arguments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        int quotes = 0;
        boolean leading = true;
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quotes > 0) {
                if (c == '`') {
                    quotes++;
                } else if (c == '\'') {
                    quotes--;
                }
                if (quotes > 0) {
                    current.append(c);
                }
                continue;
            }
            if (leading && Character.isWhitespace(c)) {
                continue;
            }
            leading = false;
            if (c == '`') {
                quotes = 1;
            } else if (c == '(') {
                depth++;
                current.append(c);
            } else if (c == ')' && depth > 0) {
                depth--;
                current.append(c);
            } else if (c == ')') {
                arguments.add(current.toString());
                return new M4Call(text.substring(start, open), List.copyOf(arguments), start, i + 1);
            } else if (c == ',' && depth == 0) {
                arguments.add(current.toString());
                current.setLength(0);
                leading = true;
            } else {
                current.append(c);
            }
        }
        throw new IllegalArgumentException("m4 call " + text.substring(start, open) + " at offset " + start
                + " is not closed (unbalanced parentheses or quotes)");
    }

    /** @return 1-based line of the call's start in the text */
    public int line(String text) {
        return lineOf(text, start);
    }

    /** @return 1-based line number of an offset */
    public static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
