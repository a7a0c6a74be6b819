package org.xenwb.xsm.policy.binary;

import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;

import org.xenwb.xsm.policy.AvRule;
import org.xenwb.xsm.policy.BoolDef;
import org.xenwb.xsm.policy.Category;
import org.xenwb.xsm.policy.Common;
import org.xenwb.xsm.policy.CondExpr;
import org.xenwb.xsm.policy.Conditional;
import org.xenwb.xsm.policy.Constraint;
import org.xenwb.xsm.policy.ConstraintExpr;
import org.xenwb.xsm.policy.DeviceContext;
import org.xenwb.xsm.policy.FilenameTransition;
import org.xenwb.xsm.policy.InitialSid;
import org.xenwb.xsm.policy.MlsLevel;
import org.xenwb.xsm.policy.MlsRange;
import org.xenwb.xsm.policy.Permission;
import org.xenwb.xsm.policy.Policy;
import org.xenwb.xsm.policy.RangeTransition;
import org.xenwb.xsm.policy.RoleAllow;
import org.xenwb.xsm.policy.RoleDef;
import org.xenwb.xsm.policy.RoleTransition;
import org.xenwb.xsm.policy.SecurityClass;
import org.xenwb.xsm.policy.SecurityContext;
import org.xenwb.xsm.policy.Sensitivity;
import org.xenwb.xsm.policy.TypeDef;
import org.xenwb.xsm.policy.UserDef;

/**
 * Writes a {@link Policy} in the binary format Xen loads, for the policy's {@link Policy#version() version}
 * (24 to 30). Symbol tables and unconditional rules come out in the order checkpolicy 3.4 writes them (see
 * {@link HashOrder}); conditionals, object contexts and other lists in the model's order. Stateless and thread-safe.
 */
public final class PolicyWriter {

    private static final String SOURCE = "policy writer";

    /**
     * Writes the policy to a file, atomically: the bytes go to a temporary file in the same folder that then
     * replaces the target, so a failed write never leaves a truncated policy or loses the previous one.
     *
     * @param policy the policy
     * @param file the file to create or replace
     * @throws IOException if the policy cannot be represented in its version or the file cannot be written
     */
    public void write(Policy policy, Path file) throws IOException {
        writeAtomically(file, toBytes(policy));
    }

    /**
     * Writes bytes as {@link AtomicFiles#write} does: readers never see a half-written file, an existing file is
     * never lost, a missing folder is an error.
     *
     * @param file the file to create or replace
     * @param bytes its new content
     * @throws IOException when it cannot be written; the message names the file and why, the old file is unchanged
     */
    public static void writeAtomically(Path file, byte[] bytes) throws IOException {
        AtomicFiles.write(file, bytes);
    }

    /**
     * Encodes the policy.
     *
     * @param policy the policy
     * @return the binary policy
     * @throws PolicyFormatException if the policy cannot be represented in its version
     */
    public byte[] toBytes(Policy policy) throws PolicyFormatException {
        int version = policy.version();
        if (version < PolicyReader.MIN_VERSION || version > PolicyReader.MAX_VERSION) {
            throw new PolicyFormatException(SOURCE, -1, "cannot write policy version " + version + " (Xen: "
                    + PolicyReader.MIN_VERSION + " to " + PolicyReader.MAX_VERSION + ")");
        }
        BinaryOutput out = new BinaryOutput();
        out.u32(PolicyReader.MAGIC);
        out.u32(Policy.XEN_TARGET.length());
        out.bytes(Policy.XEN_TARGET);
        out.u32(version);
        out.u32((policy.mls() ? 1 : 0) | policy.handleUnknown() & 6);
        out.u32(PolicyReader.SYM_NUM);
        out.u32(PolicyReader.oconCount(version));
        out.ebitmap(policy.policyCapabilities());
        out.ebitmap(policy.permissiveTypes());
        writeSymbols(policy, out);
        out.u32(policy.rules().size());
        for (AvRule r : HashOrder.avtabOrder(policy.rules())) {
            writeAvRule(out, r);
        }
        writeConditionals(policy, out);
        out.u32(policy.roleTransitions().size());
        for (RoleTransition t : policy.roleTransitions()) {
            out.u32(t.role());
            out.u32(t.type());
            out.u32(t.newRole());
            if (version >= 26) {
                out.u32(t.tclass());
            }
        }
        out.u32(policy.roleAllows().size());
        for (RoleAllow a : policy.roleAllows()) {
            out.u32(a.role());
            out.u32(a.newRole());
        }
        if (version >= 25) {
            out.u32(policy.filenameTransitions().size());
            for (FilenameTransition f : policy.filenameTransitions()) {
                out.u32(BinaryOutput.length(f.name()));
                out.bytes(f.name());
                out.u32(f.source());
                out.u32(f.target());
                out.u32(f.tclass());
                out.u32(f.newType());
            }
        } else if (!policy.filenameTransitions().isEmpty()) {
            throw new PolicyFormatException(SOURCE, -1, "policy version " + version
                    + " cannot hold name-based type transitions (25 or later needed)");
        }
        writeObjectContexts(policy, out);
        out.u32(0); // genfs: none in Xen policies
        out.u32(policy.rangeTransitions().size());
        for (RangeTransition t : policy.rangeTransitions()) {
            out.u32(t.source());
            out.u32(t.target());
            out.u32(t.tclass());
            writeRange(out, t.range());
        }
        int typeValues = primaryCount(policy, 3);
        if (policy.typeAttributeMap().size() != typeValues) {
            throw new PolicyFormatException(SOURCE, -1, "type attribute map has " + policy.typeAttributeMap().size()
                    + " entries for " + typeValues + " type values");
        }
        for (BitSet attrs : policy.typeAttributeMap()) {
            out.ebitmap(attrs);
        }
        return out.toByteArray();
    }

    static int primaryCount(Policy p, int table) {
        if (p.primaryCounts()[table] != 0) {
            return p.primaryCounts()[table];
        }
        return switch (table) {
            case 0 -> p.commons().size();
            case 1 -> p.classes().size();
            case 2 -> p.roles().size();
            case 3 -> (int) p.types().stream().filter(t -> t.kind() != TypeDef.Kind.ALIAS).count();
            case 4 -> p.users().size();
            case 5 -> p.booleans().size();
            case 6 -> (int) p.sensitivities().stream().filter(s -> !s.alias()).count();
            default -> (int) p.categories().stream().filter(c -> !c.alias()).count();
        };
    }

    private static void header(BinaryOutput out, Policy p, int table, int entries) {
        out.u32(primaryCount(p, table));
        out.u32(entries);
    }

    private static void name(BinaryOutput out, String s) {
        out.bytes(s);
    }

    private static void writeSymbols(Policy p, BinaryOutput out) throws PolicyFormatException {
        int[] sizes = HashOrder.SYMTAB_SIZES;
        header(out, p, 0, p.commons().size());
        for (Common c : HashOrder.symbolOrder(p.commons(), Common::name, sizes[0])) {
            out.u32(BinaryOutput.length(c.name()));
            out.u32(c.value());
            out.u32(c.permissions().size());
            out.u32(c.permissions().size());
            name(out, c.name());
            writePermissions(out, c.permissions());
        }
        header(out, p, 1, p.classes().size());
        for (SecurityClass c : HashOrder.symbolOrder(p.classes(), SecurityClass::name, sizes[1])) {
            writeClass(out, p.version(), c);
        }
        header(out, p, 2, p.roles().size());
        for (RoleDef r : HashOrder.symbolOrder(p.roles(), RoleDef::name, sizes[2])) {
            out.u32(BinaryOutput.length(r.name()));
            out.u32(r.value());
            out.u32(r.bounds());
            name(out, r.name());
            out.ebitmap(r.dominates());
            out.ebitmap(r.value() == 1 ? new BitSet() : r.types());
        }
        header(out, p, 3, p.types().size());
        for (TypeDef t : HashOrder.symbolOrder(p.types(), TypeDef::name, sizes[3])) {
            out.u32(BinaryOutput.length(t.name()));
            out.u32(t.value());
            out.u32(switch (t.kind()) {
                case TYPE -> 1;
                case ATTRIBUTE -> 3;
                case ALIAS -> 0;
            });
            out.u32(t.bounds());
            name(out, t.name());
        }
        header(out, p, 4, p.users().size());
        for (UserDef u : HashOrder.symbolOrder(p.users(), UserDef::name, sizes[4])) {
            out.u32(BinaryOutput.length(u.name()));
            out.u32(u.value());
            out.u32(u.bounds());
            name(out, u.name());
            out.ebitmap(u.roles());
            writeRange(out, u.range());
            writeLevel(out, u.defaultLevel());
        }
        header(out, p, 5, p.booleans().size());
        for (BoolDef b : HashOrder.symbolOrder(p.booleans(), BoolDef::name, sizes[5])) {
            out.u32(b.value());
            out.u32(b.state() ? 1 : 0);
            out.u32(BinaryOutput.length(b.name()));
            name(out, b.name());
        }
        header(out, p, 6, p.sensitivities().size());
        for (Sensitivity s : HashOrder.symbolOrder(p.sensitivities(), Sensitivity::name, sizes[6])) {
            out.u32(BinaryOutput.length(s.name()));
            out.u32(s.alias() ? 1 : 0);
            name(out, s.name());
            writeLevel(out, s.level());
        }
        header(out, p, 7, p.categories().size());
        for (Category c : HashOrder.symbolOrder(p.categories(), Category::name, sizes[7])) {
            out.u32(BinaryOutput.length(c.name()));
            out.u32(c.value());
            out.u32(c.alias() ? 1 : 0);
            name(out, c.name());
        }
    }

    private static void writePermissions(BinaryOutput out, List<Permission> perms) {
        for (Permission perm : HashOrder.symbolOrder(perms, Permission::name, HashOrder.PERM_TABLE_SIZE)) {
            out.u32(BinaryOutput.length(perm.name()));
            out.u32(perm.value());
            name(out, perm.name());
        }
    }

    private static void writeClass(BinaryOutput out, int version, SecurityClass c) throws PolicyFormatException {
        out.u32(BinaryOutput.length(c.name()));
        out.u32(c.common() == null ? 0 : BinaryOutput.length(c.common()));
        out.u32(c.value());
        out.u32(c.permissionCount());
        out.u32(c.permissions().size());
        out.u32(c.constraints().size());
        name(out, c.name());
        if (c.common() != null) {
            name(out, c.common());
        }
        writePermissions(out, c.permissions());
        writeConstraints(out, version, c.constraints(), c.name());
        out.u32(c.validateTrans().size());
        writeConstraints(out, version, c.validateTrans(), c.name());
        if (version >= 27) {
            out.u32(c.defaultUser());
            out.u32(c.defaultRole());
            out.u32(c.defaultRange());
        } else if (c.defaultUser() != 0 || c.defaultRole() != 0 || c.defaultRange() != 0) {
            throw new PolicyFormatException(SOURCE, -1, "class " + c.name() + ": policy version " + version
                    + " cannot hold default_user/role/range (27 or later needed)");
        }
        if (version >= 28) {
            out.u32(c.defaultType());
        } else if (c.defaultType() != 0) {
            throw new PolicyFormatException(SOURCE, -1, "class " + c.name() + ": policy version " + version
                    + " cannot hold default_type (28 or later needed)");
        }
    }

    private static void writeConstraints(BinaryOutput out, int version, List<Constraint> list, String owner)
            throws PolicyFormatException {
        for (Constraint c : list) {
            out.u32(c.permissions());
            out.u32(c.expression().size());
            for (ConstraintExpr e : c.expression()) {
                out.u32(e.type());
                out.u32(e.attr());
                out.u32(e.op());
                if (e.type() == ConstraintExpr.NAMES) {
                    out.ebitmap(e.names() == null ? new BitSet() : e.names());
                    if (version >= 29) {
                        if (e.typeNames() == null) {
                            out.ebitmap(new BitSet());
                            out.ebitmap(new BitSet());
                            out.u32(0);
                        } else {
                            out.ebitmap(e.typeNames().types());
                            out.ebitmap(e.typeNames().negset());
                            out.u32(e.typeNames().flags());
                        }
                    }
                }
            }
        }
    }

    private static void writeAvRule(BinaryOutput out, AvRule r) {
        out.u16(r.source());
        out.u16(r.target());
        out.u16(r.tclass());
        out.u16(r.specified());
        out.u32(r.data());
    }

    private static void writeConditionals(Policy p, BinaryOutput out) {
        out.u32(p.conditionals().size());
        for (Conditional c : p.conditionals()) {
            out.u32(c.state() ? 1 : 0);
            out.u32(c.expression().size());
            for (CondExpr e : c.expression()) {
                out.u32(e.type());
                out.u32(e.bool());
            }
            out.u32(c.trueRules().size());
            for (AvRule r : c.trueRules()) {
                writeAvRule(out, r);
            }
            out.u32(c.falseRules().size());
            for (AvRule r : c.falseRules()) {
                writeAvRule(out, r);
            }
        }
    }

    private static void writeObjectContexts(Policy p, BinaryOutput out) throws PolicyFormatException {
        int version = p.version();
        out.u32(p.initialSids().size());
        for (InitialSid s : p.initialSids()) {
            out.u32(s.sid());
            writeContext(out, s.context());
        }
        DeviceContext.Kind[] kinds = DeviceContext.Kind.values();
        int tables = PolicyReader.oconCount(version);
        for (DeviceContext.Kind kind : kinds) {
            List<DeviceContext> list = p.deviceContexts().stream().filter(d -> d.kind() == kind).toList();
            if (kind.ordinal() + 1 >= tables) {
                if (!list.isEmpty()) {
                    throw new PolicyFormatException(SOURCE, -1, "policy version " + version + " cannot hold "
                            + kind.keyword() + " (30 or later needed)");
                }
                continue;
            }
            out.u32(list.size());
            for (DeviceContext d : list) {
                switch (kind) {
                    case PIRQ, PCIDEVICE -> out.u32((int) d.low());
                    case IOPORT -> {
                        out.u32((int) d.low());
                        out.u32((int) d.high());
                    }
                    case IOMEM -> {
                        if (version >= 30) {
                            out.u64(d.low());
                            out.u64(d.high());
                        } else {
                            if (d.high() > 0xffffffffL || d.low() > 0xffffffffL) {
                                throw new PolicyFormatException(SOURCE, -1, "policy version " + version
                                        + " cannot hold iomemcon frames above 0xffffffff (30 or later needed)");
                            }
                            out.u32((int) d.low());
                            out.u32((int) d.high());
                        }
                    }
                    case DEVICETREE -> {
                        out.u32(BinaryOutput.length(d.path()));
                        out.bytes(d.path());
                    }
                }
                writeContext(out, d.context());
            }
        }
    }

    private static void writeContext(BinaryOutput out, SecurityContext c) {
        out.u32(c.user());
        out.u32(c.role());
        out.u32(c.type());
        writeRange(out, c.range());
    }

    private static void writeLevel(BinaryOutput out, MlsLevel l) {
        out.u32(l.sensitivity());
        out.ebitmap(l.categories());
    }

    private static void writeRange(BinaryOutput out, MlsRange r) {
        boolean same = r.low().sensitivity() == r.high().sensitivity()
                && r.low().categories().equals(r.high().categories());
        out.u32(same ? 1 : 2);
        out.u32(r.low().sensitivity());
        if (!same) {
            out.u32(r.high().sensitivity());
        }
        out.ebitmap(r.low().categories());
        if (!same) {
            out.ebitmap(r.high().categories());
        }
    }
}
