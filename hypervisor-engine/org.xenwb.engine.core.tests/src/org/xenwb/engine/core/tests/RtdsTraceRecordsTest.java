package org.xenwb.engine.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * RTDS's trace records as Debian's xenalyze decodes them: {@code runq_pick} shows the budget a vCPU is picked
 * with, {@code burn_budget} (rt.c's packed layout) the budget left and the time burnt. Along each vCPU's records
 * the budgets must chain: a burn leaves the previous budget minus its delta, and a pick shows the budget the last
 * burn left, until a replenishment ({@code repl_budget}, whose payload this xenalyze decodes with an older layout,
 * so only its occurrence is used) restores the full 4 ms.
 */
class RtdsTraceRecordsTest {

    private static final long FULL_BUDGET = 4_000_000L;
    private static final Pattern RECORD = Pattern.compile(
            "rtds:(burn_budget|runq_pick|repl_budget) (d\\d+v\\d+), (?:deadline = \\d+, )?budget = (\\d+)"
                    + "(?:, delta = (\\d+))?");

    @Test
    void budgetsChainThroughPicksBurnsAndReplenishments() throws Exception {
        Xenalyze.Result r = EngineFixtures.rtdsBurnAndIoDump("rtds-records.bin", 11, 3, "io:run=1ms,block=2ms",
                300 * EngineFixtures.MS);

        Map<String, Long> known = new HashMap<>();
        int burns = 0;
        int chained = 0;
        for (String line : (Iterable<String>) r.stdout().lines()::iterator) {
            Matcher m = RECORD.matcher(line);
            if (!m.find()) {
                continue;
            }
            String vcpu = m.group(2);
            long budget = Long.parseLong(m.group(3));
            Long before = known.get(vcpu);
            switch (m.group(1)) {
                case "repl_budget" -> known.put(vcpu, FULL_BUDGET);
                case "runq_pick" -> {
                    if (before != null) {
                        assertEquals(before.longValue(), budget, vcpu + " picked with another budget: " + line);
                        chained++;
                    }
                    known.put(vcpu, budget);
                }
                default -> {
                    burns++;
                    long delta = Long.parseLong(m.group(4));
                    assertTrue(budget >= 0 && budget <= FULL_BUDGET, line);
                    if (before != null && before - delta > 0) {
                        assertEquals(before - delta, budget, vcpu + ": " + line);
                        chained++;
                    }
                    known.put(vcpu, budget);
                }
            }
        }
        assertTrue(burns > 200, burns + " burn_budget records");
        assertTrue(chained > 200, chained + " chained budgets checked");
    }
}
