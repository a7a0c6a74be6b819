package org.xenwb.engine.core.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.xenwb.engine.core.Engine;
import org.xenwb.engine.core.model.DomainConfig;
import org.xenwb.engine.core.model.HostTopology;
import org.xenwb.engine.core.model.SchedulerKind;
import org.xenwb.trace.core.format.TraceEvents;

/**
 * credit's records go to the trace buffer of the pCPU that runs the code, as in Xen 4.17's {@code sched/credit.c}:
 * <ul>
 * <li>{@code __runq_tickle} runs on the pCPU doing the wake-up, so each TICKLE record (payload: the tickled pCPU)
 * comes right after that wake-up's record on the same pCPU: the change to RUNNABLE, or BOOST_START, or, for a vCPU
 * moved by the engine's {@code vcpu_migrate} stand-in, its PICKED_CPU; and when the tickled pCPU is another idler,
 * the record names a pCPU other than its own;</li>
 * <li>{@code csched_acct} runs on the accounting master (the pool's first pCPU), so every ACCOUNT_STOP is there
 * when no vCPU leaves the pool.</li>
 * </ul>
 * Checked on Xen's real credit trace in {@code ../shared/data/traces} (which shows the rules are Xen's) and on an
 * engine trace of the same domains (dom0 with 2 vCPUs, a CPU-bound domain with 2, an I/O domain with 1, 4 pCPUs).
 */
class CreditRecordPlacementTest {

    private static final int TICKLE = TraceEvents.schedClassEvent(0, 6);
    private static final int BOOST_START = TraceEvents.schedClassEvent(0, 7);
    private static final int PICKED_CPU = TraceEvents.schedClassEvent(0, 5);
    private static final int ACCOUNT_STOP = TraceEvents.schedClassEvent(0, 3);

    /** What one trace showed. */
    private record Placement(int tickles, int crossTickles, int accountStops, List<String> violations) {
    }

    @Test
    void realXenCreditTraceFollowsTheRules() throws IOException {
        Placement p = check(SharedData.require("traces/creditboot-credit-all/trace.bin"), false);
        assertTrue(p.violations().isEmpty(), p.violations().toString());
        assertTrue(p.tickles() > 100 && p.crossTickles() > 0 && p.accountStops() > 10, p.toString());
    }

    @Test
    void engineCreditTraceFollowsTheRules() throws Exception {
        Path file = SharedData.targetDir("traces").resolve("credit-record-placement.bin");
        Engine e = EngineFixtures.traced(HostTopology.withCpus(4), SchedulerKind.CREDIT, 11, 2, file);
        e.createDomain(DomainConfig.simple("burn1", 2, 128).withWorkload("cpu"));
        e.createDomain(DomainConfig.simple("mixed2", 1, 128).withWorkload("io:run=2ms,block=3ms"));
        e.createDomain(DomainConfig.simple("io3", 2, 128).withWorkload("io:run=200us,block=2ms"));
        e.run(3 * EngineFixtures.S);
        EngineFixtures.cleanDumpAll(e, file);

        Placement p = check(file, true);
        assertTrue(p.violations().isEmpty(), p.violations().toString());
        assertTrue(p.tickles() > 100 && p.crossTickles() > 0 && p.accountStops() > 10, p.toString());
    }

    /**
     * @param allowPickedCpu whether a TICKLE may follow a PICKED_CPU (the engine's stand-in for {@code vcpu_migrate}
     *     tickles right after picking; Xen's {@code vcpu_migrate_finish} writes a WAKE in between)
     */
    private static Placement check(Path file, boolean allowPickedCpu) throws IOException {
        int[] counts = new int[3]; // tickles, cross-pCPU tickles, ACCOUNT_STOPs
        List<String> violations = new ArrayList<>();
        RecordWalk.eachRecord(file, (r, prev) -> {
            int ev = r.event();
            int cpu = r.cpu();
            if (ev == TICKLE) {
                counts[0]++;
                counts[1] += r.extra(0) != cpu ? 1 : 0;
                boolean afterWake = isChangeToRunnable(prev) || prev == BOOST_START
                        || allowPickedCpu && prev == PICKED_CPU;
                if (!afterWake && violations.size() < 5) {
                    violations.add(RecordWalk.at(file, r) + "TICKLE of pCPU " + r.extra(0) + " after "
                            + Integer.toHexString(prev) + ", not a wake-up");
                }
            } else if (ev == ACCOUNT_STOP) {
                counts[2]++;
                if (cpu != 0 && violations.size() < 5) {
                    violations.add(RecordWalk.at(file, r) + "ACCOUNT_STOP away from the accounting master, pCPU 0");
                }
            }
        });
        return new Placement(counts[0], counts[1], counts[2], violations);
    }

    /** @return whether an event id is a runstate change to RUNNABLE (Xen 4.17 puts the new state in bits 7..4) */
    private static boolean isChangeToRunnable(int ev) {
        return (ev & ~0xff0) == TraceEvents.TRC_SCHED_RUNSTATE_CHANGE && (ev >> 4 & 0xf) == 1;
    }
}
