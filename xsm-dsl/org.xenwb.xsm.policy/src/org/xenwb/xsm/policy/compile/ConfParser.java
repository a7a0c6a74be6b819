package org.xenwb.xsm.policy.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.xenwb.xsm.policy.AvRule;
import org.xenwb.xsm.policy.CondExpr;
import org.xenwb.xsm.policy.ConstraintExpr;
import org.xenwb.xsm.policy.DeviceContext;
import org.xenwb.xsm.policy.compile.ConfLexer.Token;
import org.xenwb.xsm.policy.compile.Specs.CondItem;
import org.xenwb.xsm.policy.compile.Specs.ConstraintItem;
import org.xenwb.xsm.policy.compile.Specs.Context;
import org.xenwb.xsm.policy.compile.Specs.Level;
import org.xenwb.xsm.policy.compile.Specs.Perms;
import org.xenwb.xsm.policy.compile.Specs.TypeSet;

/**
 * Reads policy.conf text (the form Xen's build feeds to {@code checkpolicy -t Xen}) into a {@link PolicyBuilder}.
 * Covers the statements Xen policies use: classes, commons, initial SIDs, defaults, MLS sensitivities, categories,
 * levels and constraints, policy capabilities, attributes, types, aliases, typeattribute, typebounds, booleans,
 * allow/auditallow/dontaudit/neverallow, type_transition/type_member/type_change, conditionals, roles, role allow,
 * role_transition, users, constrain/validatetrans, SID contexts and Xen's device contexts. Errors name the original
 * file and line (through m4's {@code #line} markers). Sections must come in checkpolicy's order ({@link ConfSections}):
 * a statement out of order, or a text that ends before the initial SID contexts (an empty file), is a syntax error,
 * as checkpolicy reports it. One parser reads one text; not thread-safe.
 */
public final class ConfParser {

    private static final Set<String> POLCAPS = Set.of("network_peer_controls", "open_perms",
            "extended_socket_class", "always_check_network", "cgroup_seclabel", "nnp_nosuid_transition",
            "genfs_seclabel_symlinks", "ioctl_skip_cloexec");
    private static final List<String> POLCAP_ORDER = List.of("network_peer_controls", "open_perms",
            "extended_socket_class", "always_check_network", "cgroup_seclabel", "nnp_nosuid_transition",
            "genfs_seclabel_symlinks", "ioctl_skip_cloexec");

    private final List<Token> tokens;
    private final PolicyBuilder b;
    private final ConfSections sections = new ConfSections();
    private int pos;

    private ConfParser(List<Token> tokens, PolicyBuilder builder) {
        this.tokens = tokens;
        this.b = builder;
    }

    /**
     * Parses policy.conf text into a new builder.
     *
     * @param text the policy.conf text
     * @param fileName the name used in diagnostics before the first {@code #line}
     * @return the builder holding every statement
     * @throws PolicyCompileException on the first syntax or declaration error
     */
    public static PolicyBuilder parse(String text, String fileName) throws PolicyCompileException {
        PolicyBuilder builder = new PolicyBuilder();
        ConfParser parser = new ConfParser(ConfLexer.tokens(text, fileName), builder);
        parser.statements(false);
        parser.sections.end(parser.tokens.isEmpty() ? new SourceLocation(fileName, 1) : parser.loc());
        return builder;
    }

    private boolean atEnd() {
        return pos >= tokens.size();
    }

    private String peek(int ahead) {
        return pos + ahead < tokens.size() ? tokens.get(pos + ahead).text() : "";
    }

    private SourceLocation loc() {
        if (tokens.isEmpty()) {
            return SourceLocation.UNKNOWN;
        }
        return tokens.get(Math.min(pos, tokens.size() - 1)).location();
    }

    private String next() throws PolicyCompileException {
        if (atEnd()) {
            throw new PolicyCompileException(loc(), "unexpected end of policy");
        }
        return tokens.get(pos++).text();
    }

    private void expect(String text) throws PolicyCompileException {
        SourceLocation at = loc();
        String t = next();
        if (!t.equals(text)) {
            throw new PolicyCompileException(at, "syntax error: expected '" + text + "' but found '" + t + "'");
        }
    }

    private boolean accept(String text) {
        if (peek(0).equals(text)) {
            pos++;
            return true;
        }
        return false;
    }

    private String name() throws PolicyCompileException {
        SourceLocation at = loc();
        String t = next();
        if (t.isEmpty() || !Character.isLetterOrDigit(t.charAt(0)) && t.charAt(0) != '_' && t.charAt(0) != '$') {
            throw new PolicyCompileException(at, "syntax error: expected a name but found '" + t + "'");
        }
        return t;
    }

    /** {@code name} or {@code { a b c }}. */
    private List<String> names() throws PolicyCompileException {
        List<String> list = new ArrayList<>();
        if (accept("{")) {
            while (!accept("}")) {
                list.add(name());
            }
        } else {
            list.add(name());
        }
        return list;
    }

    private List<String> commaNames() throws PolicyCompileException {
        List<String> list = new ArrayList<>();
        list.add(name());
        while (accept(",")) {
            list.add(name());
        }
        return list;
    }

    private void statements(boolean inConditional) throws PolicyCompileException {
        while (!atEnd()) {
            if (inConditional && peek(0).equals("}")) {
                return;
            }
            statement();
        }
    }

    private void statement() throws PolicyCompileException {
        SourceLocation at = loc();
        String k = next();
        ConfSections.Section section = section(k);
        if (section != null) {
            sections.enter(section, at, k);
        }
        switch (k) {
            case ";" -> {
                // an empty statement: m4 macro calls leave their ';' behind
            }
            case "class" -> classStatement(at);
            case "sid" -> sidStatement(at);
            case "common" -> {
                String n = name();
                b.defineCommon(at, n, names());
            }
            case "default_user", "default_role", "default_type" -> {
                List<String> classes = names();
                String v = next();
                expect(";");
                int value = v.equals("source") ? 1 : v.equals("target") ? 2 : bad(at, v);
                b.defaultRule(at, k.substring(8), classes, value);
            }
            case "default_range" -> defaultRange(at);
            case "sensitivity", "category" -> {
                String n = name();
                List<String> aliases = accept("alias") ? names() : List.of();
                expect(";");
                if (k.equals("sensitivity")) {
                    b.declareSensitivity(at, n, aliases);
                } else {
                    b.declareCategory(at, n, aliases);
                }
            }
            case "dominance" -> b.dominance(at, names());
            case "level" -> {
                Level l = level();
                expect(";");
                b.level(at, l);
            }
            case "mlsconstrain", "constrain" -> {
                List<String> classes = names();
                Perms perms = perms();
                List<ConstraintItem> expr = new ArrayList<>();
                cexpr(expr, 0);
                expect(";");
                b.constrain(at, classes, perms, expr);
            }
            case "mlsvalidatetrans", "validatetrans" -> {
                List<String> classes = names();
                List<ConstraintItem> expr = new ArrayList<>();
                cexpr(expr, 0);
                expect(";");
                b.validateTrans(at, classes, expr);
            }
            case "policycap" -> {
                String n = name();
                expect(";");
                if (!POLCAPS.contains(n)) {
                    throw new PolicyCompileException(at, "unknown policy capability " + n);
                }
                b.policyCapability(at, POLCAP_ORDER.indexOf(n));
            }
            case "attribute" -> {
                String n = name();
                expect(";");
                b.declareAttribute(at, n);
            }
            case "type" -> typeStatement(at);
            case "typealias" -> {
                String t = name();
                expect("alias");
                List<String> aliases = names();
                expect(";");
                b.typeAlias(at, t, aliases);
            }
            case "typeattribute" -> {
                String t = name();
                List<String> attrs = commaNames();
                expect(";");
                b.typeAttribute(at, t, attrs);
            }
            case "typebounds" -> {
                String parent = name();
                for (String child : commaNames()) {
                    b.typeBounds(at, parent, child);
                }
                expect(";");
            }
            case "bool" -> {
                String n = name();
                String v = next();
                expect(";");
                b.declareBool(at, n, v.equals("true") ? true : v.equals("false") ? false : bad(at, v) == 0);
            }
            case "allow" -> allow(at);
            case "auditallow" -> avRule(at, AvRule.AUDITALLOW);
            case "dontaudit" -> avRule(at, AvRule.AUDITDENY);
            case "neverallow" -> avRule(at, PolicyBuilder.NEVERALLOW);
            case "type_transition" -> typeRule(at, AvRule.TRANSITION);
            case "type_member" -> typeRule(at, AvRule.MEMBER);
            case "type_change" -> typeRule(at, AvRule.CHANGE);
            case "if" -> conditional(at);
            case "role" -> {
                String n = name();
                TypeSet types = accept("types") ? typeSet(false).set : null;
                expect(";");
                b.role(at, n, types);
            }
            case "role_transition" -> {
                List<String> roles = names();
                TypeSet types = typeSet(false).set;
                if (!accept(":")) {
                    throw new PolicyCompileException(at, "could not find process class for legacy "
                            + "role_transition statement");
                }
                List<String> classes = names();
                String newRole = name();
                expect(";");
                b.roleTransition(at, roles, types, classes, newRole);
            }
            case "user" -> userStatement(at);
            case "pirqcon", "pcidevicecon" -> {
                long v = number(at, next());
                b.deviceContext(at, k.equals("pirqcon") ? DeviceContext.Kind.PIRQ : DeviceContext.Kind.PCIDEVICE,
                        v, v, null, context());
            }
            case "iomemcon", "ioportcon" -> {
                long low = number(at, next());
                long high = accept("-") ? number(at, next()) : low;
                b.deviceContext(at, k.equals("iomemcon") ? DeviceContext.Kind.IOMEM : DeviceContext.Kind.IOPORT,
                        low, high, null, context());
            }
            case "devicetreecon" -> {
                String path = next();
                if (path.startsWith("\"")) {
                    path = path.substring(1, path.length() - 1);
                }
                b.deviceContext(at, DeviceContext.Kind.DEVICETREE, 0, 0, path, context());
            }
            default -> throw new PolicyCompileException(at, "syntax error at '" + k + "'" + context(pos));
        }
    }

    /** @return the section of the statement starting with keyword {@code k} (already read), null if unknown */
    private ConfSections.Section section(String k) {
        return switch (k) {
            case "class" -> peek(1).equals("{") || peek(1).equals("inherits") ? ConfSections.Section.ACCESS_VECTORS
                    : ConfSections.Section.CLASSES;
            case "sid" -> peek(2).equals(":") ? ConfSections.Section.SID_CONTEXTS : ConfSections.Section.INITIAL_SIDS;
            case "common" -> ConfSections.Section.COMMONS;
            case "default_user", "default_role", "default_type", "default_range" -> ConfSections.Section.DEFAULTS;
            case "sensitivity" -> ConfSections.Section.SENSITIVITIES;
            case "dominance" -> ConfSections.Section.DOMINANCE;
            case "category" -> ConfSections.Section.CATEGORIES;
            case "level" -> ConfSections.Section.LEVELS;
            case "mlsconstrain", "mlsvalidatetrans" -> ConfSections.Section.MLS_CONSTRAINTS;
            case ";", "policycap", "attribute", "type", "typealias", "typeattribute", "typebounds", "bool", "allow",
                    "auditallow", "dontaudit", "neverallow", "type_transition", "type_member", "type_change", "if",
                    "role", "role_transition" -> ConfSections.Section.TE_RBAC;
            case "user" -> ConfSections.Section.USERS;
            case "constrain", "validatetrans" -> ConfSections.Section.CONSTRAINTS;
            case "pirqcon", "pcidevicecon", "iomemcon", "ioportcon", "devicetreecon" ->
                    ConfSections.Section.DEVICE_CONTEXTS;
            default -> null;
        };
    }

    private String context(int at) {
        StringBuilder sb = new StringBuilder(" (after:");
        for (int i = Math.max(0, at - 12); i < at; i++) {
            sb.append(' ').append(tokens.get(i).text());
        }
        return sb.append(')').toString();
    }

    private static int bad(SourceLocation at, String v) throws PolicyCompileException {
        throw new PolicyCompileException(at, "syntax error at '" + v + "'");
    }

    private static long number(SourceLocation at, String text) throws PolicyCompileException {
        try {
            return text.startsWith("0x") || text.startsWith("0X") ? Long.parseUnsignedLong(text.substring(2), 16)
                    : Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new PolicyCompileException(at, "bad number '" + text + "'");
        }
    }

    private void classStatement(SourceLocation at) throws PolicyCompileException {
        String n = name();
        boolean definition = peek(0).equals("{") || peek(0).equals("inherits");
        if (!definition) {
            b.declareClass(at, n);
            return;
        }
        String common = accept("inherits") ? name() : null;
        List<String> perms = peek(0).equals("{") ? names() : List.of();
        b.defineClass(at, n, common, perms);
    }

    private void sidStatement(SourceLocation at) throws PolicyCompileException {
        String n = name();
        if (peek(1).equals(":")) {
            b.sidContext(at, n, context());
        } else {
            b.declareSid(at, n);
        }
    }

    private void defaultRange(SourceLocation at) throws PolicyCompileException {
        List<String> classes = names();
        String which = next();
        int value;
        if (which.equals("glblub")) {
            value = 7;
        } else {
            String range = next();
            if (range.equals("low") && accept("-")) {
                range = "low-" + next();
            }
            int base = which.equals("source") ? 0 : which.equals("target") ? 3 : bad(at, which);
            value = base + switch (range) {
                case "low" -> 1;
                case "high" -> 2;
                case "low-high" -> 3;
                default -> bad(at, range);
            };
        }
        expect(";");
        b.defaultRule(at, "range", classes, value);
    }

    private void typeStatement(SourceLocation at) throws PolicyCompileException {
        String n = name();
        List<String> aliases = accept("alias") ? names() : List.of();
        List<String> attrs = new ArrayList<>();
        while (accept(",")) {
            attrs.add(name());
        }
        expect(";");
        b.declareType(at, n, aliases, attrs);
    }

    private void userStatement(SourceLocation at) throws PolicyCompileException {
        String n = name();
        expect("roles");
        List<String> roles = names();
        Level dflt = null;
        Level low = null;
        Level high = null;
        if (accept("level")) {
            dflt = level();
            expect("range");
            low = level();
            if (accept("-")) {
                high = level();
            }
        }
        expect(";");
        b.user(at, n, roles, dflt, low, high);
    }

    /** A type set, with {@code self} allowed (and reported) in target position. */
    private record TargetSet(TypeSet set, boolean self) {
    }

    private TargetSet typeSet(boolean allowSelf) throws PolicyCompileException {
        List<String> names = new ArrayList<>();
        List<String> negated = new ArrayList<>();
        boolean star = false;
        boolean complement = false;
        boolean self = false;
        if (accept("*")) {
            star = true;
        } else {
            complement = accept("~");
            if (accept("{")) {
                while (!accept("}")) {
                    if (accept("-")) {
                        negated.add(name());
                    } else if (accept("*")) {
                        star = true;
                    } else {
                        names.add(name());
                    }
                }
            } else {
                names.add(name());
            }
        }
        if (allowSelf && names.remove("self")) {
            self = true;
        }
        return new TargetSet(new TypeSet(names, negated, star, complement), self);
    }

    private Perms perms() throws PolicyCompileException {
        if (accept("*")) {
            return new Perms(List.of(), true, false);
        }
        boolean complement = accept("~");
        return new Perms(names(), false, complement);
    }

    private void allow(SourceLocation at) throws PolicyCompileException {
        int start = pos;
        TargetSet source = typeSet(false);
        TargetSet target = typeSet(true);
        if (accept(";")) {
            pos = start;
            List<String> from = names();
            List<String> to = names();
            expect(";");
            b.roleAllow(at, from, to);
            return;
        }
        expect(":");
        List<String> classes = names();
        Perms perms = perms();
        expect(";");
        b.avRule(at, AvRule.ALLOWED, source.set, target.set, target.self, classes, perms);
    }

    private void avRule(SourceLocation at, int kind) throws PolicyCompileException {
        TargetSet source = typeSet(false);
        TargetSet target = typeSet(true);
        expect(":");
        List<String> classes = names();
        Perms perms = perms();
        expect(";");
        b.avRule(at, kind, source.set, target.set, target.self, classes, perms);
    }

    private void typeRule(SourceLocation at, int kind) throws PolicyCompileException {
        TypeSet source = typeSet(false).set;
        TypeSet target = typeSet(false).set;
        expect(":");
        List<String> classes = names();
        String newType = name();
        if (peek(0).startsWith("\"")) {
            throw new PolicyCompileException(at, "name-based type transitions are not supported for Xen");
        }
        expect(";");
        b.typeRule(at, kind, source, target, classes, newType);
    }

    private void conditional(SourceLocation at) throws PolicyCompileException {
        expect("(");
        List<CondItem> expr = new ArrayList<>();
        condExpr(expr, 0);
        expect(")");
        b.beginConditional(at, expr);
        expect("{");
        statements(true);
        expect("}");
        if (accept("else")) {
            b.elseBranch();
            expect("{");
            statements(true);
            expect("}");
        }
        b.endConditional();
    }

    private static int condPrecedence(String op) {
        return switch (op) {
            case "||" -> 1;
            case "^" -> 2;
            case "&&" -> 3;
            case "==", "!=" -> 5;
            default -> -1;
        };
    }

    /** Precedence climbing over OR < XOR < AND < NOT < EQ/NEQ, emitting postfix. */
    private void condExpr(List<CondItem> out, int minPrecedence) throws PolicyCompileException {
        condUnary(out);
        while (condPrecedence(peek(0)) > minPrecedence) {
            String op = next();
            int prec = condPrecedence(op);
            condExpr(out, prec);
            out.add(new CondItem(switch (op) {
                case "||" -> CondExpr.OR;
                case "^" -> CondExpr.XOR;
                case "&&" -> CondExpr.AND;
                case "==" -> CondExpr.EQ;
                default -> CondExpr.NEQ;
            }, null));
        }
    }

    private void condUnary(List<CondItem> out) throws PolicyCompileException {
        if (accept("!")) {
            condExpr(out, 4);
            out.add(new CondItem(CondExpr.NOT, null));
        } else if (accept("(")) {
            condExpr(out, 0);
            expect(")");
        } else {
            out.add(new CondItem(CondExpr.BOOL, name()));
        }
    }

    private void cexpr(List<ConstraintItem> out, int minPrecedence) throws PolicyCompileException {
        cexprUnary(out);
        while (true) {
            String op = peek(0);
            int prec = op.equals("or") || op.equals("||") ? 1 : op.equals("and") || op.equals("&&") ? 2 : -1;
            if (prec <= minPrecedence) {
                return;
            }
            pos++;
            cexpr(out, prec);
            out.add(new ConstraintItem(prec == 1 ? ConstraintExpr.OR : ConstraintExpr.AND, 0, 0, null));
        }
    }

    private void cexprUnary(List<ConstraintItem> out) throws PolicyCompileException {
        if (accept("not") || accept("!")) {
            cexpr(out, 2);
            out.add(new ConstraintItem(ConstraintExpr.NOT, 0, 0, null));
        } else if (accept("(")) {
            cexpr(out, 0);
            expect(")");
        } else {
            cexprPrim(out);
        }
    }

    private void cexprPrim(List<ConstraintItem> out) throws PolicyCompileException {
        SourceLocation at = loc();
        String left = next();
        String opText = next();
        int op = switch (opText) {
            case "==" -> 1;
            case "!=" -> 2;
            case "dom" -> 3;
            case "domby" -> 4;
            case "incomp" -> 5;
            default -> bad(at, opText);
        };
        String right = peek(0);
        int pair = mlsPair(left, right);
        if (pair != 0) {
            pos++;
            out.add(new ConstraintItem(ConstraintExpr.ATTR, pair, op, null));
            return;
        }
        int kind = switch (left.charAt(0)) {
            case 'u' -> ConstraintExpr.USER;
            case 'r' -> ConstraintExpr.ROLE;
            case 't' -> ConstraintExpr.TYPE;
            default -> bad(at, left);
        };
        String index = left.substring(1);
        if (index.equals("1") && right.equals(left.charAt(0) + "2")) {
            pos++;
            out.add(new ConstraintItem(ConstraintExpr.ATTR, kind, op, null));
            return;
        }
        int attr = kind | switch (index) {
            case "1" -> 0;
            case "2" -> ConstraintExpr.TARGET;
            case "3" -> ConstraintExpr.XTARGET;
            default -> bad(at, left);
        };
        TypeSet names = typeSet(false).set;
        out.add(new ConstraintItem(ConstraintExpr.NAMES, attr, op, names));
    }

    private static int mlsPair(String left, String right) {
        return switch (left + " " + right) {
            case "l1 l2" -> ConstraintExpr.L1L2;
            case "l1 h2" -> ConstraintExpr.L1H2;
            case "h1 l2" -> ConstraintExpr.H1L2;
            case "h1 h2" -> ConstraintExpr.H1H2;
            case "l1 h1" -> ConstraintExpr.L1H1;
            case "l2 h2" -> ConstraintExpr.L2H2;
            default -> 0;
        };
    }

    private Level level() throws PolicyCompileException {
        String sens = name();
        List<String> cats = new ArrayList<>();
        if (accept(":")) {
            cats.add(name());
            while (accept(",")) {
                cats.add(name());
            }
        }
        return new Level(sens, cats);
    }

    private Context context() throws PolicyCompileException {
        String user = name();
        expect(":");
        String role = name();
        expect(":");
        String type = name();
        Level low = null;
        Level high = null;
        if (accept(":")) {
            low = level();
            if (accept("-")) {
                high = level();
            }
        }
        return new Context(user, role, type, low, high);
    }
}
