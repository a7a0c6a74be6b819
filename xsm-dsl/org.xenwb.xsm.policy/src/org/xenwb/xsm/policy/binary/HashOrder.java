package org.xenwb.xsm.policy.binary;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import org.xenwb.xsm.policy.AvRule;

/**
 * The iteration orders of libsepol's hash tables, which decide the order of entries in a binary policy.
 *
 * <p>Symbol tables hash names with a rotate-and-xor function into a power-of-two table that starts at a per-table
 * size and doubles whenever an insertion finds it full; chains are sorted by {@code strcmp}. The compiler's
 * access-vector table has 2^20 slots (it is allocated for the maximum rule count before rules are added) with a
 * MurmurHash3-style mix of class, target and source; chains are sorted by source, target, class, and entries with
 * the same key keep their insertion order.</p>
 *
 * <p>The compiler uses the same order: checkpolicy numbers types, roles, users and booleans of the compiled policy
 * in the iteration order of the source policy's symbol tables. Stateless and thread-safe.</p>
 */
public final class HashOrder {

    /** Initial sizes of the symbol tables: commons, classes, roles, types, users, booleans, sensitivities, cats. */
    public static final int[] SYMTAB_SIZES = {2, 32, 16, 512, 128, 16, 16, 16};
    /** Initial size of a class's or common's permission table. */
    static final int PERM_TABLE_SIZE = 32;
    /** Slot mask of the access-vector table that checkpolicy's expansion fills and writes. */
    static final int AVTAB_MASK = (1 << 20) - 1;

    private HashOrder() {
    }

    /**
     * The size a libsepol hash table has after {@code count} insertions.
     *
     * @param initial the size at creation
     * @param count the number of entries
     * @return the final size
     */
    static int tableSize(int initial, int count) {
        int size = initial;
        while (count > 0 && size <= count - 1) {
            size *= 2;
        }
        return size;
    }

    static int symHash(byte[] key, int size) {
        int val = 0;
        for (byte b : key) {
            val = (val << 4 | val >>> 28) ^ b;
        }
        return val & (size - 1);
    }

    /**
     * Orders entries as a libsepol symbol table iterates them.
     *
     * @param entries the entries
     * @param name the key of an entry
     * @param initialSize the table's initial size
     * @return a new list in iteration order
     */
    public static <T> List<T> symbolOrder(List<T> entries, Function<T, String> name, int initialSize) {
        int size = tableSize(initialSize, entries.size());
        record Keyed<T>(T entry, byte[] key, int slot) {
        }
        List<Keyed<T>> keyed = new ArrayList<>();
        for (T e : entries) {
            byte[] key = name.apply(e).getBytes(StandardCharsets.UTF_8);
            keyed.add(new Keyed<>(e, key, symHash(key, size)));
        }
        keyed.sort(Comparator.<Keyed<T>>comparingInt(Keyed::slot)
                .thenComparing(Keyed::key, Arrays::compareUnsigned));
        return keyed.stream().map(Keyed::entry).toList();
    }

    static int avtabHash(int source, int target, int tclass) {
        int hash = 0;
        for (int input : new int[] {tclass, target, source}) {
            int v = input * 0xcc9e2d51;
            v = Integer.rotateLeft(v, 15);
            v *= 0x1b873593;
            hash ^= v;
            hash = Integer.rotateLeft(hash, 13);
            hash = hash * 5 + 0xe6546b64;
        }
        hash ^= hash >>> 16;
        hash *= 0x85ebca6b;
        hash ^= hash >>> 13;
        hash *= 0xc2b2ae35;
        hash ^= hash >>> 16;
        return hash & AVTAB_MASK;
    }

    /**
     * Orders unconditional rules as checkpolicy's access-vector table iterates them. Stable: rules with the same
     * source, target and class keep their order in the input.
     *
     * @param rules the rules
     * @return a new list in iteration order
     */
    static List<AvRule> avtabOrder(List<AvRule> rules) {
        List<AvRule> sorted = new ArrayList<>(rules);
        sorted.sort(Comparator.<AvRule>comparingInt(r -> avtabHash(r.source(), r.target(), r.tclass()))
                .thenComparingInt(AvRule::source).thenComparingInt(AvRule::target).thenComparingInt(AvRule::tclass));
        return sorted;
    }
}
