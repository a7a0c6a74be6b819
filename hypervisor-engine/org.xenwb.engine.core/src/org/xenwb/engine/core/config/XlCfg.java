package org.xenwb.engine.core.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A parsed file in the syntax of {@code xl.cfg(5)} (also used by {@code xl cpupool-create} files and by the
 * engine's host description files): {@code KEY = VALUE} settings separated by new lines or {@code ;}, values are
 * strings in single or double quotes, numbers, or lists in brackets that may span lines and end with a comma;
 * {@code #} starts a comment; {@code KEY += VALUE} appends to a list or string. A later setting of a key replaces an
 * earlier one, as in xl.
 *
 * <p>Instances are immutable and thread-safe. Syntax errors raise {@link ConfigException} with file and line.</p>
 */
public final class XlCfg {

    /**
     * One setting.
     *
     * @param key the key
     * @param value the value
     * @param line the 1-based line of the key
     */
    public record Entry(String key, XlCfgValue value, int line) {
    }

    private final String file;
    private final Map<String, Entry> entries;

    private XlCfg(String file, Map<String, Entry> entries) {
        this.file = file;
        this.entries = Collections.unmodifiableMap(entries);
    }

    /**
     * Reads and parses a file.
     *
     * @param path the file
     * @return the parsed settings
     * @throws IOException if the file cannot be read
     * @throws ConfigException on a syntax error
     */
    public static XlCfg read(Path path) throws IOException {
        return parse(path.toString(), InputFiles.text(path));
    }

    /**
     * Parses text.
     *
     * @param file the name used in messages
     * @param text the content
     * @return the parsed settings
     * @throws ConfigException on a syntax error
     */
    public static XlCfg parse(String file, String text) {
        return new XlCfg(file, new Parser(file, text).parseFile());
    }

    /** @return the file name used in messages */
    public String file() {
        return file;
    }

    /** @return the settings in the order their keys first appeared */
    public Map<String, Entry> entries() {
        return entries;
    }

    /**
     * @param key a key
     * @return the setting, or null
     */
    public Entry get(String key) {
        return entries.get(key);
    }

    /**
     * @param key a key
     * @param defaultValue returned when the key is absent
     * @return the string value
     * @throws ConfigException if the value is not a string
     */
    public String string(String key, String defaultValue) {
        Entry e = entries.get(key);
        if (e == null) {
            return defaultValue;
        }
        if (e.value() instanceof XlCfgValue.Str s) {
            return s.text();
        }
        if (e.value() instanceof XlCfgValue.Num n) {
            return n.literal();
        }
        throw new ConfigException(file, e.line(), "'" + key + "' must be a string, not a list");
    }

    /**
     * @param key a key
     * @return the integer value, if present
     * @throws ConfigException if the value is not an integer
     */
    public OptionalLong integer(String key) {
        Entry e = entries.get(key);
        if (e == null) {
            return OptionalLong.empty();
        }
        String literal;
        if (e.value() instanceof XlCfgValue.Num n) {
            literal = n.literal();
        } else if (e.value() instanceof XlCfgValue.Str s) {
            literal = s.text().trim();
        } else {
            throw new ConfigException(file, e.line(), "'" + key + "' must be a number, not a list");
        }
        try {
            return OptionalLong.of(parseInteger(literal));
        } catch (NumberFormatException ex) {
            throw new ConfigException(file, e.line(), "'" + key + "' must be an integer, got '" + literal + "'");
        }
    }

    /**
     * @param key a key
     * @return the items of a list value as strings; a single string or number gives a one-element list; absent
     *         gives an empty list
     */
    public List<String> strings(String key) {
        Entry e = entries.get(key);
        if (e == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (e.value() instanceof XlCfgValue.ListValue l) {
            for (XlCfgValue v : l.items()) {
                out.add(v instanceof XlCfgValue.Str s ? s.text() : ((XlCfgValue.Num) v).literal());
            }
        } else if (e.value() instanceof XlCfgValue.Str s) {
            out.add(s.text());
        } else {
            out.add(((XlCfgValue.Num) e.value()).literal());
        }
        return out;
    }

    static long parseInteger(String literal) {
        String t = literal.trim();
        if (t.startsWith("0x") || t.startsWith("0X")) {
            return Long.parseLong(t.substring(2), 16);
        }
        return Long.parseLong(t);
    }

    /** Hand-written lexer and parser; the grammar is small enough that a generator would be overkill. */
    private static final class Parser {
        private final String file;
        private final String s;
        private int pos;
        private int line = 1;

        Parser(String file, String text) {
            this.file = file;
            this.s = text;
        }

        Map<String, Entry> parseFile() {
            Map<String, Entry> out = new LinkedHashMap<>();
            while (true) {
                skipBlanksAndSeparators();
                if (pos >= s.length()) {
                    return out;
                }
                int keyLine = line;
                String key = identifier();
                skipSpaces();
                boolean append = false;
                if (peek() == '+' && peekAt(1) == '=') {
                    append = true;
                    pos += 2;
                } else if (peek() == '=') {
                    pos++;
                } else {
                    throw error("expected '=' after '" + key + "'");
                }
                skipSpaces();
                XlCfgValue value = value();
                skipSpaces();
                char c = peek();
                if (c != '\n' && c != ';' && c != '#' && c != 0 && c != '\r') {
                    throw error("unexpected '" + c + "' after the value of '" + key + "'");
                }
                Entry previous = out.get(key);
                if (append && previous != null) {
                    value = appendValues(key, previous.value(), value);
                }
                out.remove(key);
                out.put(key, new Entry(key, value, keyLine));
            }
        }

        private XlCfgValue appendValues(String key, XlCfgValue a, XlCfgValue b) {
            if (a instanceof XlCfgValue.ListValue la && b instanceof XlCfgValue.ListValue lb) {
                List<XlCfgValue> items = new ArrayList<>(la.items());
                items.addAll(lb.items());
                return new XlCfgValue.ListValue(items, la.line());
            }
            if (a instanceof XlCfgValue.Str sa && b instanceof XlCfgValue.Str sb) {
                return new XlCfgValue.Str(sa.text() + sb.text(), sa.line());
            }
            throw error("'+=' on '" + key + "' needs two lists or two strings");
        }

        private XlCfgValue value() {
            char c = peek();
            if (c == '[') {
                int startLine = line;
                pos++;
                List<XlCfgValue> items = new ArrayList<>();
                while (true) {
                    skipBlanks();
                    if (peek() == ']') {
                        pos++;
                        return new XlCfgValue.ListValue(items, startLine);
                    }
                    if (peek() == '[') {
                        throw error("lists cannot be nested");
                    }
                    items.add(atom());
                    skipBlanks();
                    if (peek() == ',') {
                        pos++;
                    } else if (peek() != ']') {
                        throw error(peek() == 0 ? "unterminated list (missing ']')" : "expected ',' or ']' in list");
                    }
                }
            }
            return atom();
        }

        private XlCfgValue atom() {
            char c = peek();
            int startLine = line;
            if (c == '"' || c == '\'') {
                return new XlCfgValue.Str(quoted(c), startLine);
            }
            if (c >= '0' && c <= '9') {
                int start = pos;
                while (pos < s.length() && isNumberChar(s.charAt(pos))) {
                    pos++;
                }
                return new XlCfgValue.Num(s.substring(start, pos), startLine);
            }
            if (c == 0 || c == '\n') {
                throw error("missing value");
            }
            throw error("unexpected '" + c + "': values are quoted strings, numbers or [lists]");
        }

        private static boolean isNumberChar(char c) {
            return Character.isLetterOrDigit(c) || c == '.' || c == '+' || c == '-';
        }

        private String quoted(char quote) {
            int startLine = line;
            pos++;
            StringBuilder b = new StringBuilder();
            while (true) {
                if (pos >= s.length() || s.charAt(pos) == '\n') {
                    line = startLine;
                    throw error("unterminated string");
                }
                char c = s.charAt(pos++);
                if (c == quote) {
                    return b.toString();
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                if (pos >= s.length()) {
                    throw error("unterminated string");
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'a' -> b.append('\u0007');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'v' -> b.append('\u000b');
                    case 'x' -> {
                        int start = pos;
                        while (pos < s.length() && pos - start < 2 && Character.digit(s.charAt(pos), 16) >= 0) {
                            pos++;
                        }
                        if (pos == start) {
                            throw error("\\x without hex digits");
                        }
                        b.append((char) Integer.parseInt(s.substring(start, pos), 16));
                    }
                    default -> {
                        if (e >= '0' && e <= '7') {
                            int start = pos - 1;
                            while (pos < s.length() && pos - start < 3 && s.charAt(pos) >= '0'
                                    && s.charAt(pos) <= '7') {
                                pos++;
                            }
                            b.append((char) Integer.parseInt(s.substring(start, pos), 8));
                        } else {
                            b.append(e);
                        }
                    }
                }
            }
        }

        private String identifier() {
            int start = pos;
            char c = peek();
            if (!(Character.isLetter(c) || c == '_')) {
                throw error("expected a key, found '" + c + "'");
            }
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                pos++;
            }
            return s.substring(start, pos);
        }

        private void skipSpaces() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
                pos++;
            }
        }

        /** Skips spaces, new lines and comments (inside lists). */
        private void skipBlanks() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '\n') {
                    line++;
                    pos++;
                } else if (c == ' ' || c == '\t' || c == '\r') {
                    pos++;
                } else if (c == '#') {
                    while (pos < s.length() && s.charAt(pos) != '\n') {
                        pos++;
                    }
                } else {
                    return;
                }
            }
        }

        private void skipBlanksAndSeparators() {
            while (true) {
                skipBlanks();
                if (peek() == ';') {
                    pos++;
                } else {
                    return;
                }
            }
        }

        private char peek() {
            return pos < s.length() ? s.charAt(pos) : 0;
        }

        private char peekAt(int offset) {
            return pos + offset < s.length() ? s.charAt(pos + offset) : 0;
        }

        private ConfigException error(String message) {
            return new ConfigException(file, line, message);
        }
    }
}
