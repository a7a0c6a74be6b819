package org.xenwb.kconfig.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The Kconfig macro language: variables ({@code =}, {@code :=}, {@code +=}), user functions with {@code $(1)}...,
 * environment variables and the built-in functions {@code shell}, {@code info}, {@code warning-if},
 * {@code error-if}, {@code filename} and {@code lineno}, with the semantics of Linux 6.1.
 *
 * <p>Used by the lexer of one parse; not thread-safe.</p>
 */
final class Preprocessor {

    /** Where the lexer is, for error messages and {@code $(filename)}/{@code $(lineno)}. */
    interface Position {
        String file();

        int line();
    }

    private enum Flavor { RECURSIVE, SIMPLE }

    private static final class Variable {
        String value;
        Flavor flavor;
        int expCount;
    }

    private static final int MAX_ARGS = 16;

    private final Map<String, Variable> variables = new LinkedHashMap<>();
    private final Map<String, String> environment;
    private final Map<String, String> usedEnvironment = new LinkedHashMap<>();
    private final ShellPolicy policy;
    private final Path workDir;
    private final List<ShellPolicy.Call> shellCalls = new ArrayList<>();
    private final Consumer<String> out;
    private final Consumer<String> err;
    /** Outputs of earlier loads, or null. */
    private final ShellOutputCache shellCache;
    private Position position;

    Preprocessor(Map<String, String> environment, ShellPolicy policy, Path workDir, Consumer<String> out,
            Consumer<String> err, ShellOutputCache shellCache) {
        this.environment = environment;
        this.shellCache = shellCache;
        this.policy = policy;
        this.workDir = workDir;
        this.out = out;
        this.err = err;
    }

    void setPosition(Position position) {
        this.position = position;
    }

    List<ShellPolicy.Call> shellCalls() {
        return shellCalls;
    }

    /** Environment variables the tree referenced, in first-use order, with their values. */
    Map<String, String> usedEnvironment() {
        return usedEnvironment;
    }

    private KconfigException error(String message) {
        return new KconfigException(position.file() + ":" + position.line() + ": " + message);
    }

    /** A statement {@code NAME = VALUE}, {@code :=} or {@code +=}. */
    void addVariable(String name, String value, String op) {
        Variable v = variables.get(name);
        boolean append = false;
        Flavor flavor = op.equals(":=") ? Flavor.SIMPLE : Flavor.RECURSIVE;
        if (v != null) {
            if (op.equals("+=")) {
                flavor = v.flavor;
                append = true;
            }
        } else {
            v = new Variable();
            variables.put(name, v);
        }
        v.flavor = flavor;
        String newValue = flavor == Flavor.SIMPLE ? expandString(value) : value;
        v.value = append ? v.value + " " + newValue : newValue;
    }

    /** Expands a whole string (end of input ends it). */
    String expandString(String in) {
        return expandWithArgs(in, List.of());
    }

    private String expandWithArgs(String in, List<String> args) {
        int[] pos = {0};
        return expand(in, pos, false, args);
    }

    /**
     * Expands from {@code pos[0]} up to the end of a token (a character other than letters, digits, {@code _} and
     * {@code -} outside references) or of the string; leaves {@code pos[0]} at the first unused character.
     */
    String expandOneToken(String in, int[] pos) {
        return expand(in, pos, true, List.of());
    }

    /** Expands one reference; {@code pos[0]} is just after the {@code $}. */
    String expandDollar(String in, int[] pos) {
        return expandDollar(in, pos, List.of());
    }

    private String expand(String in, int[] pos, boolean tokenEnd, List<String> args) {
        StringBuilder sb = new StringBuilder();
        int p = pos[0];
        while (true) {
            if (p < in.length() && in.charAt(p) == '$') {
                int[] q = {p + 1};
                sb.append(expandDollar(in, q, args));
                p = q[0];
                continue;
            }
            if (p >= in.length()) {
                break;
            }
            if (tokenEnd) {
                char c = in.charAt(p);
                boolean word = c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-');
                if (!word) {
                    break;
                }
            }
            sb.append(in.charAt(p));
            p++;
        }
        pos[0] = p;
        return sb.toString();
    }

    private String expandDollar(String in, int[] pos, List<String> args) {
        int p = pos[0];
        if (p >= in.length() || in.charAt(p) != '(') {
            return "$";
        }
        p++;
        int q = p;
        int nest = 0;
        while (q < in.length()) {
            char c = in.charAt(q);
            if (c == '(') {
                nest++;
            } else if (c == ')') {
                if (nest-- == 0) {
                    break;
                }
            }
            q++;
        }
        if (q >= in.length()) {
            throw error("unterminated reference to '" + in.substring(p) + "': missing ')'");
        }
        pos[0] = q + 1;
        return evalClause(in.substring(p, q), args);
    }

    private String evalClause(String clause, List<String> args) {
        if (!clause.isEmpty() && clause.chars().allMatch(Character::isDigit) && clause.length() < 10) {
            int n = Integer.parseInt(clause);
            if (n > 0 && n <= args.size()) {
                return args.get(n - 1);
            }
        }
        List<String> raw = new ArrayList<>();
        int nest = 0;
        int prev = 0;
        for (int i = 0; i < clause.length(); i++) {
            char c = clause.charAt(i);
            if (nest == 0 && c == ',') {
                if (raw.size() >= MAX_ARGS) {
                    throw error("too many function arguments");
                }
                raw.add(clause.substring(prev, i));
                prev = i + 1;
            } else if (c == '(') {
                nest++;
            } else if (c == ')') {
                nest--;
            }
        }
        if (raw.size() >= MAX_ARGS) {
            throw error("too many function arguments");
        }
        raw.add(clause.substring(prev));
        String name = expandWithArgs(raw.get(0), args);
        List<String> newArgs = new ArrayList<>();
        for (int i = 1; i < raw.size(); i++) {
            newArgs.add(expandWithArgs(raw.get(i), args));
        }
        String res = expandVariable(name, newArgs);
        if (res != null) {
            return res;
        }
        res = expandFunction(name, newArgs);
        if (res != null) {
            return res;
        }
        if (newArgs.isEmpty()) {
            res = expandEnvironment(name);
            if (res != null) {
                return res;
            }
        }
        return "";
    }

    private String expandVariable(String name, List<String> args) {
        Variable v = variables.get(name);
        if (v == null) {
            return null;
        }
        if (args.isEmpty() && v.expCount > 0) {
            throw error("Recursive variable '" + name + "' references itself (eventually)");
        }
        if (v.expCount > 1000) {
            throw error("Too deep recursive expansion");
        }
        v.expCount++;
        try {
            return v.flavor == Flavor.RECURSIVE ? expandWithArgs(v.value, args) : v.value;
        } finally {
            v.expCount--;
        }
    }

    private String expandEnvironment(String name) {
        if (name.isEmpty()) {
            return null;
        }
        String used = usedEnvironment.get(name);
        if (used != null) {
            return used;
        }
        String value = environment.get(name);
        if (value == null) {
            return null;
        }
        usedEnvironment.put(name, value);
        return value;
    }

    private String expandFunction(String name, List<String> args) {
        int min;
        int max;
        switch (name) {
            case "error-if", "warning-if" -> {
                min = 2;
                max = 2;
            }
            case "filename", "lineno" -> {
                min = 0;
                max = 0;
            }
            case "info", "shell" -> {
                min = 1;
                max = 1;
            }
            default -> {
                return null;
            }
        }
        if (args.size() < min) {
            throw error("too few function arguments passed to '" + name + "'");
        }
        if (args.size() > max) {
            throw error("too many function arguments passed to '" + name + "'");
        }
        switch (name) {
            case "error-if" -> {
                if (args.get(0).equals("y")) {
                    throw error(args.get(1));
                }
                return "";
            }
            case "warning-if" -> {
                if (args.get(0).equals("y")) {
                    err.accept(position.file() + ":" + position.line() + ": " + args.get(1));
                }
                return "";
            }
            case "filename" -> {
                return position.file();
            }
            case "lineno" -> {
                return Integer.toString(position.line());
            }
            case "info" -> {
                out.accept(args.get(0));
                return "";
            }
            default -> {
                return shell(args.get(0));
            }
        }
    }

    private String shell(String command) {
        String file = position.file();
        int line = position.line();
        if (!policy.allow(command, file, line)) {
            String assumed = policy.assumedOutput(command);
            shellCalls.add(new ShellPolicy.Call(file, line, command, false, assumed));
            return assumed;
        }
        byte[] buf = shellCache == null ? null : shellCache.get(workDir, environment, command);
        if (buf == null) {
            buf = run(command);
            if (shellCache != null) {
                shellCache.put(workDir, environment, command, buf);
            }
        } else {
            buf = buf.clone();
        }
        int n = Math.min(buf.length, 4096);
        if (n == 4096) {
            n--;
        }
        while (n > 0 && buf[n - 1] == '\n') {
            n--;
        }
        for (int i = 0; i < n; i++) {
            if (buf[i] == '\n') {
                buf[i] = ' ';
            }
        }
        String result = new String(buf, 0, n, StandardCharsets.UTF_8);
        shellCalls.add(new ShellPolicy.Call(file, line, command, true, result));
        return result;
    }

    /** Runs a command as conf does ({@code /bin/sh -c}, stdin from /dev/null) and returns its standard output. */
    private byte[] run(String command) {
        byte[] buf;
        try {
            ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command);
            pb.directory(workDir.toFile());
            pb.environment().clear();
            pb.environment().putAll(environment);
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Process proc = pb.start();
            try (InputStream in = proc.getInputStream()) {
                ByteArrayOutputStream bos = new ByteArrayOutputStream();
                in.transferTo(bos);
                buf = bos.toByteArray();
            }
            proc.waitFor();
        } catch (IOException e) {
            throw error(command + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw error(command + ": interrupted");
        }
        return buf;
    }
}
