package org.xenwb.kconfig.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A Kconfig symbol: a {@code config} entry, a choice (which has no name unless one was given), a constant
 * ({@code y}, {@code "foo"}, {@code 42}) or an undefined name.
 *
 * <p>Values are computed lazily by the owning {@link Kconfig} with the algorithm of the C tools and cached until a
 * change invalidates them. Not thread-safe; use one {@link Kconfig} per thread.</p>
 */
public final class Symbol {
    static final int CONST = 0x0001;
    static final int CHECK = 0x0008;
    static final int CHOICE = 0x0010;
    static final int CHOICEVAL = 0x0020;
    static final int VALID = 0x0080;
    static final int OPTIONAL = 0x0100;
    static final int WRITE = 0x0200;
    static final int CHANGED = 0x0400;
    static final int WRITTEN = 0x0800;
    static final int NO_WRITE = 0x1000;
    static final int CHECKED = 0x2000;
    static final int WARNED = 0x8000;
    static final int DEF_USER = 0x10000;
    static final int DEF_AUTO = 0x20000;
    static final int NEED_SET_CHOICE_VALUES = 0x100000;

    static final int S_DEF_USER = 0;
    static final int S_DEF_AUTO = 1;

    final String name;
    SymbolType type = SymbolType.UNKNOWN;
    int flags;
    /** Current value: a String for most symbols, the selected value Symbol (or null) for a choice. */
    Object currVal;
    int currTri;
    final Object[] defVal = new Object[4];
    final int[] defTri = new int[4];
    int visible;
    Expr dirDep;
    int dirDepTri;
    Expr revDep;
    int revDepTri;
    Expr implied;
    int impliedTri;
    final List<Property> props = new ArrayList<>(4);
    final List<MenuNode> menus = new ArrayList<>(1);
    /** Values of a choice in definition order. */
    List<Symbol> choiceValues;
    Symbol nextInBucket;

    Symbol(String name, int flags) {
        this.name = name;
        this.flags = flags;
    }

    /** @return the name, or null for an unnamed choice */
    public String name() {
        return name;
    }

    /** @return the declared type */
    public SymbolType type() {
        return type;
    }

    /** @return true for a {@code choice} */
    public boolean isChoice() {
        return (flags & CHOICE) != 0;
    }

    /** @return true for a symbol defined inside a choice */
    public boolean isChoiceValue() {
        return (flags & CHOICEVAL) != 0;
    }

    /** @return true for a constant (quoted string, y/m/n) */
    public boolean isConstant() {
        return (flags & CONST) != 0;
    }

    /** @return the properties in definition order */
    public List<Property> properties() {
        return Collections.unmodifiableList(props);
    }

    /** @return the menu nodes defining this symbol, in definition order */
    public List<MenuNode> definitions() {
        return Collections.unmodifiableList(menus);
    }

    /** @return the direct dependencies ({@code depends on} of all definitions, or-ed), null meaning y */
    public Expr directDependencies() {
        return dirDep;
    }

    /** @return the reverse dependencies (the or of all {@code select}s with their conditions), or null */
    public Expr reverseDependencies() {
        return revDep;
    }

    /** @return the or of all {@code imply}s with their conditions, or null */
    public Expr weakReverseDependencies() {
        return implied;
    }

    /** @return the values of a choice in definition order (empty for other symbols) */
    public List<Symbol> choiceValues() {
        return choiceValues == null ? List.of() : Collections.unmodifiableList(choiceValues);
    }

    boolean hasValue() {
        return (flags & DEF_USER) != 0;
    }

    Property choiceProp() {
        for (Property p : props) {
            if (p.kind == Property.Kind.CHOICE) {
                return p;
            }
        }
        return null;
    }

    /** The choice that contains this choice value. */
    Symbol choice() {
        return choiceProp().symbol();
    }

    @Override
    public String toString() {
        return name == null ? "<choice>" : name;
    }
}
