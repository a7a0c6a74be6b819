package org.xenwb.engine.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.xenwb.engine.core.Engine;
import org.xenwb.engine.core.model.DomainConfig;
import org.xenwb.engine.core.model.HostTopology;
import org.xenwb.engine.core.model.SchedulerKind;
import org.xenwb.engine.core.model.ShutdownAction;
import org.xenwb.trace.core.catalog.EventType;
import org.xenwb.trace.core.catalog.Xen417Layout;
import org.xenwb.trace.core.format.TraceEvents;
import org.xenwb.trace.core.read.TraceReader;

/**
 * Every credit2 record of an engine trace has the payload size of its structure in Xen 4.17's credit2.c
 * ({@code sizeof(d)} of the {@code __trace_var} call, x86-64 alignment: structures holding a {@code uint64_t} are
 * padded to a multiple of 8 bytes), and the trace reader's 4.17 catalog names it. The scenario balances load between
 * two run queues, so the load, pick, check, balance and migrate records all occur.
 */
class Credit2RecordSizesTest {

    /** credit2 event number to payload words: sizeof of credit2.c's trace structure / 4. */
    private static final Map<Integer, Integer> WORDS = Map.ofEntries(
            Map.entry(2, 2), // RUNQ_POS: unit:16,dom:16; pos
            Map.entry(3, 4), // CREDIT_BURN: unit,dom; credit, budget; delta
            Map.entry(5, 3), // TICKLE_CHECK: unit,dom; credit, score
            Map.entry(6, 1), // TICKLE: cpu:16, pad:16
            Map.entry(7, 3), // CREDIT_RESET: unit,dom; credit_start, credit_end
            Map.entry(9, 0), // UPDATE_LOAD: no payload
            Map.entry(10, 2), // RUNQ_ASSIGN: unit,dom; rqi:16
            Map.entry(11, 4), // UPDATE_UNIT_LOAD: uint64 v_avgload; unit,dom; shift
            Map.entry(12, 6), // UPDATE_RUNQ_LOAD: uint64 x2; rq_load:16, rq_id:8, shift:8; padding to 24 bytes
            Map.entry(13, 3), // TICKLE_NEW: unit,dom; processor; credit
            Map.entry(14, 1), // RUNQ_MAX_WEIGHT: rqi:16, max_weight:16
            Map.entry(15, 2), // MIGRATE: unit,dom; rqi:16, trqi:16
            Map.entry(16, 2), // LOAD_CHECK: lrq_id:16, orq_id:16; load_delta
            Map.entry(17, 6), // LOAD_BALANCE: uint64 x2; lrq_id:16, orq_id:16; padding to 24 bytes
            Map.entry(19, 4), // PICKED_CPU: uint64 b_avgload; unit,dom; rq_id:16, new_cpu:16
            Map.entry(20, 3), // RUNQ_CANDIDATE: unit,dom; tickled_cpu; credit
            Map.entry(21, 2), // SCHEDULE: cpu:16, rq_id:16; tasklet:8, idle:8, smt_idle:8, tickled:8
            Map.entry(22, 2), // RATELIMIT: unit,dom; runtime
            Map.entry(23, 1)); // RUNQ_CAND_CHECK: unit,dom

    @Test
    void everyCredit2RecordHasXensSize() throws Exception {
        Path file = SharedData.targetDir("traces").resolve("credit2-record-sizes.bin");
        HostTopology host = new HostTopology("h", 2, 4, 1, 2, 2_400_000_000L, 65536);
        Engine e = EngineFixtures.traced(host, SchedulerKind.CREDIT2, 5, file);
        // CPU-bound vCPUs that prefer socket 0, an I/O domain, a capped one: balancing, waking, ratelimit
        e.createDomain(new DomainConfig("hog", "pv", 128, 128, 6, 6, List.of(), List.of("0-3"), null, -1, -1, -1, -1,
                -1, null, ShutdownAction.DESTROY, ShutdownAction.RESTART, ShutdownAction.DESTROY,
                ShutdownAction.DESTROY, "cpu", "<hog>"));
        e.createDomain(DomainConfig.simple("io", 2, 128).withWorkload("io:run=300us,block=700us"));
        e.createDomain(DomainConfig.simple("capped", 2, 128).withWeightCap(512, 60));
        e.run(600_000_000L);
        e.closeTrace();

        int credit2Base = TraceEvents.schedClassEvent(1, 0);
        Map<Integer, Integer> seen = new TreeMap<>();
        try (TraceReader r = TraceReader.open(file)) {
            while (r.next()) {
                if (r.kind() != TraceReader.Kind.RECORD || (r.event() & ~0x1ff) != credit2Base) {
                    continue;
                }
                int n = r.event() & 0x1ff; // TRC_SCHED_CLASS_EVT: class in bits 11..9, event in 8..0
                Integer words = WORDS.get(n);
                assertNotNull(words, "credit2 event " + n + " is not one the engine should write");
                assertEquals(words, r.extraCount(), "payload words of credit2 event " + n);
                EventType t = Xen417Layout.INSTANCE.find(r.event());
                assertNotNull(t, "the 4.17 catalog names credit2 event " + n);
                assertTrue(t.name().startsWith("csched2:"), t.name());
                seen.merge(n, 1, Integer::sum);
            }
            assertTrue(r.problems().isEmpty(), r.problems().toString());
        }
        System.out.println("credit2 records by event number: " + seen);
        for (int n : new int[] {9, 11, 12, 14, 15, 16, 17, 19, 20, 21, 22, 23}) {
            assertTrue(seen.containsKey(n), "credit2 event " + n + " occurs: " + seen);
        }
    }
}
