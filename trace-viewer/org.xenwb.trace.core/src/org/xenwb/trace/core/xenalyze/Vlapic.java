package org.xenwb.trace.core.xenalyze;

import java.util.Arrays;

/**
 * The interrupts outstanding at one vCPU's virtual LAPIC, as xenalyze keeps them (its {@code vlapic_struct}): up to
 * {@link #SLOTS} entries, each a vector with the number of IPIs sent to it, the TSC of the first of them, and whether
 * the vector was injected since. xenalyze keeps this per vCPU whatever the vCPU's data type (a vCPU that has not
 * produced HVM records yet still collects IPIs), so it hangs off {@link Model.Vcpu}.
 *
 * <p>Mutable holder, one per vCPU; {@link VlapicModel} implements the behaviour. Not thread-safe.</p>
 */
final class Vlapic {

    /** xenalyze's MAX_VLAPIC_LIST. */
    static final int SLOTS = 8;

    final long[] firstTsc = new long[SLOTS];
    final int[] vec = new int[SLOTS];
    final int[] count = new int[SLOTS];
    final boolean[] injected = new boolean[SLOTS];
    final boolean[] valid = new boolean[SLOTS];

    /** xenalyze's hvm_vlapic_clear: forgets everything (lost records, lost vCPU). */
    void clear() {
        Arrays.fill(firstTsc, 0);
        Arrays.fill(vec, 0);
        Arrays.fill(count, 0);
        Arrays.fill(injected, false);
        Arrays.fill(valid, false);
    }

    /**
     * xenalyze's find_vec: the slot holding a vector, else the first free slot, which then holds the vector.
     *
     * @param vector the vector
     * @return the slot, or -1 when all slots hold other vectors
     */
    int find(int vector) {
        int slot = -1;
        for (int i = 0; i < SLOTS; i++) {
            if (valid[i] && vec[i] == vector) {
                slot = i;
                break;
            } else if (!valid[i] && slot < 0) {
                slot = i;
            }
        }
        if (slot >= 0 && !valid[slot]) {
            vec[slot] = vector;
            valid[slot] = true;
        }
        return slot;
    }

    /** Empties one slot (what a vmentry does to an injected vector). */
    void release(int slot) {
        firstTsc[slot] = 0;
        vec[slot] = 0;
        count[slot] = 0;
        injected[slot] = false;
        valid[slot] = false;
    }
}
