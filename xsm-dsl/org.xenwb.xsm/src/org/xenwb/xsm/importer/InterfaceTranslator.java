package org.xenwb.xsm.importer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts the m4 {@code define}s of a module interface (.if) into macros of the language, keeping the comments
 * around them. A define's body becomes the macro's body with {@code $N} replaced by parameter names (taken from the
 * usage comment above the define, such as {@code # create_domain(priv, target)}, when there is one), {@code $N_x}
 * by the pasted name {@code $name_x}, Xen's {@code `'ifelse(`$#', `1', `', `,shift($@)')} by a variadic parameter
 * and a nested {@code define(`$1_self', `$1')} by the statement {@code define $name_self = name;}. Any other m4
 * construct in a body is refused with its file and line. Stateless.
 */
final class InterfaceTranslator {

    private static final Pattern ARGUMENT = Pattern.compile("\\$(\\d+)([A-Za-z0-9_]*)");
    private static final Pattern REST = Pattern.compile(
            "`'ifelse\\(`\\$#',\\s*`(\\d+)',\\s*`',\\s*`,\\s*shift\\(\\$@\\)'\\)");
    private static final Pattern NESTED_DEFINE = Pattern.compile(
            "define\\(`(\\$\\d+[A-Za-z0-9_]*)',\\s*`(\\$\\d+[A-Za-z0-9_]*)'\\)");
    private static final Pattern LEFTOVER = Pattern.compile("[`']|\\$[#@*]|\\bdnl\\b|\\b(ifelse|ifdef"
            + "|shift|define|incr|decr|eval|divert|include|undefine|len|index|substr|translit|format)\\(");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String REST_MARKER = "\u0000rest\u0000";

    private InterfaceTranslator() {
    }

    /**
     * @param file the file's path in the Xen tree (for messages)
     * @param text the .if text
     * @return the text in the language: comments as they were, each define as a macro
     * @throws PolicyImportException when a define cannot be a macro
     */
    static String translate(String file, String text) throws PolicyImportException {
        List<M4Call> defines;
        try {
            defines = M4Scanner.calls(text, Set.of("define"));
        } catch (IllegalArgumentException e) {
            throw new PolicyImportException(file, 1, e.getMessage());
        }
        StringBuilder out = new StringBuilder();
        int done = 0;
        for (M4Call define : defines) {
            out.append(text, done, define.start());
            out.append(macro(file, text, define));
            done = define.end();
        }
        out.append(text.substring(done));
        return out.toString();
    }

    /** @return the names the .if defines, in order */
    static List<String> definedNames(String text) {
        List<String> names = new ArrayList<>();
        for (M4Call define : M4Scanner.calls(text, Set.of("define"))) {
            names.add(define.arguments().get(0));
        }
        return names;
    }

    private static String macro(String file, String text, M4Call define) throws PolicyImportException {
        int line = define.line(text);
        if (define.arguments().size() != 2 || !IDENTIFIER.matcher(define.arguments().get(0)).matches()) {
            throw new PolicyImportException(file, line, "a define with a name and a body was expected");
        }
        String name = define.arguments().get(0);
        String body = define.arguments().get(1);
        int fixed = 0;
        Matcher arguments = ARGUMENT.matcher(body);
        while (arguments.find()) {
            fixed = Math.max(fixed, Integer.parseInt(arguments.group(1)));
        }
        Matcher rest = REST.matcher(body);
        boolean variadic = rest.find();
        if (variadic && Integer.parseInt(rest.group(1)) != fixed) {
            throw new PolicyImportException(file, line, "macro " + name + ": the argument count test does not"
                    + " match the highest $N");
        }
        body = REST.matcher(body).replaceAll(", " + REST_MARKER);
        List<String> parameters = parameterNames(text, define, fixed, variadic, body);
        body = NESTED_DEFINE.matcher(body).replaceAll(match -> Matcher.quoteReplacement("define "
                + paste(match.group(1), parameters) + " = " + paste(match.group(2), parameters) + ";"));
        // Checked with m4's empty quotes as separators, so that "$1_`'incr(" is seen as a call of incr.
        String separated = body.replace("`'", " ");
        Matcher leftover = LEFTOVER.matcher(separated);
        if (leftover.find()) {
            throw new PolicyImportException(file, line + M4Call.lineOf(separated, leftover.start()) - 1, "macro "
                    + name
                    + ": m4 construct '" + leftover.group() + "' has no equivalent in the language");
        }
        body = body.replace("`'", "");
        body = ARGUMENT.matcher(body).replaceAll(match -> Matcher.quoteReplacement(paste(match.group(), parameters)));
        if (variadic) {
            body = body.replace(REST_MARKER, parameters.get(fixed));
        }
        return "macro " + name + "(" + String.join(", ", parameters).replaceAll("(\\w+)$", variadic ? "$1..." : "$1")
                + ") {" + body.stripTrailing() + "\n}";
    }

    /** {@code $2} gives the second parameter's name, {@code $2_x} the pasted name {@code $name_x}. */
    private static String paste(String reference, List<String> parameters) {
        Matcher match = ARGUMENT.matcher(reference);
        if (!match.matches()) {
            return reference;
        }
        String parameter = parameters.get(Integer.parseInt(match.group(1)) - 1);
        return match.group(2).isEmpty() ? parameter : "$" + parameter + match.group(2);
    }

    /**
     * Parameter names from the usage comment just above the define ({@code # name(a, b, rest...)}), made valid
     * identifiers that are no keyword and no name the body uses; {@code argN} where there is no usable comment.
     */
    private static List<String> parameterNames(String text, M4Call define, int fixed, boolean variadic,
            String body) {
        List<String> documented = documentedParameters(text, define);
        Set<String> bodyNames = new LinkedHashSet<>();
        Matcher names = IDENTIFIER.matcher(ARGUMENT.matcher(body).replaceAll(" "));
        while (names.find()) {
            bodyNames.add(names.group());
        }
        int count = fixed + (variadic ? 1 : 0);
        List<String> parameters = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String candidate = i < documented.size() ? documented.get(i).replace("...", "")
                    .replaceAll("[^A-Za-z0-9_]", "_") : "";
            if (!IDENTIFIER.matcher(candidate).matches()) {
                candidate = "arg" + (i + 1);
            }
            while (Keywords.ALL.contains(candidate) || bodyNames.contains(candidate)
                    || parameters.contains(candidate)) {
                candidate = candidate + "_arg";
            }
            parameters.add(candidate);
        }
        if (documented.size() != count) {
            for (int i = 0; i < count; i++) {
                parameters.set(i, "arg" + (i + 1));
            }
        }
        return parameters;
    }

    /** The parameters named by a {@code # NAME(a, b)} line of the comment block directly above the define. */
    private static List<String> documentedParameters(String text, M4Call define) {
        String[] lines = text.substring(0, define.start()).split("\n", -1);
        Pattern usage = Pattern.compile("#\\s*" + Pattern.quote(define.arguments().get(0)) + "\\(([^)]*)\\).*");
        int i = lines.length - 1;
        if (!lines[i].isBlank()) {
            return List.of();
        }
        for (i--; i >= 0 && lines[i].startsWith("#"); i--) {
            Matcher match = usage.matcher(lines[i]);
            if (match.matches()) {
                List<String> names = new ArrayList<>();
                for (String name : match.group(1).split(",")) {
                    names.add(name.strip());
                }
                return names;
            }
        }
        return List.of();
    }
}
