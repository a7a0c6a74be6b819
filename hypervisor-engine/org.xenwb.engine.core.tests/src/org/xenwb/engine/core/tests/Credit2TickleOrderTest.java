package org.xenwb.engine.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.xenwb.engine.core.Engine;
import org.xenwb.engine.core.model.DomainConfig;
import org.xenwb.engine.core.model.HostTopology;
import org.xenwb.engine.core.model.SchedulerKind;
import org.xenwb.trace.core.format.TraceEvents;
import org.xenwb.trace.core.read.TraceReader;

/**
 * credit2's {@code runq_tickle} scores the busy pCPUs as Xen 4.17 does: the woken vCPU's own pCPU first, then the
 * others in increasing order ({@code for_each_cpu}), not cycling from its pCPU. Like every record of the tickle,
 * each {@code tickle_check} and the {@code burn_credits} that {@code tickle_score} writes before it (for the vCPU
 * running on the scored pCPU) go to the trace buffer of the pCPU doing the tickle, as in Xen's real traces. The
 * scored pCPU is found from the SWITCH records: the one running the checked vCPU.
 */
class Credit2TickleOrderTest {

    private static final int SWITCH = TraceEvents.TRC_SCHED_SWITCH;
    private static final int CREDIT_BURN = TraceEvents.schedClassEvent(1, 3);
    private static final int TICKLE_CHECK = TraceEvents.schedClassEvent(1, 5);
    private static final int TICKLE_NEW = TraceEvents.schedClassEvent(1, 13);

    @Test
    void busyPcpusAreScoredOwnFirstThenInIncreasingOrder() throws Exception {
        Path file = SharedData.targetDir("traces").resolve("credit2-tickle-order.bin");
        Engine e = EngineFixtures.traced(HostTopology.withCpus(8), SchedulerKind.CREDIT2, 3, file);
        for (int d = 0; d < 6; d++) {
            e.createDomain(DomainConfig.simple("io" + d, 4, 128).withWorkload("io:run=1ms,block=1ms"));
        }
        e.createDomain(DomainConfig.simple("burn", 8, 128));
        e.run(800 * EngineFixtures.MS);
        EngineFixtures.cleanDumpAll(e, file);

        Map<Integer, Integer> runningOn = new HashMap<>(); // vCPU (unit | dom << 16) -> its pCPU
        int tickler = -1;
        int own = -1;
        int lastBurnt = -1;
        List<Integer> scored = null;
        int sequences = 0;
        int wrapping = 0;
        try (TraceReader r = TraceReader.open(file)) {
            while (r.next()) {
                if (r.kind() != TraceReader.Kind.RECORD) {
                    continue;
                }
                int ev = r.event();
                if (ev == SWITCH) {
                    runningOn.remove(r.extra(1) & 0xffff | r.extra(0) << 16);
                    runningOn.put(r.extra(3) & 0xffff | r.extra(2) << 16, r.cpu());
                }
                if (r.cpu() != tickler && ev != TICKLE_NEW) {
                    continue;
                }
                if (ev == TICKLE_NEW) {
                    tickler = r.cpu();
                    own = r.extra(1);
                    scored = new ArrayList<>();
                    lastBurnt = -1;
                } else if (ev == CREDIT_BURN) {
                    lastBurnt = r.extra(0);
                } else if (ev == TICKLE_CHECK) {
                    assertEquals(lastBurnt, r.extra(0), "tickle_check at offset " + r.offset() + " follows the burn "
                            + "of the same vCPU on the tickling pCPU " + tickler);
                    Integer cpu = runningOn.get(r.extra(0));
                    assertNotNull(cpu, "the checked vCPU runs somewhere, at offset " + r.offset());
                    scored.add(cpu);
                } else {
                    if (!scored.isEmpty()) {
                        sequences++;
                        List<Integer> others = new ArrayList<>(scored);
                        others.remove(Integer.valueOf(own));
                        List<Integer> expected = new ArrayList<>();
                        if (scored.contains(own)) {
                            expected.add(own);
                        }
                        expected.addAll(others.stream().sorted().toList());
                        assertEquals(expected, scored, "pCPUs scored after a wake on pCPU " + own + ", at offset "
                                + r.offset());
                        int woken = own;
                        if (others.stream().anyMatch(c -> c < woken) && others.stream().anyMatch(c -> c > woken)) {
                            wrapping++;
                        }
                    }
                    tickler = -1;
                }
            }
        }
        assertTrue(sequences > 200, sequences + " scoring sequences");
        assertTrue(wrapping > 50, wrapping + " sequences with pCPUs on both sides of the woken vCPU's");
    }
}
