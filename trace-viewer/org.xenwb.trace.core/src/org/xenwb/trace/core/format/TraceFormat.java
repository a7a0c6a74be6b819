package org.xenwb.trace.core.format;

/**
 * The layout of a file written by {@code xentrace} (Xen's {@code tools/xentrace/xentrace.c}), in one place.
 *
 * <p>A file is a sequence of <em>windows</em>. Each window starts with a CPU-change record written by xentrace
 * itself (12 bytes: header {@link #CPU_CHANGE_HEADER}, then the 32-bit pCPU number, then the 32-bit size in bytes
 * of the records that follow) and holds records that Xen wrote into the trace buffer of that pCPU, in the order
 * Xen wrote them. A window of pCPU {@code c} is followed by a window of any pCPU; the windows of one pCPU, read in
 * file order, form that pCPU's stream.</p>
 *
 * <p>A record ({@code struct t_rec}) is a 32-bit header (bits 27..0 event id, bits 30..28 the number of 32-bit
 * extra words, 0..7, bit 31 set when a 64-bit TSC follows), then the TSC as two 32-bit words (low word first)
 * when present, then the extra words. All words are little-endian (xentrace writes host order; Xen runs on
 * little-endian x86 and Arm). So a record takes 4 to 40 bytes, always a multiple of 4.</p>
 *
 * <p>Constants and pure functions only; thread-safe.</p>
 */
public final class TraceFormat {

    private TraceFormat() {
    }

    /** Largest number of extra words in one record. */
    public static final int MAX_EXTRA_WORDS = 7;
    /** Shift of the extra-word count in a record header. */
    public static final int EXTRA_SHIFT = 28;
    /** Bit of a record header that says a 64-bit TSC follows the header. */
    public static final int CYCLES_FLAG = 0x80000000;
    /** Size in bytes of a record header. */
    public static final int HEADER_BYTES = 4;
    /** Size in bytes of the TSC of a record that has one. */
    public static final int TSC_BYTES = 8;
    /** Size in bytes of the largest record: header, TSC and 7 extra words. */
    public static final int MAX_RECORD_BYTES = HEADER_BYTES + TSC_BYTES + 4 * MAX_EXTRA_WORDS;
    /** Header of the CPU-change record that xentrace writes before each window: no TSC, 2 extra words. */
    public static final int CPU_CHANGE_HEADER = TraceEvents.TRC_TRACE_CPU_CHANGE | (2 << EXTRA_SHIFT);
    /** Size in bytes of a CPU-change record. */
    public static final int CPU_CHANGE_BYTES = 12;

    /**
     * The event id of a record header.
     *
     * @param header a record header
     * @return bits 27..0
     */
    public static int eventOf(int header) {
        return header & TraceEvents.EVENT_MASK;
    }

    /**
     * The number of extra words of a record header.
     *
     * @param header a record header
     * @return 0..7
     */
    public static int extraWordsOf(int header) {
        return (header >>> EXTRA_SHIFT) & MAX_EXTRA_WORDS;
    }

    /**
     * Whether a 64-bit TSC follows a record header.
     *
     * @param header a record header
     * @return bit 31
     */
    public static boolean hasTsc(int header) {
        return (header & CYCLES_FLAG) != 0;
    }

    /**
     * The total size of the record that a header introduces.
     *
     * @param header a record header
     * @return size in bytes, header included (4..40)
     */
    public static int recordBytes(int header) {
        return HEADER_BYTES + (hasTsc(header) ? TSC_BYTES : 0) + 4 * extraWordsOf(header);
    }

    /**
     * Builds a record header.
     *
     * @param event the event id (28 bits)
     * @param extraWords the number of extra words, 0..7
     * @param tsc whether a TSC follows
     * @return the header word
     * @throws IllegalArgumentException when the event does not fit in 28 bits or the count is out of range
     */
    public static int header(int event, int extraWords, boolean tsc) {
        if ((event & ~TraceEvents.EVENT_MASK) != 0) {
            throw new IllegalArgumentException("event id does not fit in 28 bits: 0x" + Integer.toHexString(event));
        }
        if (extraWords < 0 || extraWords > MAX_EXTRA_WORDS) {
            throw new IllegalArgumentException("extra word count out of range 0..7: " + extraWords);
        }
        return event | (extraWords << EXTRA_SHIFT) | (tsc ? CYCLES_FLAG : 0);
    }
}
