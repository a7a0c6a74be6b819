package org.xenwb.engine.core.model;

/**
 * A mutable set of pCPUs for a scheduler's own bookkeeping (idlers, tickled pCPUs), with intersection queries
 * against immutable {@link CpuSet}s that allocate nothing. Not thread-safe: simulation thread only.
 */
public final class CpuMask {

    private final long[] words;

    /** @param nrCpus the host's number of pCPUs; members must be below it */
    public CpuMask(int nrCpus) {
        words = new long[Math.max(1, (nrCpus + 63) >>> 6)];
    }

    /** @param cpu a pCPU to add */
    public void set(int cpu) {
        words[cpu >>> 6] |= 1L << cpu;
    }

    /** @param cpu a pCPU to remove */
    public void clear(int cpu) {
        words[cpu >>> 6] &= ~(1L << cpu);
    }

    /**
     * @param cpu a pCPU
     * @return whether it is in the mask
     */
    public boolean get(int cpu) {
        return (words[cpu >>> 6] & (1L << cpu)) != 0;
    }

    /**
     * @param i a word index, 0-based
     * @return pCPUs {@code 64 i .. 64 i + 63} as bits (0 beyond the mask's size)
     */
    public long word(int i) {
        return i < words.length ? words[i] : 0;
    }

    /**
     * Keeps only the members of a set.
     *
     * @param keep the set
     */
    public void retainAll(CpuSet keep) {
        for (int i = 0; i < words.length; i++) {
            words[i] &= keep.word(i);
        }
    }

    /**
     * The first pCPU at or after {@code from}, wrapping around, that is in this mask and in every given set:
     * {@link CpuSet#cycleFrom} of the intersection, without building it.
     *
     * @param from where to start (negative counts as 0)
     * @param a a set
     * @param b another set, or null for none
     * @param c a third set, or null for none
     * @return the pCPU, or -1 when the intersection is empty
     */
    public int cycleFrom(int from, CpuSet a, CpuSet b, CpuSet c) {
        int start = Math.max(from, 0);
        int sw = start >>> 6;
        int first = -1;
        for (int i = 0; i < words.length; i++) {
            long w = words[i] & a.word(i);
            if (b != null) {
                w &= b.word(i);
            }
            if (c != null) {
                w &= c.word(i);
            }
            if (w == 0) {
                continue;
            }
            if (first < 0) {
                first = (i << 6) + Long.numberOfTrailingZeros(w);
            }
            if (i > sw) {
                return (i << 6) + Long.numberOfTrailingZeros(w);
            }
            if (i == sw) {
                long hi = w & (-1L << start);
                if (hi != 0) {
                    return (i << 6) + Long.numberOfTrailingZeros(hi);
                }
            }
        }
        return first;
    }

    /**
     * Makes this mask a copy of a set.
     *
     * @param s the set; members must be below the mask's size
     */
    public void assign(CpuSet s) {
        for (int i = 0; i < words.length; i++) {
            words[i] = s.word(i);
        }
    }

    /**
     * Makes this mask {@code a} without the members of {@code b}.
     *
     * @param a a mask of the same size
     * @param b a mask of the same size
     */
    public void assignAndNot(CpuMask a, CpuMask b) {
        for (int i = 0; i < words.length; i++) {
            words[i] = a.word(i) & ~b.word(i);
        }
    }

    /**
     * Removes the members of another mask.
     *
     * @param remove the mask
     */
    public void removeAll(CpuMask remove) {
        for (int i = 0; i < words.length; i++) {
            words[i] &= ~remove.word(i);
        }
    }

    /**
     * @param from where to start (negative counts as 0)
     * @return the lowest member at or after {@code from}, without wrapping, or -1 when there is none
     */
    public int nextSetBit(int from) {
        int f = Math.max(from, 0);
        int i = f >>> 6;
        if (i >= words.length) {
            return -1;
        }
        long w = words[i] & (-1L << f);
        while (w == 0) {
            if (++i == words.length) {
                return -1;
            }
            w = words[i];
        }
        return (i << 6) + Long.numberOfTrailingZeros(w);
    }

    /** @return how many 64-bit words the mask has ({@link #word} beyond them is 0) */
    public int wordCount() {
        return words.length;
    }

    /**
     * Makes this mask {@code a & b & ~(x | y | z)} in one pass.
     *
     * @param a a set
     * @param b another set
     * @param x a mask of the same size
     * @param y a mask of the same size
     * @param z a mask of the same size
     */
    public void assignAndAndNotAny(CpuSet a, CpuSet b, CpuMask x, CpuMask y, CpuMask z) {
        for (int i = 0; i < words.length; i++) {
            words[i] = a.word(i) & b.word(i) & ~(x.words[i] | y.words[i] | z.words[i]);
        }
    }

    /**
     * Makes this mask {@code a & b & ~x}.
     *
     * @param a a set
     * @param b a mask of the same size
     * @param x a mask of the same size
     */
    public void assignAndAndNot(CpuSet a, CpuMask b, CpuMask x) {
        for (int i = 0; i < words.length; i++) {
            words[i] = a.word(i) & b.word(i) & ~x.word(i);
        }
    }

    /** @return whether the mask has no member */
    public boolean isEmpty() {
        for (long w : words) {
            if (w != 0) {
                return false;
            }
        }
        return true;
    }
}
