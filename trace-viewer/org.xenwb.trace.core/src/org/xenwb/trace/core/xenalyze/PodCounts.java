package org.xenwb.trace.core.xenalyze;

/**
 * One domain's populate-on-demand counts (xenalyze's {@code domain_data.pod}) and their part of the domain report.
 *
 * <p>The counters live in one array laid out as xenalyze's structure is (reclaim orders, reclaim contexts, orders
 * per context, populate orders), because xenalyze indexes its order tables with its "non-canonical" order 4, one
 * past their end, and so counts into the next table: order 4 of a reclaim counts an "unknown" context, order 4 of a
 * context counts order 0 of the next context (of populate for the balloon context), and order 4 of a populate lands
 * in the structure's padding. {@link #add} reproduces exactly that. Mutable, one per domain; not thread-safe.</p>
 */
final class PodCounts {

    /** xenalyze's POD_ORDER_MAX: orders 0, 9 and 18 count as 0..2; nothing counts as 3. */
    static final int ORDERS = 4;
    static final int CONTEXT_UNKNOWN = 0;
    static final int CONTEXT_FAULT = 1;
    static final int CONTEXT_BALLOON = 2;
    static final String[] CONTEXT_NAME = {"unknown", "fault", "balloon"};

    static final int RECLAIM_ORDER = 0;
    static final int RECLAIM_CONTEXT = RECLAIM_ORDER + ORDERS;
    static final int RECLAIM_CONTEXT_ORDER = RECLAIM_CONTEXT + CONTEXT_NAME.length;
    static final int POPULATE_ORDER = RECLAIM_CONTEXT_ORDER + CONTEXT_NAME.length * ORDERS;
    /** The structure's size in ints; one more for the padding that populate order 4 writes. */
    private static final int SIZE = POPULATE_ORDER + ORDERS;

    private final int[] counts = new int[SIZE + 1];

    /**
     * Counts at a position of xenalyze's structure.
     *
     * @param index an index in 0..{@link #SIZE} (the last is the padding)
     */
    void add(int index) {
        counts[index]++;
    }

    /** xenalyze's mem_summary_domain, populate-on-demand part. */
    void print(StringBuilder sb) {
        sb.append(" Populate-on-demand:\n");
        sb.append("  Populated:\n");
        for (int i = 0; i < ORDERS; i++) {
            if (counts[POPULATE_ORDER + i] != 0) {
                sb.append("   [").append(i).append("] ").append(counts[POPULATE_ORDER + i]).append('\n');
            }
        }
        sb.append("  Reclaim order:\n");
        for (int i = 0; i < ORDERS; i++) {
            if (counts[RECLAIM_ORDER + i] != 0) {
                sb.append("   [").append(i).append("] ").append(counts[RECLAIM_ORDER + i]).append('\n');
            }
        }
        sb.append("  Reclaim contexts:\n");
        for (int j = 0; j < CONTEXT_NAME.length; j++) {
            if (counts[RECLAIM_CONTEXT + j] != 0) {
                sb.append("   * [").append(CONTEXT_NAME[j]).append("] ").append(counts[RECLAIM_CONTEXT + j])
                        .append('\n');
                for (int i = 0; i < ORDERS; i++) {
                    int c = counts[RECLAIM_CONTEXT_ORDER + j * ORDERS + i];
                    if (c != 0) {
                        sb.append("    [").append(i).append("] ").append(c).append('\n');
                    }
                }
            }
        }
    }
}
