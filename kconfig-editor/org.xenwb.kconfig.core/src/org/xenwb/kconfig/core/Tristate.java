package org.xenwb.kconfig.core;

/**
 * The three values of Kconfig's tristate logic, ordered {@code n < m < y}.
 *
 * <p>{@code and} is the minimum, {@code or} the maximum and {@code not} the mirror image ({@code !m = m}), as in the
 * C kconfig tools. Immutable and thread-safe.</p>
 */
public enum Tristate {
    /** {@code n}: disabled. */
    NO,
    /** {@code m}: built as a module. */
    MOD,
    /** {@code y}: built in. */
    YES;

    private static final Tristate[] VALUES = values();

    /**
     * @param value 0, 1 or 2
     * @return the tristate with that ordinal
     */
    public static Tristate of(int value) {
        return VALUES[value];
    }

    /** @return {@code "n"}, {@code "m"} or {@code "y"} */
    public String letter() {
        return switch (this) {
            case NO -> "n";
            case MOD -> "m";
            case YES -> "y";
        };
    }

    static int and(int a, int b) {
        return Math.min(a, b);
    }

    static int or(int a, int b) {
        return Math.max(a, b);
    }

    static int not(int a) {
        return 2 - a;
    }
}
