package org.xenwb.xsm.policy.binary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.xenwb.xsm.policy.BoolDef;
import org.xenwb.xsm.policy.Category;
import org.xenwb.xsm.policy.Common;
import org.xenwb.xsm.policy.Constraint;
import org.xenwb.xsm.policy.ConstraintExpr;
import org.xenwb.xsm.policy.MlsLevel;
import org.xenwb.xsm.policy.MlsRange;
import org.xenwb.xsm.policy.Permission;
import org.xenwb.xsm.policy.Policy;
import org.xenwb.xsm.policy.RoleDef;
import org.xenwb.xsm.policy.SecurityClass;
import org.xenwb.xsm.policy.SecurityContext;
import org.xenwb.xsm.policy.Sensitivity;
import org.xenwb.xsm.policy.TypeDef;
import org.xenwb.xsm.policy.TypeSet;
import org.xenwb.xsm.policy.UserDef;

/**
 * Reads a binary Xen policy (versions 24 to 30) into a {@link Policy}. Stateless; each call works on its own input,
 * so one reader may be used from several threads.
 *
 * <p>Every structural problem (truncation, bad magic, unsupported version, counts that do not add up, trailing
 * bytes) is a {@link PolicyFormatException} that names the file and the byte offset.</p>
 */
public final class PolicyReader {

    /** The magic number of kernel (and Xen) binary policies. */
    public static final int MAGIC = 0xf97cff8c;
    /** Oldest version read: the first with type bounds, the oldest that checkpolicy 3.4 writes for Xen. */
    public static final int MIN_VERSION = 24;
    /** Newest version for Xen: {@code POLICYDB_VERSION_XEN_DEVICETREE}. */
    public static final int MAX_VERSION = 30;

    static final int SYM_NUM = 8;
    private static final int CONFIG_MLS = 1;
    private static final int CONFIG_UNKNOWN_MASK = 6;
    private static final int TYPE_PRIMARY = 1;
    private static final int TYPE_ATTRIBUTE = 2;

    /**
     * Reads a policy file.
     *
     * @param file the binary policy
     * @return the policy
     * @throws IOException if the file cannot be read or is not a valid Xen policy
     */
    public Policy read(Path file) throws IOException {
        return read(Files.readAllBytes(file), file.toString());
    }

    /**
     * Reads a policy from bytes.
     *
     * @param data the whole binary policy
     * @param source the name used in error messages
     * @return the policy
     * @throws PolicyFormatException if the bytes are not a valid Xen policy
     */
    public Policy read(byte[] data, String source) throws PolicyFormatException {
        BinaryInput in = new BinaryInput(data, source);
        Policy p = new Policy();
        readHeader(in, p);
        readSymbols(in, p);
        new RuleSectionReader(in, p).read();
        if (!in.atEnd()) {
            throw in.error(in.position(), (data.length - in.position()) + " unexpected bytes after the policy");
        }
        return p;
    }

    private static void readHeader(BinaryInput in, Policy p) throws PolicyFormatException {
        int magic = in.u32("magic");
        if (magic != MAGIC) {
            throw in.error(0, String.format("not a binary policy: magic 0x%08x, expected 0x%08x", magic, MAGIC));
        }
        int at = in.position();
        int len = in.count("target string length");
        String target = in.string(len, "target string");
        if (!Policy.XEN_TARGET.equals(target)) {
            throw in.error(at + 4, "target \"" + target + "\" is not a Xen policy (expected \"XenFlask\")");
        }
        at = in.position();
        int version = in.u32("version");
        if (version < MIN_VERSION || version > MAX_VERSION) {
            throw in.error(at, "policy version " + version + " not supported (Xen policies: " + MIN_VERSION + " to "
                    + MAX_VERSION + ")");
        }
        p.setVersion(version);
        int config = in.u32("config");
        p.setMls((config & CONFIG_MLS) != 0);
        p.setHandleUnknown(config & CONFIG_UNKNOWN_MASK);
        at = in.position();
        int symNum = in.u32("symbol table count");
        if (symNum != SYM_NUM) {
            throw in.error(at, "symbol table count " + symNum + ", expected " + SYM_NUM);
        }
        at = in.position();
        int oconNum = in.u32("object context table count");
        if (oconNum != oconCount(version)) {
            throw in.error(at, "object context table count " + oconNum + ", expected " + oconCount(version)
                    + " for version " + version);
        }
        p.policyCapabilities().or(in.ebitmap("policy capabilities"));
        p.permissiveTypes().or(in.ebitmap("permissive types"));
    }

    static int oconCount(int version) {
        return version >= 30 ? 6 : 5;
    }

    private static void readSymbols(BinaryInput in, Policy p) throws PolicyFormatException {
        String[] tables = {"commons", "classes", "roles", "types", "users", "booleans", "sensitivities",
            "categories"};
        for (int table = 0; table < SYM_NUM; table++) {
            int nprim = in.u32(tables[table] + " value count");
            int nel = in.count(tables[table] + " entry count");
            p.primaryCounts()[table] = nprim;
            for (int i = 0; i < nel; i++) {
                int at = in.position();
                switch (table) {
                    case 0 -> p.commons().add(readCommon(in));
                    case 1 -> p.classes().add(readClass(in, p.version()));
                    case 2 -> p.roles().add(readRole(in));
                    case 3 -> p.types().add(readType(in));
                    case 4 -> p.users().add(readUser(in));
                    case 5 -> p.booleans().add(readBool(in));
                    case 6 -> p.sensitivities().add(readSensitivity(in));
                    default -> p.categories().add(readCategory(in));
                }
                checkValue(in, at, tables[table], valueOf(p, table), nprim);
            }
        }
    }

    private static int valueOf(Policy p, int table) {
        return switch (table) {
            case 0 -> p.commons().getLast().value();
            case 1 -> p.classes().getLast().value();
            case 2 -> p.roles().getLast().value();
            case 3 -> p.types().getLast().value();
            case 4 -> p.users().getLast().value();
            case 5 -> p.booleans().getLast().value();
            case 6 -> p.sensitivities().getLast().level().sensitivity();
            default -> p.categories().getLast().value();
        };
    }

    private static void checkValue(BinaryInput in, int at, String table, int value, int nprim)
            throws PolicyFormatException {
        if (value < 1 || value > nprim) {
            throw in.error(at, table + " entry has value " + value + " outside 1.." + nprim);
        }
    }

    private static List<Permission> readPermissions(BinaryInput in, int nel, int nprim, String owner)
            throws PolicyFormatException {
        List<Permission> perms = new ArrayList<>();
        for (int i = 0; i < nel; i++) {
            int at = in.position();
            int len = in.count("permission name length");
            int value = in.u32("permission value");
            String name = in.string(len, "permission name");
            if (value < 1 || value > nprim || value > 32) {
                throw in.error(at, "permission " + name + " of " + owner + " has value " + value + " outside 1.."
                        + Math.min(nprim, 32));
            }
            perms.add(new Permission(name, value));
        }
        return perms;
    }

    private static Common readCommon(BinaryInput in) throws PolicyFormatException {
        int len = in.count("common name length");
        int value = in.u32("common value");
        int nprim = in.u32("common permission count");
        int nel = in.count("common permission entries");
        String name = in.string(len, "common name");
        return new Common(name, value, readPermissions(in, nel, nprim, "common " + name));
    }

    private static SecurityClass readClass(BinaryInput in, int version) throws PolicyFormatException {
        int len = in.count("class name length");
        int len2 = in.count("class common name length");
        int value = in.u32("class value");
        int nprim = in.u32("class permission count");
        int nel = in.count("class permission entries");
        int ncons = in.count("class constraint count");
        String name = in.string(len, "class name");
        String common = len2 > 0 ? in.string(len2, "class common name") : null;
        List<Permission> perms = readPermissions(in, nel, nprim, "class " + name);
        List<Constraint> constraints = readConstraints(in, ncons, version);
        List<Constraint> validate = readConstraints(in, in.count("validatetrans count"), version);
        int defUser = 0;
        int defRole = 0;
        int defRange = 0;
        int defType = 0;
        if (version >= 27) {
            defUser = in.u32("default_user");
            defRole = in.u32("default_role");
            defRange = in.u32("default_range");
        }
        if (version >= 28) {
            defType = in.u32("default_type");
        }
        return new SecurityClass(name, value, common, nprim, perms, constraints, validate, defUser, defRole, defRange,
                defType);
    }

    private static List<Constraint> readConstraints(BinaryInput in, int ncons, int version)
            throws PolicyFormatException {
        List<Constraint> list = new ArrayList<>();
        for (int c = 0; c < ncons; c++) {
            int perms = in.u32("constraint permissions");
            int nexpr = in.count("constraint expression length");
            List<ConstraintExpr> expr = new ArrayList<>();
            int depth = 0;
            for (int e = 0; e < nexpr; e++) {
                int at = in.position();
                int type = in.u32("constraint expression type");
                int attr = in.u32("constraint expression operand");
                int op = in.u32("constraint expression operator");
                BitSet names = null;
                TypeSet typeNames = null;
                switch (type) {
                    case ConstraintExpr.NOT -> {
                        if (depth < 1) {
                            throw in.error(at, "constraint 'not' without operand");
                        }
                    }
                    case ConstraintExpr.AND, ConstraintExpr.OR -> {
                        if (depth < 2) {
                            throw in.error(at, "constraint 'and'/'or' without two operands");
                        }
                        depth--;
                    }
                    case ConstraintExpr.ATTR -> depth++;
                    case ConstraintExpr.NAMES -> {
                        depth++;
                        names = in.ebitmap("constraint names");
                        if (version >= 29) {
                            typeNames = new TypeSet(in.ebitmap("constraint type names"),
                                    in.ebitmap("constraint negated type names"), in.u32("constraint type flags"));
                        }
                    }
                    default -> throw in.error(at, "unknown constraint expression type " + type);
                }
                expr.add(new ConstraintExpr(type, attr, op, names, typeNames));
            }
            if (depth != 1) {
                throw in.error(in.position(), "constraint expression does not reduce to one value");
            }
            list.add(new Constraint(perms, expr));
        }
        return list;
    }

    private static RoleDef readRole(BinaryInput in) throws PolicyFormatException {
        int len = in.count("role name length");
        int value = in.u32("role value");
        int bounds = in.u32("role bounds");
        String name = in.string(len, "role name");
        BitSet dominates = in.ebitmap("role dominates");
        BitSet types = in.ebitmap("role types");
        return new RoleDef(name, value, bounds, dominates, types);
    }

    private static TypeDef readType(BinaryInput in) throws PolicyFormatException {
        int at = in.position();
        int len = in.count("type name length");
        int value = in.u32("type value");
        int properties = in.u32("type properties");
        int bounds = in.u32("type bounds");
        String name = in.string(len, "type name");
        TypeDef.Kind kind;
        if ((properties & TYPE_PRIMARY) == 0) {
            if ((properties & TYPE_ATTRIBUTE) != 0) {
                throw in.error(at + 8, "type " + name + ": an attribute must be primary");
            }
            kind = TypeDef.Kind.ALIAS;
        } else {
            kind = (properties & TYPE_ATTRIBUTE) != 0 ? TypeDef.Kind.ATTRIBUTE : TypeDef.Kind.TYPE;
        }
        if ((properties & ~3) != 0) {
            throw in.error(at + 8, "type " + name + ": unknown property bits 0x" + Integer.toHexString(properties));
        }
        return new TypeDef(name, value, kind, bounds);
    }

    private static UserDef readUser(BinaryInput in) throws PolicyFormatException {
        int len = in.count("user name length");
        int value = in.u32("user value");
        int bounds = in.u32("user bounds");
        String name = in.string(len, "user name");
        BitSet roles = in.ebitmap("user roles");
        MlsRange range = readRange(in);
        MlsLevel level = readLevel(in);
        return new UserDef(name, value, bounds, roles, range, level);
    }

    private static BoolDef readBool(BinaryInput in) throws PolicyFormatException {
        int value = in.u32("boolean value");
        int at = in.position();
        int state = in.u32("boolean state");
        if (state != 0 && state != 1) {
            throw in.error(at, "boolean state " + state + " is neither 0 nor 1");
        }
        int len = in.count("boolean name length");
        return new BoolDef(in.string(len, "boolean name"), value, state == 1);
    }

    private static Sensitivity readSensitivity(BinaryInput in) throws PolicyFormatException {
        int len = in.count("sensitivity name length");
        int alias = in.u32("sensitivity alias flag");
        String name = in.string(len, "sensitivity name");
        return new Sensitivity(name, alias != 0, readLevel(in));
    }

    private static Category readCategory(BinaryInput in) throws PolicyFormatException {
        int len = in.count("category name length");
        int value = in.u32("category value");
        int alias = in.u32("category alias flag");
        return new Category(in.string(len, "category name"), value, alias != 0);
    }

    static MlsLevel readLevel(BinaryInput in) throws PolicyFormatException {
        int sens = in.u32("level sensitivity");
        return new MlsLevel(sens, in.ebitmap("level categories"));
    }

    static MlsRange readRange(BinaryInput in) throws PolicyFormatException {
        int at = in.position();
        int items = in.u32("range item count");
        if (items < 1 || items > 2) {
            throw in.error(at, "range has " + items + " sensitivities, expected 1 or 2");
        }
        int low = in.u32("range low sensitivity");
        int high = items == 2 ? in.u32("range high sensitivity") : low;
        BitSet lowCats = in.ebitmap("range low categories");
        BitSet highCats = items == 2 ? in.ebitmap("range high categories") : lowCats;
        return new MlsRange(new MlsLevel(low, lowCats), new MlsLevel(high, highCats));
    }

    static SecurityContext readContext(BinaryInput in) throws PolicyFormatException {
        int user = in.u32("context user");
        int role = in.u32("context role");
        int type = in.u32("context type");
        return new SecurityContext(user, role, type, readRange(in));
    }
}
