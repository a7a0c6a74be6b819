package org.xenwb.engine.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.xenwb.engine.core.sched.Credit2LoadAverage;

/**
 * credit2's load arithmetic against values worked out by hand from credit2.c's formulas (Xen 4.17):
 * {@code avg' = avg + ((delta * (load << P)) >> W) - ((delta * avg) >> W)} when {@code last + 2^W >= now}, else
 * {@code load << P}; with the defaults P = 18 and W = 30 - 10 = 20 (times in units of 1024 ns).
 */
class Credit2LoadAverageTest {

    private static final int P = 18;
    private static final int W = 20;

    @Test
    void defaultsAreXens() {
        assertEquals(18, Credit2LoadAverage.DEFAULT_PRECISION_SHIFT);
        assertEquals(30, Credit2LoadAverage.DEFAULT_WINDOW_SHIFT);
        assertEquals(10, Credit2LoadAverage.GRANULARITY_SHIFT);
        assertEquals(0, Credit2LoadAverage.DEFAULT_UNDERLOAD_TOLERANCE);
        assertEquals(-3, Credit2LoadAverage.DEFAULT_OVERLOAD_TOLERANCE);
        // a new vCPU starts at 50%: 1 << 17
        assertEquals(131_072, Credit2LoadAverage.initialUnitLoad(P));
    }

    @Test
    void sampleTimeIsNanosecondsShiftedByTen() {
        // 1 s = 1,000,000,000 ns; >> 10 = 976,562 (976,562.5 truncated)
        assertEquals(976_562, Credit2LoadAverage.sampleTime(1_000_000_000L));
        assertEquals(0, Credit2LoadAverage.sampleTime(1023));
        assertEquals(1, Credit2LoadAverage.sampleTime(1024));
    }

    @Test
    void halfAWindowMovesHalfWay() {
        // avg 0, load 2, delta 2^19: (2^19 * (2 << 18)) >> 20 = 2^19 * 2^19 / 2^20 = 2^18; (2^19 * 0) >> 20 = 0
        assertEquals(262_144, Credit2LoadAverage.next(0, 2, 0, 1 << 19, P, W));
        // again from 2^18 (1.0): + 2^18 - ((2^19 * 2^18) >> 20 = 2^17) = 2^18 + 2^18 - 2^17 = 393,216 (1.5)
        assertEquals(393_216, Credit2LoadAverage.next(262_144, 2, 1 << 19, 1 << 20, P, W));
    }

    @Test
    void aFullWindowOrMoreGivesTheLoad() {
        // delta = 2^20 exactly is not a reset: 100 + ((2^20 * (3 << 18)) >> 20) - ((2^20 * 100) >> 20)
        // = 100 + 786,432 - 100 = 786,432
        assertEquals(786_432, Credit2LoadAverage.next(100, 3, 0, 1 << 20, P, W));
        // one unit more: last + 2^W < now, the reset branch: 3 << 18 = 786,432 whatever the old average
        assertEquals(786_432, Credit2LoadAverage.next(5_000_000, 3, 0, (1 << 20) + 1, P, W));
        assertEquals(0, Credit2LoadAverage.next(5_000_000, 0, 7, 7 + (1 << 20) + 1, P, W));
    }

    @Test
    void truncationAndTimeGoingBackwards() {
        // avg 1000, load 0, delta 1: (1 * 1000) >> 20 = 0, so the average does not move
        assertEquals(1000, Credit2LoadAverage.next(1000, 0, 10, 11, P, W));
        // avg 786,432 (3.0), load 1, delta 1000: (1000 * 262,144) >> 20 = 250; (1000 * 786,432) >> 20 = 750
        // 786,432 + 250 - 750 = 785,932
        assertEquals(785_932, Credit2LoadAverage.next(786_432, 1, 5000, 6000, P, W));
        // now before last: delta is taken as 0
        assertEquals(4242, Credit2LoadAverage.next(4242, 5, 6000, 5000, P, W));
    }

    @Test
    void otherShifts() {
        // P = 4 (the minimum), W = 2: avg 16 (1.0), load 3, delta 1: (1 * 48) >> 2 = 12; (1 * 16) >> 2 = 4
        // 16 + 12 - 4 = 24 (1.5)
        assertEquals(24, Credit2LoadAverage.next(16, 3, 0, 1, 4, 2));
        // last 0 + 2^2 < 5: reset to 3 << 4 = 48
        assertEquals(48, Credit2LoadAverage.next(16, 3, 0, 5, 4, 2));
    }

    @Test
    void considerMeasuresTheImbalanceLeft() {
        // local 4.5 (1,179,648), other 0.5 (131,072): push a vCPU of 1.0 (262,144) and pull one of 0.25 (65,536):
        // local 4.5 - 1.0 + 0.25 = 3.75 (983,040), other 0.5 + 1.0 - 0.25 = 1.25 (327,680), |diff| = 655,360 (2.5)
        assertEquals(655_360, Credit2LoadAverage.imbalanceAfter(1_179_648, 131_072, 262_144, 65_536));
        // push only, overshooting: local 1.0 - 1.0 = 0, other 0.5 + 1.0 = 1.5: 393,216
        assertEquals(393_216, Credit2LoadAverage.imbalanceAfter(262_144, 131_072, 262_144, 0));
        assertEquals(1_048_576, Credit2LoadAverage.imbalanceAfter(1_179_648, 131_072, 0, 0));
    }

    @Test
    void tolerances() {
        // below full load (load_max 3.0 < 4 pCPUs << 18): needs a delta of 1 << (18 + 0) = 262,144
        assertFalse(Credit2LoadAverage.worthBalancing(262_143, 786_432, 4, P, 0, -3));
        assertTrue(Credit2LoadAverage.worthBalancing(262_144, 786_432, 4, P, 0, -3));
        // at full load (load_max 4.0 = 4 << 18 = 1,048,576): 1 << (18 - 3) = 32,768 suffices
        assertFalse(Credit2LoadAverage.worthBalancing(32_767, 1_048_576, 4, P, 0, -3));
        assertTrue(Credit2LoadAverage.worthBalancing(32_768, 1_048_576, 4, P, 0, -3));
        // credit2_balance_under=2: 1 << 20 below full load
        assertFalse(Credit2LoadAverage.worthBalancing(1_048_575, 786_432, 4, P, 2, -3));
    }
}
