package org.xenwb.trace.core.index;

import org.xenwb.trace.core.format.TraceFormatException;
import org.xenwb.trace.core.read.TraceBytes;

/**
 * The signs of damage that make the index stop reading a pCPU's records. Overwritten bytes make the records that
 * follow them misaligned, and a misaligned walk reads data words as headers and time stamps: the walk then meets a
 * record that runs past the end of its window, or, usually sooner, a TSC that is not a plausible step from its
 * pCPU's previous one: backwards, or forwards by {@link #MAX_STEP} cycles or more. Steps are taken modulo 2^64,
 * so a TSC that wraps past 2^64 moves forward. No real capture has such a step (each pCPU writes its records in TSC
 * order); one garbage TSC would otherwise become the trace's end and stretch its time range to years.
 *
 * <p>Damage that leaves records whole and their TSCs plausible is not detected (such records are taken as they are,
 * as the reader takes them). Stateless; thread-safe.</p>
 */
final class WindowDamage {

    /** log2 of {@link #MAX_STEP}. */
    static final int STEP_BITS = 56;

    /** The forward step of a pCPU's TSC between two records taken as damage: 2^56 cycles (347 days at 2.4 GHz). */
    static final long MAX_STEP = 1L << STEP_BITS;

    private WindowDamage() {
    }

    /**
     * @param last a pCPU's previous TSC
     * @param next the TSC of its next record that has one
     * @return whether the step is plausible: forward (modulo 2^64) by less than {@link #MAX_STEP} cycles
     */
    static boolean plausibleStep(long last, long next) {
        return (next - last) >>> STEP_BITS == 0; // (cheaper than an unsigned comparison in the index's hot loop)
    }

    /**
     * @param bytes the mapped trace
     * @param at the byte offset of the first damaged record
     * @param cpu its pCPU
     * @param what what is wrong there
     * @return the problem, naming the trace and the offset, and saying what the index leaves out
     */
    static TraceFormatException problem(TraceBytes bytes, long at, int cpu, String what) {
        return new TraceFormatException(bytes.path().toString(), at, "damaged records of pCPU " + cpu + ": " + what
                + "; the index leaves out pCPU " + cpu + "'s records from here on");
    }
}
