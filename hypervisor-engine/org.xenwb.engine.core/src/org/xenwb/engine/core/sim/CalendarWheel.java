package org.xenwb.engine.core.sim;

import java.util.Arrays;

/**
 * The near-future part of the {@link EventQueue}: a calendar of {@code slots} buckets of {@code 2^shift} ns each,
 * covering the absolute buckets {@code [cur, cur + slots)} (bucket = time &gt;&gt;&gt; shift; slot = bucket mod
 * slots). Entries are the queue's event ids; each slot holds its ids in a circular doubly linked list kept sorted by
 * (time, sequence), so adding is a walk back from the tail (new entries usually have the largest sequence number)
 * and removing is an unlink: a cancelled or moved event leaves nothing behind. The links and keys live in primitive
 * arrays indexed by id, so the wheel never touches an event object (dense in cache, and no garbage collector
 * barrier on its stores). A bitmap of the occupied slots, with a summary bit per bitmap word, finds the next
 * occupied slot in a few word operations.
 *
 * <p>Invariant: every entry has its bucket in {@code [cur, cur + slots)}; so one slot never holds entries of two
 * laps, and the occupied slots in circular order from {@code cur}'s slot are in time order. Not thread-safe.</p>
 */
final class CalendarWheel {

    /** No entry. */
    static final int NONE = -1;

    private final int shift;
    private final int mask;
    /** Per slot, the first id of its sorted circular list ({@code prev[head]} is the last), or {@link #NONE}. */
    private final int[] heads;
    /** Bit {@code s % 64} of word {@code s / 64} set when slot s is non-empty. */
    private final long[] occupied;
    /** Bit {@code w % 64} of word {@code w / 64} set when {@code occupied[w]} is non-zero. */
    private final long[] summary;
    /** Per id: neighbours in its slot's list, and its key. */
    private int[] next = new int[256];
    private int[] prev = new int[256];
    private long[] times = new long[256];
    private long[] seqs = new long[256];
    /** The first absolute bucket the wheel covers; never after the bucket of the earliest entry. */
    private long cur;
    private int size;
    /** The earliest entry, when {@link #firstKnown} ({@link #NONE} for an empty wheel). */
    private int first = NONE;
    private boolean firstKnown;

    /**
     * @param shift log2 of a bucket's width in ns
     * @param slots number of buckets, a power of two and at least 4096
     */
    CalendarWheel(int shift, int slots) {
        if (Integer.bitCount(slots) != 1 || slots < 4096) {
            throw new IllegalArgumentException("slots must be a power of two >= 4096: " + slots);
        }
        this.shift = shift;
        this.mask = slots - 1;
        heads = new int[slots];
        Arrays.fill(heads, NONE);
        occupied = new long[slots >>> 6];
        summary = new long[slots >>> 12];
    }

    /** Makes room for ids below {@code n}. */
    void ensureIds(int n) {
        if (n > next.length) {
            int cap = Math.max(n, next.length * 2);
            next = Arrays.copyOf(next, cap);
            prev = Arrays.copyOf(prev, cap);
            times = Arrays.copyOf(times, cap);
            seqs = Arrays.copyOf(seqs, cap);
        }
    }

    /** @return the first absolute bucket not covered */
    long end() {
        return cur + mask + 1;
    }

    /** @return the absolute bucket of a time, ns */
    long bucketOf(long time) {
        return time >>> shift;
    }

    /**
     * Moves the covered range forward. Precondition: no entry is in a bucket before {@code bucket}.
     *
     * @param bucket the new first bucket, not before the current one
     */
    void advanceTo(long bucket) {
        cur = bucket;
    }

    /**
     * Adds an entry. Precondition: its bucket is in {@code [cur, end())}, the id is below {@link #ensureIds}'s
     * bound and not in the wheel.
     *
     * @param id the event id
     * @param t its time, ns
     * @param q its sequence number
     */
    void add(int id, long t, long q) {
        times[id] = t;
        seqs[id] = q;
        int s = (int) (t >>> shift) & mask;
        int h = heads[s];
        if (h == NONE) {
            next[id] = id;
            prev[id] = id;
            heads[s] = id;
            int w = s >>> 6;
            if (occupied[w] == 0) {
                summary[w >>> 6] |= 1L << w;
            }
            occupied[w] |= 1L << s;
        } else {
            // walk back from the tail to the last entry ordered before this one
            int p = prev[h];
            while (after(p, t, q)) {
                if (p == h) {
                    insertAfter(prev[h], id); // before the head, in circular order
                    heads[s] = id;
                    p = NONE;
                    break;
                }
                p = prev[p];
            }
            if (p != NONE) {
                insertAfter(p, id);
            }
        }
        size++;
        if (firstKnown && (first == NONE || after(first, t, q))) {
            first = id;
        }
    }

    private boolean after(int p, long t, long q) {
        long pt = times[p];
        return pt > t || (pt == t && seqs[p] > q);
    }

    private void insertAfter(int p, int id) {
        int n = next[p];
        prev[id] = p;
        next[id] = n;
        next[p] = id;
        prev[n] = id;
    }

    /**
     * Removes an entry that is in the wheel.
     *
     * @param id the event id
     */
    void remove(int id) {
        int s = (int) (times[id] >>> shift) & mask;
        int n = next[id];
        if (n == id) {
            heads[s] = NONE;
            int w = s >>> 6;
            occupied[w] &= ~(1L << s);
            if (occupied[w] == 0) {
                summary[w >>> 6] &= ~(1L << w);
            }
        } else {
            int p = prev[id];
            next[p] = n;
            prev[n] = p;
            if (heads[s] == id) {
                heads[s] = n;
            }
        }
        size--;
        if (first == id) {
            firstKnown = false;
            first = NONE;
        }
    }

    /** @return the id with the smallest (time, sequence), or {@link #NONE} when the wheel is empty */
    int first() {
        if (!firstKnown) {
            firstKnown = true;
            first = size == 0 ? NONE : heads[nextOccupied((int) cur & mask)];
        }
        return first;
    }

    /** @return the time of an entry, ns */
    long timeOf(int id) {
        return times[id];
    }

    /** @return the sequence number of an entry */
    long seqOf(int id) {
        return seqs[id];
    }

    /** @return the first occupied slot at or after {@code from} in circular order; the wheel must not be empty */
    private int nextOccupied(int from) {
        int w = from >>> 6;
        long bits = occupied[w] & (-1L << from);
        if (bits != 0) {
            return (w << 6) + Long.numberOfTrailingZeros(bits);
        }
        int nw = nextSummaryBit(w + 1);
        if (nw < 0) {
            nw = nextSummaryBit(0); // wrapped: the next lap of the slots, bucket-wise still ahead
        }
        return (nw << 6) + Long.numberOfTrailingZeros(occupied[nw]);
    }

    /** @return the first word index at or after {@code from} whose bitmap word is non-zero, or -1 */
    private int nextSummaryBit(int from) {
        for (int i = from >>> 6; i < summary.length; i++) {
            long bits = summary[i];
            if (i == from >>> 6) {
                bits &= -1L << from;
            }
            if (bits != 0) {
                return (i << 6) + Long.numberOfTrailingZeros(bits);
            }
        }
        return -1;
    }

    /**
     * Removes the entry {@link #first()} returned and moves the covered range to start at its bucket.
     *
     * @param id that entry
     */
    void removeFirst(int id) {
        remove(id);
        cur = times[id] >>> shift;
    }
}
