package org.xenwb.xsm.importer;

import java.util.Set;

/** The keywords of the policy language (Xsm.xtext): names the importer must not give macro parameters. */
final class Keywords {

    /** Every keyword of the grammar; checked against the grammar by the importer's tests. */
    static final Set<String> ALL = Set.of("module", "on", "off", "import", "class", "common", "inherits", "sid",
            "type", "alias", "typealias", "attribute", "typeattribute", "role", "types", "allow", "user", "roles",
            "level", "range", "bool", "true", "false", "if", "else", "or", "and", "xor", "not", "auditallow",
            "dontaudit", "neverallow", "type_transition", "type_change", "type_member", "self", "constrain",
            "mlsconstrain", "validatetrans", "mlsvalidatetrans", "u1", "u2", "u3", "r1", "r2", "r3", "t1", "t2",
            "t3", "l1", "l2", "h1", "h2", "eq", "dom", "domby", "incomp", "sensitivity", "dominance", "category",
            "pirqcon", "iomemcon", "ioportcon", "pcidevicecon", "devicetreecon", "macro", "define");

    private Keywords() {
    }
}
