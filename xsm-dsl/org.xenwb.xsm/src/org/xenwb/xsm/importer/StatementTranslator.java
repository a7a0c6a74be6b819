package org.xenwb.xsm.importer;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Converts the m4 calls in policy statements (.te, .cons and the policy/ files) that cannot be macros of the
 * language: they are expanded at import as Xen's default build (without {@code enable_mls}) expands them, each
 * with a comment saying so. Calls of the interfaces' macros stay calls. Stateless.
 *
 * <ul>
 * <li>{@code gen_bool(NAME, VALUE)} becomes {@code bool NAME VALUE;} (m4's {@code -D NAME_conf=...} override is
 * not kept).</li>
 * <li>{@code gen_user(USER, PREFIX, ROLES, LEVEL, RANGE)} becomes {@code user USER roles { ROLES };} where it is
 * called; {@code gen_all_users()}, which m4 uses to write them all in policy/users, becomes a comment.</li>
 * <li>{@code gen_context(CONTEXT, LEVEL)} becomes {@code CONTEXT}.</li>
 * <li>{@code ifdef(`enable_mls', MLS, PLAIN)} becomes PLAIN.</li>
 * <li>A {@code define} in a module becomes a comment; calling what it defines is refused.</li>
 * </ul>
 */
final class StatementTranslator {

    private static final Set<String> EXPANDED = Set.of("gen_bool", "gen_user", "gen_all_users", "gen_context",
            "ifdef", "ifelse", "define");
    private static final String MLS = "enable_mls";

    private StatementTranslator() {
    }

    /**
     * @param file the file's path in the Xen tree (for messages)
     * @param text the file's text
     * @param undefinable names defined in modules but not imported: calling one is an error
     * @return the text in the language
     * @throws PolicyImportException for an m4 construct the importer does not know
     */
    static String translate(String file, String text, Set<String> undefinable) throws PolicyImportException {
        List<M4Call> calls;
        try {
            calls = M4Scanner.calls(text, union(EXPANDED, undefinable));
        } catch (IllegalArgumentException e) {
            throw new PolicyImportException(file, 1, e.getMessage());
        }
        StringBuilder out = new StringBuilder();
        int done = 0;
        for (M4Call call : calls) {
            out.append(text, done, call.start());
            out.append(expand(file, text, call, undefinable));
            done = call.end();
        }
        out.append(text.substring(done));
        return out.toString();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static String expand(String file, String text, M4Call call, Set<String> undefinable)
            throws PolicyImportException {
        List<String> args = call.arguments();
        int line = call.line(text);
        String original = text.substring(call.start(), call.end());
        switch (call.name()) {
            case "gen_bool" -> {
                expect(file, line, call, 2);
                return "# m4 " + original + " expanded at import (the m4 override " + args.get(0)
                        + "_conf is not kept)\nbool " + args.get(0) + " " + args.get(1).strip() + ";";
            }
            case "gen_user" -> {
                expect(file, line, call, 5);
                return "# m4 " + original + " expanded at import (Xen's default build: no MLS level and range)\n"
                        + "user " + args.get(0) + " roles { " + args.get(2).strip() + " };";
            }
            case "gen_all_users" -> {
                return "# m4 " + original + " not imported: each gen_user call became a user statement where it"
                        + " is called";
            }
            case "gen_context" -> {
                if (args.isEmpty() || args.size() > 3) {
                    throw new PolicyImportException(file, line, "gen_context takes a context and a level");
                }
                return args.get(0).strip();
            }
            case "ifdef" -> {
                if (args.size() < 2 || !args.get(0).equals(MLS)) {
                    throw new PolicyImportException(file, line, "ifdef of " + (args.isEmpty() ? "nothing" : args
                            .get(0)) + ": only ifdef(`" + MLS + "', ...) is imported");
                }
                String plain = args.size() > 2 ? args.get(2) : "";
                return "# m4 ifdef(`" + MLS + "', ...) at import: Xen's default build has no MLS, so only its"
                        + " second branch is kept" + (plain.isBlank() ? " (empty)" : "\n" + plain);
            }
            case "define" -> {
                return "# m4 define of " + (args.isEmpty() ? "?" : args.get(0)) + " not imported (its body is not a"
                        + " macro of the language; no imported file calls it):\n" + original.replaceAll("(?m)^", "# ");
            }
            default -> {
                if (undefinable.contains(call.name())) {
                    throw new PolicyImportException(file, line, call.name() + " is an m4 macro that the importer"
                            + " cannot convert to a macro of the language");
                }
                throw new PolicyImportException(file, line, "m4 construct " + call.name() + " is not supported");
            }
        }
    }

    private static void expect(String file, int line, M4Call call, int count) throws PolicyImportException {
        if (call.arguments().size() != count) {
            throw new PolicyImportException(file, line, call.name() + " takes " + count + " arguments, given "
                    + call.arguments().size());
        }
    }
}
