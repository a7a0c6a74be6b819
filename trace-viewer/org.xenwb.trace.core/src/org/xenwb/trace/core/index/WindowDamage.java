package org.xenwb.trace.core.index;

import org.xenwb.trace.core.format.TraceFormat;
import org.xenwb.trace.core.format.TraceFormatException;
import org.xenwb.trace.core.read.TraceBytes;

/**
 * Finds the damage in one window of a trace before the index takes its records: overwritten bytes make the records
 * that follow them misaligned, and a misaligned walk reads data words as headers and time stamps. A window is
 * damaged when its records do not fill it exactly (one runs past its end), or when a record's TSC is not a plausible
 * step from its pCPU's previous TSC: backwards, or forwards by more than {@link #MAX_STEP} cycles. Steps are taken
 * modulo 2^64, so a TSC that wraps past 2^64 moves forward. No real capture has such a step (each pCPU writes its
 * records in TSC order); one garbage TSC would otherwise become the trace's end and stretch its time range to years.
 *
 * <p>Damage that leaves records whole and their TSCs plausible is not detected (such records are taken as they are,
 * as the reader takes them). Stateless; thread-safe.</p>
 */
final class WindowDamage {

    /** The largest forward step of a pCPU's TSC between two records: 2^56 cycles (over 300 days at 2.4 GHz). */
    static final long MAX_STEP = 1L << 56;

    private WindowDamage() {
    }

    /**
     * Checks one window.
     *
     * @param bytes the mapped trace
     * @param start offset of the window's first record (after its CPU-change record)
     * @param end offset one past its last byte
     * @param cpu the window's pCPU, for the message
     * @param cut whether the end of the file cuts the window (then a record cut by it is not damage)
     * @param sawTsc whether the pCPU had a record with a TSC before this window
     * @param lastTsc that record's TSC
     * @return null when the window is sound, else the damage, at the byte offset of the first bad record
     */
    static TraceFormatException find(TraceBytes bytes, long start, long end, int cpu, boolean cut, boolean sawTsc,
            long lastTsc) {
        boolean saw = sawTsc;
        long last = lastTsc;
        for (long at = start; at < end;) {
            if (end - at < TraceFormat.HEADER_BYTES) {
                return cut ? null : damage(bytes, at, cpu, start, "a record header is cut short by its end");
            }
            int h = bytes.word(at);
            int size = TraceFormat.recordBytes(h);
            if (end - at < size) {
                return cut ? null : damage(bytes, at, cpu, start, String.format("a record (event 0x%08x) of %d"
                        + " bytes runs past its end at offset %d", TraceFormat.eventOf(h), size, end));
            }
            if (TraceFormat.hasTsc(h)) {
                long t = (bytes.word(at + 4) & 0xffffffffL) | ((long) bytes.word(at + 8) << 32);
                if (saw && Long.compareUnsigned(t - last, MAX_STEP) > 0) {
                    return damage(bytes, at, cpu, start, "the TSC jumps from " + Long.toUnsignedString(last) + " to "
                            + Long.toUnsignedString(t));
                }
                saw = true;
                last = t;
            }
            at += size;
        }
        return null;
    }

    private static TraceFormatException damage(TraceBytes bytes, long at, int cpu, long start, String what) {
        return new TraceFormatException(bytes.path().toString(), at, "damaged window of pCPU " + cpu + " (records"
                + " from offset " + start + "): " + what + "; the index leaves out this window and pCPU " + cpu
                + "'s later records");
    }
}
