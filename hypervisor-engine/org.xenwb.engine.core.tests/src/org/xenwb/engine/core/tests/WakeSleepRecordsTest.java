package org.xenwb.engine.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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

/**
 * The scheduling core's WAKE and SLEEP records follow Xen 4.17's {@code vcpu_wake} and {@code vcpu_sleep_nosync},
 * which write them first, whatever follows: every change of a vCPU to RUNNABLE from BLOCKED or OFFLINE comes right
 * after a WAKE of that vCPU on the same pCPU, every change from RUNNABLE to OFFLINE right after a SLEEP. Checked on
 * Xen's real credit2 lifecycle trace (create, pause, unpause, ...) in {@code ../shared/data/traces}, which shows the
 * rule is Xen's, and on an engine trace with domain creation (its first unpause), wake-ups, a pause and an unpause.
 */
class WakeSleepRecordsTest {

    private static final int WAKE = TraceEvents.TRC_SCHED_WAKE;
    private static final int SLEEP = TraceEvents.TRC_SCHED_SLEEP;
    private static final int BLOCKED_TO_RUNNABLE = TraceEvents.TRC_SCHED_RUNSTATE_CHANGE | 2 << 8 | 1 << 4;
    private static final int OFFLINE_TO_RUNNABLE = TraceEvents.TRC_SCHED_RUNSTATE_CHANGE | 3 << 8 | 1 << 4;
    private static final int RUNNABLE_TO_OFFLINE = TraceEvents.TRC_SCHED_RUNSTATE_CHANGE | 1 << 8 | 3 << 4;

    /** What one trace showed. */
    private record Counts(int wakeChanges, int unpauses, int pauses, List<String> violations) {
    }

    @Test
    void realXenLifecycleTraceFollowsTheRule() throws IOException {
        Counts c = check(SharedData.require("traces/credit2boot-lifecycle-all/trace.bin"));
        assertTrue(c.violations().isEmpty(), c.violations().toString());
        assertTrue(c.wakeChanges() > 100 && c.unpauses() > 0 && c.pauses() > 0, c.toString());
    }

    @Test
    void engineTraceFollowsTheRule() throws Exception {
        Path file = SharedData.targetDir("traces").resolve("wake-sleep-records.bin");
        Engine e = EngineFixtures.traced(HostTopology.withCpus(2), SchedulerKind.CREDIT2, 9, file);
        e.createDomain(DomainConfig.simple("burn", 2, 128).withWorkload("cpu"));
        int io = e.createDomain(DomainConfig.simple("io", 2, 128).withWorkload("io:run=300us,block=300us")).id();
        e.run(200 * EngineFixtures.MS);
        e.pause(io);
        e.run(250 * EngineFixtures.MS);
        e.unpause(io);
        e.run(450 * EngineFixtures.MS);
        EngineFixtures.cleanDumpAll(e, file);

        Counts c = check(file);
        assertTrue(c.violations().isEmpty(), c.violations().toString());
        assertTrue(c.wakeChanges() > 100, c.toString());
        assertEquals(6, c.unpauses(), "the four vCPUs at creation, the unpaused domain's two: " + c);
        assertEquals(2, c.pauses(), "the paused domain's two vCPUs: " + c);
    }

    private static Counts check(Path file) throws IOException {
        Map<Integer, Integer> lastVcpu = new HashMap<>(); // pCPU -> the vCPU its previous record is about, or -1
        int[] n = new int[3]; // changes after a wake-up, unpauses, pauses
        List<String> violations = new ArrayList<>();
        RecordWalk.eachRecord(file, (r, previous) -> {
            int ev = r.event();
            int vcpu = ev == WAKE || ev == SLEEP ? r.extra(1) & 0xffff | r.extra(0) << 16
                    : (ev & ~0xff0) == TraceEvents.TRC_SCHED_RUNSTATE_CHANGE ? r.extra(0) : -1;
            Integer previousVcpu = lastVcpu.put(r.cpu(), vcpu);
            boolean sameVcpu = previousVcpu != null && previousVcpu == vcpu;
            String at = RecordWalk.at(file, r);
            if (ev == BLOCKED_TO_RUNNABLE || ev == OFFLINE_TO_RUNNABLE) {
                if (previous != WAKE || !sameVcpu) {
                    violations.add(at + "runstate " + Integer.toHexString(ev) + " without a WAKE just before");
                }
                n[ev == OFFLINE_TO_RUNNABLE ? 1 : 0]++;
            } else if (ev == RUNNABLE_TO_OFFLINE) {
                if (previous != SLEEP || !sameVcpu) {
                    violations.add(at + "runnable -> offline without a SLEEP just before");
                }
                n[2]++;
            }
        });
        return new Counts(n[0], n[1], n[2], violations.subList(0, Math.min(5, violations.size())));
    }
}
