package org.xenwb.engine.core.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        Random rnd = new Random(seed);
        RecentSwitches recent = new RecentSwitches(CPUS);
        long[] lastSwitch = new long[CPUS];
        java.util.Arrays.fill(lastSwitch, Long.MIN_VALUE);
        long now = 0;
        long window = 1_000;
        int checked = 0;
        for (int step = 0; step < 50_000; step++) {
            now += rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(40); // many switches share an instant
            if (rnd.nextInt(3) > 0) {
                int cpu = rnd.nextInt(CPUS);
                recent.switched(cpu, now, now - window);
                lastSwitch[cpu] = now;
                continue;
            }
            CpuMask mask = recent.since(now - window);
            for (int cpu = 0; cpu < CPUS; cpu++) {
                assertEquals(lastSwitch[cpu] >= now - window, mask.get(cpu), "cpu " + cpu + " at step " + step);
            }
            checked++;
        }
        assertTrue(checked > 10_000, "queries checked: " + checked);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void neverHoldsAPcpuWhoseLastSwitchIsOlderWhenTheWindowChanges(long seed) {
        Random rnd = new Random(seed);
        RecentSwitches recent = new RecentSwitches(CPUS);
        long[] lastSwitch = new long[CPUS];
        java.util.Arrays.fill(lastSwitch, Long.MIN_VALUE);
        long now = 0;
        int missed = 0;
        for (int step = 0; step < 50_000; step++) {
            now += rnd.nextInt(30);
            long window = 200 + rnd.nextInt(2_000); // the rate limit changing
            if (rnd.nextBoolean()) {
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
        }
        assertTrue(missed > 0, "a raised window forgets some recent switches (the callers' test covers them)");
    }
}
