package org.xenwb.xsm.policy.compile;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits policy.conf text into tokens, following m4's {@code #line N "file"} markers so that every token knows its
 * original file and line. Stateless apart from one run; not thread-safe.
 */
final class ConfLexer {

    /**
     * A token.
     *
     * @param text the text (a quoted string keeps its quotes)
     * @param location where it starts
     */
    record Token(String text, SourceLocation location) {
    }

    private ConfLexer() {
    }

    static List<Token> tokens(String text, String fileName) throws PolicyCompileException {
        List<Token> out = new ArrayList<>();
        String file = fileName;
        int line = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char ch = text.charAt(i);
            if (ch == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(ch)) {
                i++;
            } else if (ch == '#') {
                int end = text.indexOf('\n', i);
                if (end < 0) {
                    end = n;
                }
                String comment = text.substring(i, end);
                if (comment.startsWith("#line ")) {
                    String[] parts = comment.substring(6).trim().split("\\s+", 2);
                    try {
                        int next = Integer.parseInt(parts[0]);
                        if (parts.length > 1) {
                            file = parts[1].replace("\"", "");
                        }
                        line = next - 1;
                    } catch (NumberFormatException e) {
                        // an ordinary comment that happens to start with "#line"
                    }
                }
                i = end;
            } else if (ch == '"') {
                int end = text.indexOf('"', i + 1);
                if (end < 0) {
                    throw new PolicyCompileException(new SourceLocation(file, line), "unterminated string");
                }
                out.add(new Token(text.substring(i, end + 1), new SourceLocation(file, line)));
                i = end + 1;
            } else if (isWord(ch)) {
                int start = i;
                while (i < n && isWord(text.charAt(i))) {
                    i++;
                }
                out.add(new Token(text.substring(start, i), new SourceLocation(file, line)));
            } else {
                String two = i + 1 < n ? text.substring(i, i + 2) : "";
                if (two.equals("==") || two.equals("!=") || two.equals("&&") || two.equals("||")) {
                    out.add(new Token(two, new SourceLocation(file, line)));
                    i += 2;
                } else if ("{}();:,~*-!^".indexOf(ch) >= 0) {
                    out.add(new Token(String.valueOf(ch), new SourceLocation(file, line)));
                    i++;
                } else {
                    throw new PolicyCompileException(new SourceLocation(file, line), "unexpected character '" + ch
                            + "'");
                }
            }
        }
        return out;
    }

    private static boolean isWord(char ch) {
        return Character.isLetterOrDigit(ch) || ch == '_' || ch == '.' || ch == '$' || ch == '/' || ch == '@';
    }
}
