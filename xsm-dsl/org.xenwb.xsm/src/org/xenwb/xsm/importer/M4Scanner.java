package org.xenwb.xsm.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds calls of given m4 macros in source text the way m4 reads it: a name followed directly by {@code (}, outside
 * {@code #} comments and outside {@code `...'} quotes. Stateless.
 */
final class M4Scanner {

    private M4Scanner() {
    }

    /**
     * @param text the source text
     * @param names the macro names to find
     * @return the calls, in text order, not overlapping (calls nested in arguments are part of the outer call)
     * @throws IllegalArgumentException when a call is not closed
     */
    static List<M4Call> calls(String text, Set<String> names) {
        List<M4Call> calls = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '#') {
                int end = text.indexOf('\n', i);
                i = end < 0 ? text.length() : end;
            } else if (c == '`') {
                i = skipQuote(text, i);
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                if (i < text.length() && text.charAt(i) == '(' && names.contains(text.substring(start, i))) {
                    M4Call call = M4Call.parse(text, start, i);
                    calls.add(call);
                    i = call.end();
                }
            } else if (Character.isDigit(c) || c == '$') {
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || "_$".indexOf(
                        text.charAt(i)) >= 0)) {
                    i++;
                }
            } else {
                i++;
            }
        }
        return calls;
    }

    private static int skipQuote(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            if (text.charAt(i) == '`') {
                depth++;
            } else if (text.charAt(i) == '\'' && --depth == 0) {
                return i + 1;
            }
        }
        return text.length();
    }
}
