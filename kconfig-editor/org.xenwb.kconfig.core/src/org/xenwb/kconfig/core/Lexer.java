package org.xenwb.kconfig.core;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * The Kconfig lexer: the token rules of Linux 6.1's {@code lexer.l} (including its help-text indentation rules and
 * the expansion of {@code $(...)} in words and strings), over a stack of included files.
 *
 * <p>One instance per parse; not thread-safe.</p>
 */
final class Lexer implements Preprocessor.Position {

    private static final class Source {
        final String name;
        final String text;
        int pos;
        int line = 1;
        final Source parent;

        Source(String name, String text, Source parent) {
            this.name = name;
            this.text = text;
            this.parent = parent;
        }
    }

    private enum State { INITIAL, ASSIGN_VAL, HELP }

    private final Preprocessor pp;
    private final Consumer<String> warn;
    private Source cur;
    private State state = State.INITIAL;
    private Token.Kind prevToken = Token.Kind.EOL;
    private Token.Kind prevPrevToken = Token.Kind.EOL;
    private String stmtFile = "<none>";
    private int stmtLine;
    private final Deque<Source> unused = new ArrayDeque<>();

    Lexer(Preprocessor pp, Consumer<String> warn) {
        this.pp = pp;
        this.warn = warn;
        pp.setPosition(this);
    }

    /** Starts reading a file: the top file, or one named by {@code source} (pushed on the stack). */
    void pushFile(String name, String text) {
        cur = new Source(name, text, cur);
    }

    /** Files currently open, innermost first, as {@code name:line} of the inclusion point. */
    java.util.List<String[]> includeStack() {
        java.util.List<String[]> out = new java.util.ArrayList<>();
        for (Source s = cur; s != null; s = s.parent) {
            out.add(new String[] {s.name, Integer.toString(s.line)});
        }
        return out;
    }

    @Override
    public String file() {
        return cur != null ? cur.name : stmtFile;
    }

    @Override
    public int line() {
        return cur != null ? cur.line : stmtLine;
    }

    /** @return the file of the statement being parsed (zconf_curname) */
    String stmtFile() {
        return stmtFile;
    }

    /** @return the line of the first token of the statement being parsed (zconf_lineno) */
    int stmtLine() {
        return stmtLine;
    }

    void startHelp() {
        state = State.HELP;
    }

    Token next() {
        Token t;
        while (true) {
            t = lex1();
            if (prevToken == Token.Kind.EOL || prevToken == Token.Kind.HELPTEXT) {
                if (t.kind() == Token.Kind.EOL) {
                    continue;
                }
                if (cur != null) {
                    stmtFile = cur.name;
                    stmtLine = cur.line; // yylineno after the token: a help text ends the statement's line
                } else {
                    stmtFile = "<none>";
                    stmtLine = eofLine;
                }
            }
            break;
        }
        if (prevPrevToken == Token.Kind.EOL && prevToken == Token.Kind.WORD
                && (t.kind() == Token.Kind.EQUAL || t.kind() == Token.Kind.COLON_EQUAL
                        || t.kind() == Token.Kind.PLUS_EQUAL)) {
            state = State.ASSIGN_VAL;
        }
        prevPrevToken = prevToken;
        prevToken = t.kind();
        return t;
    }

    private int eofLine;

    private int peekc(int off) {
        int p = cur.pos + off;
        return p < cur.text.length() ? cur.text.charAt(p) : -1;
    }

    private static boolean isWordChar(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }

    private Token lex1() {
        while (true) {
            if (cur == null) {
                return new Token(Token.Kind.EOF, null);
            }
            int c = peekc(0);
            if (c < 0) {
                return endOfFile();
            }
            if (state == State.HELP) {
                Token t = lexHelp();
                if (t != null) {
                    return t;
                }
                continue;
            }
            if (state == State.ASSIGN_VAL) {
                if (c == '\n') {
                    cur.pos++;
                    cur.line++;
                    state = State.INITIAL;
                    return new Token(Token.Kind.EOL, null);
                }
                if (c == ' ' || c == '\t') {
                    cur.pos++;
                    continue;
                }
                int end = cur.text.indexOf('\n', cur.pos);
                if (end < 0) {
                    end = cur.text.length();
                }
                String v = cur.text.substring(cur.pos, end);
                cur.pos = end;
                return new Token(Token.Kind.ASSIGN_VAL, v);
            }
            switch (c) {
                case '#' -> {
                    int end = cur.text.indexOf('\n', cur.pos);
                    cur.pos = end < 0 ? cur.text.length() : end;
                    continue;
                }
                case ' ', '\t' -> {
                    cur.pos++;
                    continue;
                }
                case '\n' -> {
                    cur.pos++;
                    cur.line++;
                    return new Token(Token.Kind.EOL, null);
                }
                case '"', '\'' -> {
                    cur.pos++;
                    return lexString((char) c);
                }
                default -> {
                }
            }
            if (c == '\\' && peekc(1) == '\n') {
                cur.pos += 2;
                cur.line++;
                continue;
            }
            if (isWordChar(c) || c == '$') {
                int start = cur.pos;
                int p = start;
                boolean dollar = false;
                while (p < cur.text.length() && (isWordChar(cur.text.charAt(p)) || cur.text.charAt(p) == '$')) {
                    dollar |= cur.text.charAt(p) == '$';
                    p++;
                }
                if (!dollar) {
                    String word = cur.text.substring(start, p);
                    cur.pos = p;
                    Token.Kind kw = Token.keyword(word);
                    return kw != null ? new Token(kw, word) : new Token(Token.Kind.WORD, word);
                }
                int lineEnd = cur.text.indexOf('\n', start);
                if (lineEnd < 0) {
                    lineEnd = cur.text.length();
                }
                String rest = cur.text.substring(start, lineEnd);
                int[] pos = {0};
                String value = pp.expandOneToken(rest, pos);
                cur.pos = start + pos[0];
                if (!value.isEmpty()) {
                    return new Token(Token.Kind.WORD, value);
                }
                continue;
            }
            Token op = operator(c);
            if (op != null) {
                return op;
            }
            warn.accept(cur.name + ":" + cur.line + ":warning: ignoring unsupported character '" + (char) c + "'");
            cur.pos++;
        }
    }

    private Token operator(int c) {
        int d = peekc(1);
        Token.Kind k = null;
        int len = 1;
        switch (c) {
            case '|' -> {
                if (d == '|') {
                    k = Token.Kind.OR;
                    len = 2;
                }
            }
            case '&' -> {
                if (d == '&') {
                    k = Token.Kind.AND;
                    len = 2;
                }
            }
            case '=' -> k = Token.Kind.EQUAL;
            case '!' -> {
                if (d == '=') {
                    k = Token.Kind.UNEQUAL;
                    len = 2;
                } else {
                    k = Token.Kind.NOT;
                }
            }
            case '<' -> {
                if (d == '=') {
                    k = Token.Kind.LESS_EQUAL;
                    len = 2;
                } else {
                    k = Token.Kind.LESS;
                }
            }
            case '>' -> {
                if (d == '=') {
                    k = Token.Kind.GREATER_EQUAL;
                    len = 2;
                } else {
                    k = Token.Kind.GREATER;
                }
            }
            case '(' -> k = Token.Kind.OPEN_PAREN;
            case ')' -> k = Token.Kind.CLOSE_PAREN;
            case ':' -> {
                if (d == '=') {
                    k = Token.Kind.COLON_EQUAL;
                    len = 2;
                }
            }
            case '+' -> {
                if (d == '=') {
                    k = Token.Kind.PLUS_EQUAL;
                    len = 2;
                }
            }
            default -> {
            }
        }
        if (k == null) {
            return null;
        }
        cur.pos += len;
        return new Token(k, null);
    }

    private Token lexString(char quote) {
        StringBuilder sb = new StringBuilder();
        String text = cur.text;
        while (true) {
            int c = peekc(0);
            if (c < 0) {
                return new Token(Token.Kind.WORD_QUOTE, sb.toString());
            }
            if (c == '$') {
                int lineEnd = text.indexOf('\n', cur.pos);
                if (lineEnd < 0) {
                    lineEnd = text.length();
                }
                String rest = text.substring(cur.pos + 1, lineEnd);
                int[] pos = {0};
                sb.append(pp.expandDollar(rest, pos));
                cur.pos += 1 + pos[0];
                continue;
            }
            if (c == '\\') {
                int d = peekc(1);
                if (d >= 0 && d != '\n') {
                    sb.append((char) d);
                    cur.pos += 2;
                } else {
                    cur.pos++;
                }
                continue;
            }
            if (c == '"' || c == '\'') {
                cur.pos++;
                if (c == quote) {
                    return new Token(Token.Kind.WORD_QUOTE, sb.toString());
                }
                sb.append((char) c);
                continue;
            }
            if (c == '\n') {
                warn.accept(stmtFile + ":" + stmtLine + ":warning: multi-line strings not supported");
                return new Token(Token.Kind.WORD_QUOTE, sb.toString());
            }
            sb.append((char) c);
            cur.pos++;
        }
    }

    // help text state, following lexer.l's three rules
    private final StringBuilder help = new StringBuilder();
    private int firstTs;
    private int lastTs;
    private boolean helpStarted;

    private Token lexHelp() {
        if (!helpStarted) {
            help.setLength(0);
            firstTs = 0;
            lastTs = 0;
            helpStarted = true;
        }
        String text = cur.text;
        int p = cur.pos;
        int q = p;
        while (q < text.length() && (text.charAt(q) == ' ' || text.charAt(q) == '\t')) {
            q++;
        }
        if (q < text.length() && text.charAt(q) == '\n') {
            // blank line: ends the help text when the next line starts with a non-blank character
            int after = q + 1;
            cur.pos = after;
            cur.line++;
            if (after < text.length()) {
                char n = text.charAt(after);
                if (n != ' ' && n != '\t' && n != '\n') {
                    return endHelp();
                }
            }
            help.append('\n');
            return null;
        }
        if (q > p) {
            int ts = 0;
            for (int i = p; i < q; i++) {
                ts = text.charAt(i) == '\t' ? (ts & ~7) + 8 : ts + 1;
            }
            lastTs = ts;
            cur.pos = q;
            if (firstTs != 0) {
                if (ts < firstTs) {
                    return endHelp();
                }
                help.append(" ".repeat(ts - firstTs));
            }
            return null;
        }
        if (q >= text.length()) {
            cur.pos = q;
            return endHelp();
        }
        int end = text.indexOf('\n', p);
        if (end < 0) {
            end = text.length();
        }
        int e = end;
        while (e > p && (text.charAt(e - 1) == ' ' || text.charAt(e - 1) == '\t')) {
            e--;
        }
        help.append(text, p, e);
        if (firstTs == 0) {
            firstTs = lastTs;
        }
        cur.pos = end;
        return null;
    }

    private Token endHelp() {
        state = State.INITIAL;
        helpStarted = false;
        return new Token(Token.Kind.HELPTEXT, help.toString());
    }

    private Token endOfFile() {
        if (state == State.HELP) {
            return endHelp();
        }
        state = State.INITIAL;
        if (prevToken != Token.Kind.EOL && prevToken != Token.Kind.HELPTEXT) {
            warn.accept(cur.name + ":" + cur.line + ":warning: no new line at end of file");
        }
        eofLine = cur.line;
        cur = cur.parent;
        return new Token(Token.Kind.EOL, null);
    }
}
