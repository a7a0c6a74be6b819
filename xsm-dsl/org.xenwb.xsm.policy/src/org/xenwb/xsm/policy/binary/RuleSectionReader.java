package org.xenwb.xsm.policy.binary;

import java.util.ArrayList;
import java.util.List;

import org.xenwb.xsm.policy.AvRule;
import org.xenwb.xsm.policy.CondExpr;
import org.xenwb.xsm.policy.Conditional;
import org.xenwb.xsm.policy.DeviceContext;
import org.xenwb.xsm.policy.FilenameTransition;
import org.xenwb.xsm.policy.InitialSid;
import org.xenwb.xsm.policy.Policy;
import org.xenwb.xsm.policy.RangeTransition;
import org.xenwb.xsm.policy.RoleAllow;
import org.xenwb.xsm.policy.RoleTransition;
import org.xenwb.xsm.policy.SecurityContext;

/** Reads what follows the symbol tables: rules, conditionals, object contexts, the type-attribute map. */
final class RuleSectionReader {

    private static final int[] KINDS = {AvRule.ALLOWED, AvRule.AUDITALLOW, AvRule.AUDITDENY, AvRule.TRANSITION,
        AvRule.MEMBER, AvRule.CHANGE};

    private final BinaryInput in;
    private final Policy p;
    private final int types;
    private final int classes;

    RuleSectionReader(BinaryInput in, Policy p) {
        this.in = in;
        this.p = p;
        this.types = p.primaryCounts()[3];
        this.classes = p.primaryCounts()[1];
    }

    void read() throws PolicyFormatException {
        int n = in.count("access vector table size");
        for (int i = 0; i < n; i++) {
            p.rules().add(readAvRule(false));
        }
        readConditionals();
        int version = p.version();
        n = in.count("role transition count");
        for (int i = 0; i < n; i++) {
            int role = in.u32("role transition role");
            int type = in.u32("role transition type");
            int newRole = in.u32("role transition new role");
            int tclass = version >= 26 ? in.u32("role transition class") : 0;
            p.roleTransitions().add(new RoleTransition(role, type, newRole, tclass));
        }
        n = in.count("role allow count");
        for (int i = 0; i < n; i++) {
            p.roleAllows().add(new RoleAllow(in.u32("role allow role"), in.u32("role allow new role")));
        }
        if (version >= 25) {
            n = in.count("filename transition count");
            for (int i = 0; i < n; i++) {
                int len = in.count("filename transition name length");
                String name = in.string(len, "filename transition name");
                p.filenameTransitions().add(new FilenameTransition(name, in.u32("filename transition source"),
                        in.u32("filename transition target"), in.u32("filename transition class"),
                        in.u32("filename transition new type")));
            }
        }
        readObjectContexts();
        int at = in.position();
        n = in.count("genfs count");
        if (n != 0) {
            throw in.error(at, n + " genfscon entries: a Xen policy has none");
        }
        n = in.count("range transition count");
        for (int i = 0; i < n; i++) {
            int source = in.u32("range transition source");
            int target = in.u32("range transition target");
            int tclass = in.u32("range transition class");
            p.rangeTransitions().add(new RangeTransition(source, target, tclass, PolicyReader.readRange(in)));
        }
        for (int t = 0; t < types; t++) {
            p.typeAttributeMap().add(in.ebitmap("type attribute map of type value " + (t + 1)));
        }
    }

    private AvRule readAvRule(boolean conditional) throws PolicyFormatException {
        int at = in.position();
        int source = in.u16("rule source");
        int target = in.u16("rule target");
        int tclass = in.u16("rule class");
        int specified = in.u16("rule kind");
        int kind = specified & ~AvRule.ENABLED;
        boolean known = false;
        for (int k : KINDS) {
            known |= kind == k;
        }
        if (!known) {
            throw in.error(at + 6, String.format("rule kind 0x%04x is not one of allow, auditallow, dontaudit, "
                    + "type_transition, type_member, type_change (extended permissions are Linux-only)", specified));
        }
        if ((specified & AvRule.ENABLED) != 0 && !conditional) {
            throw in.error(at + 6, "unconditional rule marked as an enabled conditional rule");
        }
        if (source < 1 || source > types || target < 1 || target > types) {
            throw in.error(at, "rule type value " + (source < 1 || source > types ? source : target)
                    + " outside 1.." + types);
        }
        if (tclass < 1 || tclass > classes) {
            throw in.error(at + 4, "rule class value " + tclass + " outside 1.." + classes);
        }
        int dataAt = in.position();
        int data = in.u32("rule data");
        if ((kind & (AvRule.TRANSITION | AvRule.MEMBER | AvRule.CHANGE)) != 0 && (data < 1 || data > types)) {
            throw in.error(dataAt, "new type value " + data + " outside 1.." + types);
        }
        return new AvRule(source, target, tclass, specified, data);
    }

    private void readConditionals() throws PolicyFormatException {
        int n = in.count("conditional count");
        int bools = p.primaryCounts()[5];
        for (int i = 0; i < n; i++) {
            int at = in.position();
            int state = in.u32("conditional state");
            if (state != 0 && state != 1) {
                throw in.error(at, "conditional state " + state + " is neither 0 nor 1");
            }
            int nexpr = in.count("conditional expression length");
            List<CondExpr> expr = new ArrayList<>();
            int depth = 0;
            for (int e = 0; e < nexpr; e++) {
                int exprAt = in.position();
                int type = in.u32("conditional expression type");
                int bool = in.u32("conditional expression boolean");
                switch (type) {
                    case CondExpr.BOOL -> {
                        if (bool < 1 || bool > bools) {
                            throw in.error(exprAt + 4, "boolean value " + bool + " outside 1.." + bools);
                        }
                        depth++;
                    }
                    case CondExpr.NOT -> {
                        if (depth < 1) {
                            throw in.error(exprAt, "'!' without operand");
                        }
                    }
                    case CondExpr.OR, CondExpr.AND, CondExpr.XOR, CondExpr.EQ, CondExpr.NEQ -> {
                        if (depth < 2) {
                            throw in.error(exprAt, "binary operator without two operands");
                        }
                        depth--;
                    }
                    default -> throw in.error(exprAt, "unknown conditional expression type " + type);
                }
                expr.add(new CondExpr(type, bool));
            }
            if (depth != 1) {
                throw in.error(in.position(), "conditional expression does not reduce to one value");
            }
            List<AvRule> trueRules = readCondRules("true");
            List<AvRule> falseRules = readCondRules("false");
            p.conditionals().add(new Conditional(state == 1, expr, trueRules, falseRules));
        }
    }

    private List<AvRule> readCondRules(String branch) throws PolicyFormatException {
        int n = in.count("conditional " + branch + " rule count");
        List<AvRule> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(readAvRule(true));
        }
        return list;
    }

    private void readObjectContexts() throws PolicyFormatException {
        int tables = PolicyReader.oconCount(p.version());
        for (int table = 0; table < tables; table++) {
            int n = in.count("object context count");
            for (int i = 0; i < n; i++) {
                switch (table) {
                    case 0 -> {
                        int sid = in.u32("initial SID");
                        p.initialSids().add(new InitialSid(sid, PolicyReader.readContext(in)));
                    }
                    case 1 -> {
                        long irq = in.u32("pirq") & 0xffffffffL;
                        device(DeviceContext.Kind.PIRQ, irq, irq, null);
                    }
                    case 2 -> {
                        long low = in.u32("ioport low") & 0xffffffffL;
                        device(DeviceContext.Kind.IOPORT, low, in.u32("ioport high") & 0xffffffffL, null);
                    }
                    case 3 -> {
                        long low;
                        long high;
                        if (p.version() >= 30) {
                            low = in.u64("iomem low");
                            high = in.u64("iomem high");
                        } else {
                            low = in.u32("iomem low") & 0xffffffffL;
                            high = in.u32("iomem high") & 0xffffffffL;
                        }
                        device(DeviceContext.Kind.IOMEM, low, high, null);
                    }
                    case 4 -> {
                        long dev = in.u32("pci device") & 0xffffffffL;
                        device(DeviceContext.Kind.PCIDEVICE, dev, dev, null);
                    }
                    default -> {
                        int len = in.count("device tree path length");
                        device(DeviceContext.Kind.DEVICETREE, 0, 0, in.string(len, "device tree path"));
                    }
                }
            }
        }
    }

    private void device(DeviceContext.Kind kind, long low, long high, String path) throws PolicyFormatException {
        SecurityContext ctx = PolicyReader.readContext(in);
        p.deviceContexts().add(new DeviceContext(kind, low, high, path, ctx));
    }
}
