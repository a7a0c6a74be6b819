package org.xenwb.engine.core.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xenwb.trace.core.format.TraceEvents;

/**
 * A context switch written at once ({@link TraceWindows#putSwitch}) gives the bytes of its five records written one
 * by one, among random other records on many pCPUs, with windows large and small (a small window ends between the
 * switch's records and takes the one-by-one path) and drains in between. (In a package of the host bundle: the
 * buffers are package-private.)
 */
class TraceWindowsTest {

    @ParameterizedTest
    @CsvSource({"1, 1073741824", "2, 1073741824", "3, 100", "4, 160", "5, 4096"})
    void switchAtOnceEqualsItsRecordsOneByOne(long seed, int windowBytes) throws IOException {
        Random rnd = new Random(seed);
        int cpus = 9;
        TraceWindows grouped = new TraceWindows(cpus, windowBytes);
        TraceWindows single = new TraceWindows(cpus, windowBytes);
        ByteArrayOutputStream groupedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream singleOut = new ByteArrayOutputStream();
        long tsc = 1_000;
        int switches = 0;
        for (int step = 0; step < 20_000; step++) {
            int cpu = rnd.nextInt(cpus);
            tsc += 1 + rnd.nextInt(5);
            switch (rnd.nextInt(8)) {
                case 0, 1, 2 -> {
                    int[] w = new int[] {rnd.nextInt(), rnd.nextInt(), rnd.nextInt(), rnd.nextInt(), rnd.nextInt(),
                            rnd.nextInt(), rnd.nextInt()};
                    int n = rnd.nextInt(8);
                    int event = 0x22000 + rnd.nextInt(30);
                    grouped.put(cpu, event, tsc, n, w[0], w[1], w[2], w[3], w[4], w[5], w[6]);
                    single.put(cpu, event, tsc, n, w[0], w[1], w[2], w[3], w[4], w[5], w[6]);
                }
                case 3 -> {
                    grouped.drainTo(groupedOut);
                    single.drainTo(singleOut);
                }
                default -> {
                    int prevDom = rnd.nextInt(5);
                    int prevVcpu = rnd.nextInt(4);
                    int nextDom = rnd.nextInt(0x8000);
                    int nextVcpu = rnd.nextInt(4);
                    int ran = rnd.nextInt();
                    int waited = rnd.nextInt();
                    int slice = rnd.nextBoolean() ? -1 : rnd.nextInt(30_000_000);
                    int prevRunstate = TraceEvents.TRC_SCHED_RUNSTATE_CHANGE | (rnd.nextInt(4) << 4);
                    int nextRunstate = TraceEvents.TRC_SCHED_RUNSTATE_CHANGE | (1 << 8);
                    grouped.putSwitch(cpu, tsc, TraceEvents.TRC_SCHED_SWITCH_INFPREV,
                            TraceEvents.TRC_SCHED_SWITCH_INFNEXT, TraceEvents.TRC_SCHED_SWITCH, prevRunstate,
                            nextRunstate, prevDom, prevVcpu, ran, nextDom, nextVcpu, waited, slice);
                    single.put(cpu, TraceEvents.TRC_SCHED_SWITCH_INFPREV, tsc, 3, prevDom, prevVcpu, ran, 0, 0, 0, 0);
                    single.put(cpu, TraceEvents.TRC_SCHED_SWITCH_INFNEXT, tsc + 1, 4, nextDom, nextVcpu, waited, slice,
                            0, 0, 0);
                    single.put(cpu, TraceEvents.TRC_SCHED_SWITCH, tsc + 2, 4, prevDom, prevVcpu, nextDom, nextVcpu, 0,
                            0, 0);
                    single.put(cpu, prevRunstate, tsc + 3, 1, (prevVcpu & 0xffff) | (prevDom << 16), 0, 0, 0, 0, 0,
                            0);
                    single.put(cpu, nextRunstate, tsc + 4, 1, (nextVcpu & 0xffff) | (nextDom << 16), 0, 0, 0, 0, 0,
                            0);
                    tsc += 4;
                    switches++;
                }
            }
        }
        grouped.drainTo(groupedOut);
        single.drainTo(singleOut);
        assertTrue(switches > 5_000, "switches written: " + switches);
        assertArrayEquals(singleOut.toByteArray(), groupedOut.toByteArray());
    }
}
