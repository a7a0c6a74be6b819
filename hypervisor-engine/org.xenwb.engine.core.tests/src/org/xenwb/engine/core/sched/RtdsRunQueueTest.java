package org.xenwb.engine.core.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xenwb.engine.core.sched.RtdsScheduler.RtUnit;

/**
 * RTDS's run queue gives the units in exactly the order of a sorted set keyed by (priority level, deadline,
 * insertion), rt.c's list order, under random adds, removes, key changes and requeues (a queued unit's new key, as
 * if taken off and queued again) with many equal keys: the head, the first unit a pCPU may run (with random
 * eligibility), and the queue's contents. (In a package of the host bundle: the run queue is package-private.)
 */
class RtdsRunQueueTest {

    private static final Comparator<RtUnit> XEN_ORDER = Comparator.<RtUnit>comparingInt(u -> u.priorityLevel)
            .thenComparingLong(u -> u.curDeadline).thenComparingLong(u -> u.runqSeq);

    @ParameterizedTest
    @CsvSource({"1, 6", "2, 6", "3, 6", "4, 1000000", "5, 1000000", "6, 2"})
    void ordersAsRtcListUnderRandomOperations(long seed, int deadlines) {
        Random rnd = new Random(seed);
        List<RtUnit> units = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            units.add(new RtUnit(null));
        }
        RtdsRunQueue q = new RtdsRunQueue();
        TreeSet<RtUnit> ref = new TreeSet<>(XEN_ORDER);
        boolean[] eligible = new boolean[units.size()];
        int matchedBeyondHead = 0;
        int requeued = 0;
        for (int step = 0; step < 20_000; step++) {
            RtUnit u = units.get(rnd.nextInt(units.size()));
            if (ref.contains(u) && rnd.nextBoolean()) {
                // a replenishment of a queued unit: a new key, placed as if taken off and queued again
                ref.remove(u);
                u.priorityLevel = rnd.nextInt(3);
                u.curDeadline = 10_000_000L * rnd.nextInt(deadlines);
                q.requeue(u);
                ref.add(u);
                requeued++;
            } else if (ref.contains(u)) {
                q.remove(u);
                ref.remove(u);
            } else {
                u.priorityLevel = rnd.nextInt(3);
                u.curDeadline = 10_000_000L * rnd.nextInt(deadlines); // few deadlines: many ties
                q.add(u);
                ref.add(u);
            }
            assertEquals(ref.size(), q.size());
            assertSame(ref.isEmpty() ? null : ref.first(), q.first(), "head at step " + step);
            for (int i = 0; i < eligible.length; i++) {
                eligible[i] = rnd.nextInt(4) == 0;
            }
            RtUnit expected = ref.stream().filter(x -> eligible[units.indexOf(x)]).findFirst().orElse(null);
            RtUnit got = q.firstMatching(7, (x, cpu) -> cpu == 7 && eligible[units.indexOf(x)]);
            assertSame(expected, got, "first eligible at step " + step);
            if (got != null && got != q.first()) {
                matchedBeyondHead++;
            }
        }
        assertEquals(new ArrayList<>(ref), q.units());
        assertTrue(matchedBeyondHead > 1000, matchedBeyondHead + " picks beyond the head");
        assertTrue(requeued > 1000, requeued + " units requeued");
    }
}
