package org.xenwb.kconfig.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The symbols of a tree, iterated in exactly the order of the C tools' hash table (FNV-1 hash modulo 9973, newest
 * first within a bucket). That order decides the order of {@code autoconf.h} and of the random draws of
 * {@code randconfig}, so it is part of the observable behaviour. Not thread-safe.
 */
final class SymbolTable {
    static final int HASH_SIZE = 9973;

    final Symbol yes = constant("y", Tristate.YES.ordinal());
    final Symbol mod = constant("m", Tristate.MOD.ordinal());
    final Symbol no = constant("n", Tristate.NO.ordinal());
    final Symbol empty;

    private final Symbol[] buckets = new Symbol[HASH_SIZE];
    private final Map<String, Symbol> plain = new HashMap<>();
    private final Map<String, Symbol> constants = new HashMap<>();
    private List<Symbol> ordered;

    SymbolTable() {
        empty = new Symbol("", Symbol.VALID);
        empty.currVal = "";
    }

    private static Symbol constant(String name, int tri) {
        Symbol s = new Symbol(name, Symbol.CONST | Symbol.VALID);
        s.type = SymbolType.TRISTATE;
        s.currVal = name;
        s.currTri = tri;
        return s;
    }

    static int hash(String name) {
        int h = 0x811C9DC5;
        for (byte b : name.getBytes(StandardCharsets.ISO_8859_1)) {
            h = (h ^ b) * 0x01000193;
        }
        return Integer.remainderUnsigned(h, HASH_SIZE);
    }

    /** sym_lookup: y/m/n are the built-in constants; flags 0 finds ordinary symbols, CONST constants. */
    Symbol lookup(String name, int flags) {
        int hash = 0;
        if (name != null) {
            Symbol special = special(name);
            if (special != null) {
                return special;
            }
            Symbol found = (flags & Symbol.CONST) != 0 ? constants.get(name)
                    : flags == 0 ? plain.get(name) : null;
            if (found != null) {
                return found;
            }
            if ((flags & Symbol.CHOICE) != 0) {
                for (Symbol s = buckets[hash(name)]; s != null; s = s.nextInBucket) {
                    if (name.equals(s.name) && (s.flags & flags) != 0) {
                        return s;
                    }
                }
            }
            hash = hash(name);
        }
        Symbol s = new Symbol(name, flags);
        s.nextInBucket = buckets[hash];
        buckets[hash] = s;
        if (name != null) {
            if ((flags & Symbol.CONST) != 0) {
                constants.putIfAbsent(name, s);
            } else if (flags == 0) {
                plain.putIfAbsent(name, s);
            }
        }
        ordered = null;
        return s;
    }

    private Symbol special(String name) {
        if (name.length() == 1) {
            switch (name.charAt(0)) {
                case 'y' -> {
                    return yes;
                }
                case 'm' -> {
                    return mod;
                }
                case 'n' -> {
                    return no;
                }
                default -> {
                }
            }
        }
        return null;
    }

    /** sym_find: the non-constant symbol of that name (a named choice included), or null. */
    Symbol find(String name) {
        if (name == null) {
            return null;
        }
        Symbol special = special(name);
        if (special != null) {
            return special;
        }
        for (Symbol s = buckets[hash(name)]; s != null; s = s.nextInBucket) {
            if (name.equals(s.name) && (s.flags & Symbol.CONST) == 0) {
                return s;
            }
        }
        return null;
    }

    /** for_all_symbols order. */
    List<Symbol> all() {
        if (ordered == null) {
            List<Symbol> out = new ArrayList<>();
            for (Symbol head : buckets) {
                for (Symbol s = head; s != null; s = s.nextInBucket) {
                    out.add(s);
                }
            }
            ordered = out;
        }
        return ordered;
    }
}
