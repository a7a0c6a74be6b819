package org.xenwb.engine.core.sim;

import java.util.Arrays;

/**
 * The near-future part of the {@link EventQueue}: a calendar of {@code slots} buckets of {@code 2^shift} ns each,
 * covering the absolute buckets {@code [cur, cur + slots)} (bucket = time &gt;&gt;&gt; shift). A bucket's entries
 * are appended unsorted and sorted by (time, sequence) the first time the bucket is searched; later additions to a
 * sorted bucket are inserted in order. Entries are not removed when their event is cancelled or moved: an entry is
 * live while its event is queued in the wheel with the entry's sequence number, and dead entries are dropped when
 * they reach the head of their bucket. Not thread-safe.
 */
final class CalendarWheel {

    private final int shift;
    private final int mask;
    private final Event[][] ev;
    private final long[][] times;
    private final long[][] seqs;
    private final int[] head;
    private final int[] count;
    private final boolean[] sorted;
    /** The first absolute bucket the wheel covers; never after the bucket of the queue's current time. */
    private long cur;
    /** Live entries. */
    private int live;
    /** Slot of the entry {@link #first()} found. */
    private int foundSlot;
    private long foundBucket;
    /** Scratch arrays of {@link #sortSlot}. */
    private long[] sortKeys = new long[64];
    private Event[] sortEvents = new Event[64];
    private long[] sortTimes = new long[64];
    private long[] sortSeqs = new long[64];

    /**
     * @param shift log2 of a bucket's width in ns, at most 16
     * @param slots number of buckets, a power of two
     */
    CalendarWheel(int shift, int slots) {
        if (shift > 16) {
            throw new IllegalArgumentException("buckets wider than 2^16 ns do not fit sortSlot's keys: " + shift);
        }
        this.shift = shift;
        this.mask = slots - 1;
        ev = new Event[slots][];
        times = new long[slots][];
        seqs = new long[slots][];
        head = new int[slots];
        count = new int[slots];
        sorted = new boolean[slots];
        for (int s = 0; s < slots; s++) {
            ev[s] = new Event[8];
            times[s] = new long[8];
            seqs[s] = new long[8];
        }
    }

    /** @return the first absolute bucket covered */
    long cur() {
        return cur;
    }

    /** @return the first absolute bucket not covered */
    long end() {
        return cur + mask + 1;
    }

    /** @return the absolute bucket of a time, ns */
    long bucketOf(long time) {
        return time >>> shift;
    }

    /** @return whether the wheel has live entries */
    boolean isEmpty() {
        return live == 0;
    }

    /**
     * Moves the covered range forward. Precondition: no live entry is in a bucket before {@code bucket}.
     *
     * @param bucket the new first bucket, not before the current one
     */
    void advanceTo(long bucket) {
        cur = bucket;
    }

    /** Notes that a live entry died (its event was cancelled or moved). */
    void killed() {
        live--;
    }

    /**
     * Adds an entry. Precondition: its bucket is in {@code [cur(), end())}; the event's {@code seq} is {@code q}.
     *
     * @param e the event
     * @param t its time, ns
     * @param q its sequence number
     */
    void add(Event e, long t, long q) {
        int s = (int) (t >>> shift) & mask;
        if (count[s] == ev[s].length) {
            grow(s);
        }
        int n = count[s];
        Event[] es = ev[s];
        long[] ts = times[s];
        long[] qs = seqs[s];
        int i = n;
        if (sorted[s]) {
            // insert in order: shift the later entries up by one
            int lo = head[s];
            while (i > lo && (ts[i - 1] > t || (ts[i - 1] == t && qs[i - 1] > q))) {
                es[i] = es[i - 1];
                ts[i] = ts[i - 1];
                qs[i] = qs[i - 1];
                i--;
            }
        }
        es[i] = e;
        ts[i] = t;
        qs[i] = q;
        count[s] = n + 1;
        live++;
    }

    private void grow(int s) {
        int h = head[s];
        int n = count[s] - h;
        int cap = Math.max(8, n * 2);
        Event[] es = new Event[cap];
        long[] ts = new long[cap];
        long[] qs = new long[cap];
        System.arraycopy(ev[s], h, es, 0, n);
        System.arraycopy(times[s], h, ts, 0, n);
        System.arraycopy(seqs[s], h, qs, 0, n);
        ev[s] = es;
        times[s] = ts;
        seqs[s] = qs;
        head[s] = 0;
        count[s] = n;
    }

    /**
     * Finds the live entry with the smallest (time, sequence), dropping dead entries on the way.
     *
     * @return its event, or null when the wheel has no live entry
     */
    Event first() {
        if (live == 0) {
            return null;
        }
        for (long b = cur;; b++) {
            int s = (int) b & mask;
            if (head[s] == count[s]) {
                continue;
            }
            if (!sorted[s]) {
                sortSlot(s);
            }
            Event[] es = ev[s];
            int h = head[s];
            int n = count[s];
            while (h < n) {
                Event e = es[h];
                if (e.queued && e.inWheel && e.seq == seqs[s][h]) {
                    head[s] = h;
                    foundSlot = s;
                    foundBucket = b;
                    return e;
                }
                es[h++] = null;
            }
            head[s] = 0;
            count[s] = 0;
            sorted[s] = false;
        }
    }

    /** @return the time of the entry {@link #first()} returned, ns */
    long firstTime() {
        return times[foundSlot][head[foundSlot]];
    }

    /** @return the sequence number of the entry {@link #first()} returned */
    long firstSeq() {
        return seqs[foundSlot][head[foundSlot]];
    }

    /** Removes the entry {@link #first()} returned and moves the covered range to start at its bucket. */
    void removeFirst() {
        int s = foundSlot;
        int h = head[s];
        ev[s][h] = null;
        if (++h == count[s]) {
            head[s] = 0;
            count[s] = 0;
            sorted[s] = false;
        } else {
            head[s] = h;
        }
        live--;
        cur = foundBucket;
    }

    /**
     * Sorts a slot's entries by (time, sequence). Each entry gets one {@code long} key, its time within the bucket,
     * its sequence number relative to the slot's smallest and its position, so that a primitive sort orders them
     * and the positions say where each entry goes. Slots whose entries span more than one bucket (dead entries of an
     * earlier lap) or sequence numbers 2^31 apart fall back to an insertion sort on the full keys.
     */
    private void sortSlot(int s) {
        int lo = head[s];
        int n = count[s] - lo;
        sorted[s] = true;
        if (n < 2) {
            return;
        }
        long[] ts = times[s];
        long[] qs = seqs[s];
        long bucket = ts[lo] >>> shift;
        long minSeq = qs[lo];
        long maxSeq = minSeq;
        for (int i = lo + 1; i < lo + n; i++) {
            if (ts[i] >>> shift != bucket) {
                insertionSort(s);
                return;
            }
            minSeq = Math.min(minSeq, qs[i]);
            maxSeq = Math.max(maxSeq, qs[i]);
        }
        if (maxSeq - minSeq >= 1L << 31 || n > 0xffff) {
            insertionSort(s);
            return;
        }
        if (sortKeys.length < n) {
            int cap = Math.max(n, sortKeys.length * 2);
            sortKeys = new long[cap];
            sortEvents = new Event[cap];
            sortTimes = new long[cap];
            sortSeqs = new long[cap];
        }
        long offsetMask = (1L << shift) - 1;
        for (int i = 0; i < n; i++) {
            sortKeys[i] = (ts[lo + i] & offsetMask) << 47 | (qs[lo + i] - minSeq) << 16 | i;
        }
        Arrays.sort(sortKeys, 0, n);
        Event[] es = ev[s];
        for (int i = 0; i < n; i++) {
            int from = lo + (int) (sortKeys[i] & 0xffff);
            sortEvents[i] = es[from];
            sortTimes[i] = ts[from];
            sortSeqs[i] = qs[from];
        }
        System.arraycopy(sortEvents, 0, es, lo, n);
        System.arraycopy(sortTimes, 0, ts, lo, n);
        System.arraycopy(sortSeqs, 0, qs, lo, n);
        Arrays.fill(sortEvents, 0, n, null);
    }

    /** Insertion sort of a slot's entries by (time, sequence). */
    private void insertionSort(int s) {
        Event[] es = ev[s];
        long[] ts = times[s];
        long[] qs = seqs[s];
        int lo = head[s];
        int n = count[s];
        for (int i = lo + 1; i < n; i++) {
            Event e = es[i];
            long t = ts[i];
            long q = qs[i];
            int j = i;
            while (j > lo && (ts[j - 1] > t || (ts[j - 1] == t && qs[j - 1] > q))) {
                es[j] = es[j - 1];
                ts[j] = ts[j - 1];
                qs[j] = qs[j - 1];
                j--;
            }
            es[j] = e;
            ts[j] = t;
            qs[j] = q;
        }
    }
}
