package org.xenwb.kconfig.core;

/** The type of a Kconfig symbol. {@link #UNKNOWN} is the type of constants and of undefined symbols. */
public enum SymbolType {
    /** No type: constants ({@code "foo"}, {@code 42}) and referenced but undefined symbols. */
    UNKNOWN("unknown"),
    /** {@code bool}. */
    BOOLEAN("bool"),
    /** {@code tristate}. */
    TRISTATE("tristate"),
    /** {@code int}. */
    INT("integer"),
    /** {@code hex}. */
    HEX("hex"),
    /** {@code string}. */
    STRING("string");

    private final String cName;

    SymbolType(String cName) {
        this.cName = cName;
    }

    /** @return the name the C tools print for this type in warnings ({@code integer} for int) */
    public String displayName() {
        return cName;
    }
}
