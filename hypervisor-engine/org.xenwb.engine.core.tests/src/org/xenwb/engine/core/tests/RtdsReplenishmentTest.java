package org.xenwb.engine.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * RTDS replenishment as Xen 4.17's rt.c does it, read back with Debian's xenalyze: a unit that blocks leaves the
 * replenishment queue ({@code rt_context_saved}'s {@code replq_remove}), so no {@code repl_budget} record is written
 * for it while it is blocked; when it wakes after its deadline passed, {@code rt_unit_wake} calls
 * {@code rt_update_deadline}, so a {@code repl_budget} for it follows the wake at once; when it wakes before its
 * deadline, it keeps its budget (the next pick shows the budget its last burn left).
 */
class RtdsReplenishmentTest {

    private static final Pattern LINE = Pattern.compile("^\\s*(\\d+)\\.(\\d{9}) \\S+ \\S+ (.*)$");
    private static final Pattern BLOCKED = Pattern.compile("runstate_change (d\\d+v\\d+) running->blocked");
    private static final Pattern WAKE = Pattern.compile("vcpu_wake (d\\d+v\\d+)");
    /**
     * This xenalyze decodes {@code repl_budget} with an older layout (no priority level), so the printed "deadline"
     * is the level plus the deadline's low 32 bits shifted up by 32: the deadline for runs under 4.29 s.
     */
    private static final Pattern REPL = Pattern.compile("rtds:repl_budget (d\\d+v\\d+), deadline = (\\d+),");
    private static final Pattern PICK = Pattern.compile("rtds:runq_pick (d\\d+v\\d+), deadline = (\\d+), budget");
    /**
     * Wakes within 0.1% of the time (plus 1 us) of a deadline are not classified: xenalyze's printed times drift
     * from the simulated ones (measured 1.6e-4 relative here) and the recorder makes timestamps strictly increasing.
     */
    private static long margin(long ns) {
        return ns / 1000 + 1000;
    }

    @Test
    void blockedVcpusAreNotReplenishedAndWakesAfterTheirDeadlineAre() throws Exception {
        Xenalyze.Result r = EngineFixtures.rtdsBurnAndIoDump("rtds-replenishment.bin", 5, 4, "io:run=1ms,block=8ms",
                400 * EngineFixtures.MS);

        Set<String> blocked = new HashSet<>();
        Map<String, Long> deadline = new HashMap<>();
        String wokeAfterDeadline = null;
        int lateWakes = 0;
        int earlyWakes = 0;
        int replOnWake = 0;
        for (String line : (Iterable<String>) r.stdout().lines()::iterator) {
            Matcher l = LINE.matcher(line);
            if (!l.find()) {
                continue;
            }
            long ns = Long.parseLong(l.group(1)) * 1_000_000_000L + Long.parseLong(l.group(2));
            String text = l.group(3);
            Matcher m;
            if ((m = REPL.matcher(text)).find()) {
                String v = m.group(1);
                assertFalse(blocked.contains(v), v + " replenished while blocked: " + line);
                deadline.put(v, Long.parseUnsignedLong(m.group(2)) >>> 32);
                if (v.equals(wokeAfterDeadline)) {
                    replOnWake++;
                    wokeAfterDeadline = null;
                }
                continue;
            }
            assertTrue(wokeAfterDeadline == null || text.contains("runstate_change " + wokeAfterDeadline),
                    wokeAfterDeadline + " woke after its deadline without rt_update_deadline: " + line);
            if ((m = BLOCKED.matcher(text)).find()) {
                blocked.add(m.group(1));
            } else if ((m = WAKE.matcher(text)).find()) {
                String v = m.group(1);
                Long d = deadline.get(v);
                if (blocked.remove(v) && d != null && Math.abs(ns - d) > margin(ns)) {
                    if (ns > d) {
                        lateWakes++;
                        wokeAfterDeadline = v;
                    } else {
                        earlyWakes++;
                    }
                }
            } else if ((m = PICK.matcher(text)).find()) {
                deadline.put(m.group(1), Long.parseLong(m.group(2)));
            }
        }
        assertTrue(lateWakes > 50, lateWakes + " wakes after a passed deadline");
        assertTrue(earlyWakes > 50, earlyWakes + " wakes before the deadline");
        assertEquals(lateWakes, replOnWake, "each wake after a passed deadline replenishes at once");
    }
}
