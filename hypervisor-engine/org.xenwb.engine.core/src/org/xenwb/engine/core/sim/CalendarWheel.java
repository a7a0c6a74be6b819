package org.xenwb.engine.core.sim;

/**
 * The near-future part of the {@link EventQueue}: a calendar of {@code slots} buckets of {@code 2^shift} ns each,
 * covering the absolute buckets {@code [cur, cur + slots)} (bucket = time &gt;&gt;&gt; shift; slot = bucket mod
 * slots). Each slot holds its events in a circular doubly linked list threaded through the events themselves and
 * kept sorted by (time, sequence), so adding is a walk back from the tail (new events usually have the largest
 * sequence number) and removing is an unlink: a cancelled or moved event leaves nothing behind. A bitmap of the
 * occupied slots, with a summary bit per bitmap word, finds the next occupied slot in a few word operations.
 *
 * <p>Invariant: every event in the wheel has its bucket in {@code [cur, cur + slots)}; so one slot never holds
 * events of two laps, and the occupied slots in circular order from {@code cur}'s slot are in time order. Not
 * thread-safe.</p>
 */
final class CalendarWheel {

    private final int shift;
    private final int mask;
    /** Per slot, the first event of its sorted circular list ({@code head.prev} is the last), or null. */
    private final Event[] heads;
    /** Bit {@code s % 64} of word {@code s / 64} set when slot s is non-empty. */
    private final long[] occupied;
    /** Bit {@code w % 64} of word {@code w / 64} set when {@code occupied[w]} is non-zero. */
    private final long[] summary;
    /** The first absolute bucket the wheel covers; never after the bucket of the earliest event in it. */
    private long cur;
    private int size;
    /** The earliest event, when {@link #firstKnown}. */
    private Event first;
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
        heads = new Event[slots];
        occupied = new long[slots >>> 6];
        summary = new long[slots >>> 12];
    }

    /** @return the first absolute bucket not covered */
    long end() {
        return cur + mask + 1;
    }

    /** @return the absolute bucket of a time, ns */
    long bucketOf(long time) {
        return time >>> shift;
    }

    /** @return whether the wheel holds no event */
    boolean isEmpty() {
        return size == 0;
    }

    /**
     * Moves the covered range forward. Precondition: no event of the wheel is in a bucket before {@code bucket}.
     *
     * @param bucket the new first bucket, not before the current one
     */
    void advanceTo(long bucket) {
        cur = bucket;
    }

    /**
     * Adds an event by its {@code time} and {@code seq}. Precondition: its bucket is in {@code [cur, end())} and it
     * is in no list.
     *
     * @param e the event
     */
    void add(Event e) {
        long t = e.time;
        long q = e.seq;
        int s = (int) (t >>> shift) & mask;
        Event h = heads[s];
        if (h == null) {
            e.next = e;
            e.prev = e;
            heads[s] = e;
            int w = s >>> 6;
            if (occupied[w] == 0) {
                summary[w >>> 6] |= 1L << w;
            }
            occupied[w] |= 1L << s;
        } else {
            // walk back from the tail to the last event ordered before e
            Event p = h.prev;
            while (after(p, t, q)) {
                if (p == h) {
                    // e is the new head
                    insertAfter(h.prev, e);
                    heads[s] = e;
                    p = null;
                    break;
                }
                p = p.prev;
            }
            if (p != null) {
                insertAfter(p, e);
            }
        }
        size++;
        if (firstKnown && (first == null || after(first, t, q))) {
            first = e;
        }
    }

    private static boolean after(Event p, long t, long q) {
        return p.time > t || (p.time == t && p.seq > q);
    }

    private static void insertAfter(Event p, Event e) {
        Event n = p.next;
        e.prev = p;
        e.next = n;
        p.next = e;
        n.prev = e;
    }

    /**
     * Removes an event that is in the wheel.
     *
     * @param e the event
     */
    void remove(Event e) {
        int s = (int) (e.time >>> shift) & mask;
        if (e.next == e) {
            heads[s] = null;
            int w = s >>> 6;
            occupied[w] &= ~(1L << s);
            if (occupied[w] == 0) {
                summary[w >>> 6] &= ~(1L << w);
            }
        } else {
            e.prev.next = e.next;
            e.next.prev = e.prev;
            if (heads[s] == e) {
                heads[s] = e.next;
            }
        }
        e.next = null;
        e.prev = null;
        size--;
        if (first == e) {
            firstKnown = false;
            first = null;
        }
    }

    /** @return the event with the smallest (time, sequence), or null when the wheel is empty */
    Event first() {
        if (firstKnown) {
            return first;
        }
        firstKnown = true;
        first = size == 0 ? null : heads[nextOccupied((int) cur & mask)];
        return first;
    }

    /** @return the first occupied slot at or after {@code from} in circular order; the wheel must not be empty */
    private int nextOccupied(int from) {
        int w = from >>> 6;
        long bits = occupied[w] & (-1L << from);
        if (bits != 0) {
            return (w << 6) + Long.numberOfTrailingZeros(bits);
        }
        int next = nextSummaryBit(w + 1);
        if (next < 0) {
            next = nextSummaryBit(0); // wrapped: the next lap of the slots, bucket-wise still ahead
        }
        return (next << 6) + Long.numberOfTrailingZeros(occupied[next]);
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
     * Removes the event {@link #first()} returned and moves the covered range to start at its bucket.
     *
     * @param e that event
     */
    void removeFirst(Event e) {
        remove(e);
        cur = e.time >>> shift;
    }
}
