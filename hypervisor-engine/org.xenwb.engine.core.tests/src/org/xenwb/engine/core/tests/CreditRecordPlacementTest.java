package org.xenwb.engine.core.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.xenwb.engine.core.Engine;
import org.xenwb.engine.core.EngineOptions;
import org.xenwb.engine.core.model.DomainConfig;
import org.xenwb.engine.core.model.HostTopology;
import org.xenwb.engine.core.model.HypervisorBuild;
import org.xenwb.engine.core.model.SchedulerKind;
import org.xenwb.engine.core.trace.XentraceRecorder;
import org.xenwb.trace.core.format.TraceEvents;
import org.xenwb.trace.core.read.TraceReader;

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
        EngineOptions o = new EngineOptions();
        o.seed = 11;
        o.dom0Vcpus = 2;
        o.debugChecks = true;
        o.trace = XentraceRecorder.create(file);
        Engine e = new Engine(HostTopology.withCpus(4), HypervisorBuild.everything(), SchedulerKind.CREDIT, o);
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
        Map<Integer, Integer> last = new HashMap<>(); // pCPU -> event of its previous record
        int tickles = 0;
        int crossTickles = 0;
        int accountStops = 0;
        List<String> violations = new ArrayList<>();
        try (TraceReader r = TraceReader.open(file)) {
            while (r.next() && violations.size() < 5) {
                if (r.kind() != TraceReader.Kind.RECORD) {
                    continue;
                }
                int ev = r.event();
                int cpu = r.cpu();
                Integer prev = last.put(cpu, ev);
                String at = file.getFileName() + " at offset " + r.offset() + " (pCPU " + cpu + "): ";
                if (ev == TICKLE) {
                    tickles++;
                    crossTickles += r.extra(0) != cpu ? 1 : 0;
                    boolean afterWake = prev != null && (isChangeToRunnable(prev) || prev == BOOST_START
                            || allowPickedCpu && prev == PICKED_CPU);
                    if (!afterWake) {
                        violations.add(at + "TICKLE of pCPU " + r.extra(0) + " after "
                                + (prev == null ? "nothing" : Integer.toHexString(prev)) + ", not a wake-up");
                    }
                } else if (ev == ACCOUNT_STOP) {
                    accountStops++;
                    if (cpu != 0) {
                        violations.add(at + "ACCOUNT_STOP away from the accounting master, pCPU 0");
                    }
                }
            }
            assertTrue(r.problems().isEmpty(), r.problems().toString());
        }
        return new Placement(tickles, crossTickles, accountStops, violations);
    }

    /** @return whether an event id is a runstate change to RUNNABLE (Xen 4.17 puts the new state in bits 7..4) */
    private static boolean isChangeToRunnable(int ev) {
        return (ev & ~0xff0) == TraceEvents.TRC_SCHED_RUNSTATE_CHANGE && (ev >> 4 & 0xf) == 1;
    }
}
