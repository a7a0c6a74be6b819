package org.xenwb.trace.core.format;

import java.util.Arrays;

/**
 * One trace record as Xen wrote it: event id, the pCPU whose buffer held it, the TSC when the record has one, and
 * 0 to 7 extra words of payload.
 *
 * <p>Immutable value, thread-safe; {@link #equals(Object)} compares all fields. The pCPU is not stored in the
 * binary record itself: it comes from the CPU-change record of the window that holds it (see
 * {@link TraceFormat}).</p>
 */
public final class TraceRecord {

    private static final int[] NO_EXTRA = new int[0];

    private final int event;
    private final int cpu;
    private final boolean hasTsc;
    private final long tsc;
    private final int[] extra;

    private TraceRecord(int event, int cpu, boolean hasTsc, long tsc, int[] extra) {
        TraceFormat.header(event, extra.length, hasTsc); // validates event and extra count
        if (cpu < 0) {
            throw new IllegalArgumentException("negative pCPU: " + cpu);
        }
        this.event = event;
        this.cpu = cpu;
        this.hasTsc = hasTsc;
        this.tsc = hasTsc ? tsc : 0;
        this.extra = extra.length == 0 ? NO_EXTRA : extra.clone();
    }

    /**
     * A record with a TSC.
     *
     * @param event event id, 28 bits
     * @param cpu the pCPU, &gt;= 0
     * @param tsc the TSC in cycles (an unsigned 64-bit value)
     * @param extra 0..7 payload words
     * @return the record
     * @throws IllegalArgumentException on an out-of-range argument
     */
    public static TraceRecord withTsc(int event, int cpu, long tsc, int... extra) {
        return new TraceRecord(event, cpu, true, tsc, extra);
    }

    /**
     * A record without a TSC (Xen writes these for events traced with {@code cycles=0}).
     *
     * @param event event id, 28 bits
     * @param cpu the pCPU, &gt;= 0
     * @param extra 0..7 payload words
     * @return the record
     * @throws IllegalArgumentException on an out-of-range argument
     */
    public static TraceRecord withoutTsc(int event, int cpu, int... extra) {
        return new TraceRecord(event, cpu, false, 0, extra);
    }

    /**
     * The {@link TraceEvents#TRC_LOST_RECORDS} record that Xen inserts when its buffer overflowed.
     *
     * @param cpu the pCPU
     * @param tsc when the record was written, in cycles
     * @param lost how many records were lost
     * @param domain the domain running when the loss was recorded
     * @param vcpu the vCPU running when the loss was recorded
     * @param firstLostTsc TSC of the first lost record, in cycles
     * @return the record, with 4 extra words laid out as Xen lays them out
     */
    public static TraceRecord lostRecords(int cpu, long tsc, int lost, int domain, int vcpu, long firstLostTsc) {
        return withTsc(TraceEvents.TRC_LOST_RECORDS, cpu, tsc, lost, (domain & 0xffff) | (vcpu << 16),
                (int) firstLostTsc, (int) (firstLostTsc >>> 32));
    }

    /** @return the event id (28 bits) */
    public int event() {
        return event;
    }

    /** @return the pCPU whose buffer held the record */
    public int cpu() {
        return cpu;
    }

    /** @return whether the record carries a TSC */
    public boolean hasTsc() {
        return hasTsc;
    }

    /** @return the TSC in cycles (unsigned 64-bit), 0 when {@link #hasTsc()} is false */
    public long tsc() {
        return tsc;
    }

    /** @return the number of extra words, 0..7 */
    public int extraCount() {
        return extra.length;
    }

    /**
     * One extra word.
     *
     * @param index 0-based index, less than {@link #extraCount()}
     * @return the word
     */
    public int extra(int index) {
        return extra[index];
    }

    /** @return a copy of the extra words */
    public int[] extra() {
        return extra.clone();
    }

    /** @return the header word of the binary record */
    public int header() {
        return TraceFormat.header(event, extra.length, hasTsc);
    }

    /** @return the size of the binary record in bytes */
    public int sizeInBytes() {
        return TraceFormat.recordBytes(header());
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof TraceRecord other && event == other.event && cpu == other.cpu
                && hasTsc == other.hasTsc && tsc == other.tsc && Arrays.equals(extra, other.extra);
    }

    @Override
    public int hashCode() {
        return ((event * 31 + cpu) * 31 + Long.hashCode(tsc)) * 31 + Arrays.hashCode(extra);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append("cpu").append(cpu).append(' ');
        sb.append(hasTsc ? Long.toUnsignedString(tsc) : "-").append(" 0x");
        sb.append(String.format("%08x", event)).append(" [");
        for (int i = 0; i < extra.length; i++) {
            sb.append(i == 0 ? "" : " ").append(String.format("0x%08x", extra[i]));
        }
        return sb.append(']').toString();
    }
}
