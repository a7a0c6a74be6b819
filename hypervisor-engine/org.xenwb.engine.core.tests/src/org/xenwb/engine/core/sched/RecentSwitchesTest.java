package org.xenwb.engine.core.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xenwb.engine.core.model.CpuMask;

/**
 * The mask of recent switches credit2's tickle uses to skip rate-limited pCPUs, against the definition: a pCPU is in
 * it exactly when its last switch is at or after the time asked (times asked never going back), and never wrongly
 * when the time asked goes back (a rate limit raised at run time). Many switches at one instant, the ring growing,
 * and pCPUs switching again while their old switch is still held. (In a package of the host bundle: the class is
 * package-private.)
 */
class RecentSwitchesTest {

    private static final int CPUS = 130;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void holdsExactlyThePcpusWhoseLastSwitchIsRecent(long seed) {
        Counts counts = run(new Random(seed), false);
        assertEquals(0, counts.missed, "with a fixed window the mask is exact");
        assertTrue(counts.queries > 10_000, "queries checked: " + counts.queries);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void neverHoldsAPcpuWhoseLastSwitchIsOlderWhenTheWindowChanges(long seed) {
        Counts counts = run(new Random(seed), true);
        assertTrue(counts.missed > 0, "a raised window forgets some recent switches (the callers' test covers them)");
    }

    /** What a run saw: queries answered, and pCPUs truly recent but missing from the mask. */
    private record Counts(int queries, int missed) {
    }

    /**
     * Random switches and queries; every query's mask is checked never to hold a pCPU whose last switch is older
     * than the time asked.
     *
     * @param windowChanges whether the window (the rate limit) changes from one call to the next
     */
    private static Counts run(Random rnd, boolean windowChanges) {
        RecentSwitches recent = new RecentSwitches(CPUS);
        long[] lastSwitch = new long[CPUS];
        Arrays.fill(lastSwitch, Long.MIN_VALUE);
        long now = 0;
        int queries = 0;
        int missed = 0;
        for (int step = 0; step < 50_000; step++) {
            now += rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(40); // many switches share an instant
            long window = windowChanges ? 200 + rnd.nextInt(2_000) : 1_000;
            if (rnd.nextInt(3) > 0) {
                int cpu = rnd.nextInt(CPUS);
                recent.switched(cpu, now, now - window);
                lastSwitch[cpu] = now;
                continue;
            }
            CpuMask mask = recent.since(now - window);
            for (int cpu = 0; cpu < CPUS; cpu++) {
                boolean truly = lastSwitch[cpu] >= now - window;
                assertTrue(truly || !mask.get(cpu), "cpu " + cpu + " held wrongly at step " + step);
                missed += truly && !mask.get(cpu) ? 1 : 0;
            }
            queries++;
        }
        return new Counts(queries, missed);
    }
}
