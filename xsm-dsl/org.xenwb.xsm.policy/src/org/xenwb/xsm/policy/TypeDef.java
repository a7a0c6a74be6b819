package org.xenwb.xsm.policy;

/**
 * An entry of the type symbol table: a type, an alias of a type, or a type attribute.
 *
 * @param name the name
 * @param value the 1-based value; an alias has the value of the type it names
 * @param kind what the entry is
 * @param bounds the value of the bounding type ({@code typebounds}), 0 for none
 */
public record TypeDef(String name, int value, Kind kind, int bounds) {

    /** What a type symbol stands for. */
    public enum Kind {
        /** A type ({@code type x;}). */
        TYPE,
        /** Another name of a type ({@code typealias} or {@code alias} in {@code type}). */
        ALIAS,
        /** A type attribute ({@code attribute x;}). */
        ATTRIBUTE
    }
}
