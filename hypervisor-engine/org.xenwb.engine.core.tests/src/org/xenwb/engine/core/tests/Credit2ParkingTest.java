package org.xenwb.engine.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.xenwb.engine.core.Engine;
import org.xenwb.engine.core.model.DomainConfig;
import org.xenwb.engine.core.model.HostTopology;
import org.xenwb.engine.core.model.SchedulerKind;
import org.xenwb.trace.core.format.TraceEvents;

/**
 * credit2 parks a capped vCPU that runs out of budget the way Xen 4.17 does ({@code park_unit},
 * {@code unpark_parked_units}): only the {@code _VPF_parked} flag changes. A vCPU parked as it is descheduled goes
 * OFFLINE then if it was still runnable, or, if it blocked, goes from BLOCKED to OFFLINE when it is woken while
 * parked; once unparked it runs again straight from OFFLINE, with no WAKE record after it went OFFLINE. A vCPU
 * parked while queued stays RUNNABLE (so every RUNNABLE to OFFLINE change is a pause, right after a SLEEP).
 * Checked on Xen's real credit2 lifecycle trace (a domain capped at 25% for its last 14 s) in
 * {@code ../shared/data/traces}, which shows the rules are Xen's, and on an engine trace with two capped domains,
 * one of them with more vCPUs than its budget lets run (so vCPUs are parked while queued too).
 */
class Credit2ParkingTest {

    private static final int WAKE = TraceEvents.TRC_SCHED_WAKE;
    private static final int SLEEP = TraceEvents.TRC_SCHED_SLEEP;
    private static final int OFFLINE = 3;
    private static final int OFFLINE_TO_RUNNING = runstate(OFFLINE, 0);
    private static final int RUNNABLE_TO_OFFLINE = runstate(1, 3);

    private static int runstate(int from, int to) {
        return TraceEvents.TRC_SCHED_RUNSTATE_CHANGE | from << 8 | to << 4;
    }

    /** What one trace showed. */
    private record Parking(int runsFromOffline, List<String> violations) {
    }

    @Test
    void realXenTraceRunsUnparkedVcpusFromOffline() throws IOException {
        Parking p = check(SharedData.require("traces/credit2boot-lifecycle-all/trace.bin"));
        assertTrue(p.violations().isEmpty(), p.violations().toString());
        assertEquals(1020, p.runsFromOffline(), "the capped mixed2's runs after a park (Xen's trace)");
    }

    @Test
    void engineTraceRunsUnparkedVcpusFromOffline() throws Exception {
        Path file = SharedData.targetDir("traces").resolve("credit2-parking.bin");
        Engine e = EngineFixtures.traced(HostTopology.preset("xenlab-4"), SchedulerKind.CREDIT2, 5, 2, file);
        e.createDomain(DomainConfig.simple("burn1", 2, 128).withWorkload("cpu"));
        e.createDomain(DomainConfig.simple("mixed2", 1, 128).withWorkload("io:run=20ms,block=5ms")
                .withWeightCap(256, 25));
        e.createDomain(DomainConfig.simple("wide", 4, 128).withWorkload("cpu").withWeightCap(256, 60));
        e.run(3 * EngineFixtures.S);
        e.quiesce();
        e.closeTrace();

        Parking p = check(file);
        assertTrue(p.violations().isEmpty(), p.violations().toString());
        assertTrue(p.runsFromOffline() > 100, p.toString());
        // Debian's xenalyze reads it as it reads Xen's own trace: one "strange" line per run from offline, nothing else
        Xenalyze.Result r = Xenalyze.run(file, e.hostTopology().tscHz(), "--summary");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("", Xenalyze.complaintsBesidesCredit2Unparks(r.stderr()));
        assertEquals(p.runsFromOffline(), Xenalyze.credit2Unparks(r.stderr()));
    }

    private static Parking check(Path file) throws IOException {
        // vCPUs (unit | dom << 16) that went OFFLINE from RUNNING or BLOCKED, not woken since
        Set<Integer> parked = new HashSet<>();
        int[] runsFromOffline = new int[1];
        List<String> violations = new ArrayList<>();
        RecordWalk.eachRecord(file, (r, prev) -> {
            int ev = r.event();
            boolean runstateChange = (ev & ~0xff0) == TraceEvents.TRC_SCHED_RUNSTATE_CHANGE;
            String problem = null;
            if (ev == WAKE) {
                // an unpause (unparking writes no WAKE): OFFLINE -> RUNNABLE follows, then it runs from RUNNABLE
                parked.remove(r.extra(1) & 0xffff | r.extra(0) << 16);
            } else if (runstateChange && (ev >> 4 & 0xf) == OFFLINE && (ev >> 8 & 0xf) != 1) {
                parked.add(r.extra(0));
            } else if (ev == OFFLINE_TO_RUNNING) {
                runsFromOffline[0]++;
                if (!parked.remove(r.extra(0))) {
                    problem = "d" + (r.extra(0) >>> 16) + "v" + (r.extra(0) & 0xffff) + " runs from OFFLINE "
                            + "without having gone OFFLINE from RUNNING or BLOCKED, or after a WAKE";
                }
            } else if (ev == RUNNABLE_TO_OFFLINE && prev != SLEEP) {
                problem = "RUNNABLE -> OFFLINE without a SLEEP (a pause) just before: a parked queued vCPU must "
                        + "stay RUNNABLE";
            }
            if (problem != null && violations.size() < 5) {
                violations.add(RecordWalk.at(file, r) + problem);
            }
        });
        return new Parking(runsFromOffline[0], violations);
    }
}
