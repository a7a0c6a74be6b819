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
import org.xenwb.engine.core.model.Domain;
import org.xenwb.engine.core.model.DomainConfig;
import org.xenwb.engine.core.model.HostTopology;
import org.xenwb.engine.core.model.SchedulerKind;
import org.xenwb.trace.core.format.TraceEvents;

/**
 * The records of a credit2 scheduling decision follow Xen 4.17's {@code csched2_schedule} and {@code runq_candidate}
 * on each pCPU: SCHEDULE, then either RATELIMIT alone (the rate limit keeps the running vCPU: {@code runq_candidate}
 * returns before its RUNQ_CANDIDATE record) or a RUNQ_CAND_CHECK per queued vCPU looked at and one RUNQ_CANDIDATE,
 * the idle unit's ({@code d32767v<cpu>}, credit {@code CSCHED2_IDLE_CREDIT}, no tickled pCPU) when nothing runs. The
 * SCHEDULE record of a tickled idle pCPU without SMT siblings has smt_idle set (its tickled bit is cleared and its
 * core rejoins the SMT-idle mask before the record). The same checks run on the real Xen 4.17 credit2 trace in
 * {@code ../shared/data/traces}, which shows they are Xen's behaviour, and on an engine trace of a host with idle
 * time, waking vCPUs and a rate limit.
 */
class Credit2CandidateRecordsTest {

    private static final int SCHEDULE = TraceEvents.schedClassEvent(1, 21);
    private static final int RATELIMIT = TraceEvents.schedClassEvent(1, 22);
    private static final int RUNQ_CANDIDATE = TraceEvents.schedClassEvent(1, 20);
    private static final int RUNQ_CAND_CHECK = TraceEvents.schedClassEvent(1, 23);
    private static final int IDLE_CREDIT = -10_000_001;

    /** What the checks found in one trace. */
    private record Counts(int decisions, int ratelimited, int checks, int idleCandidates, int idleTickledSmt,
            List<String> violations) {
    }

    @Test
    void realXenTraceFollowsTheChecks() throws IOException {
        Counts c = check(SharedData.require("traces/credit2boot-credit2-all/trace.bin"));
        assertTrue(c.violations().isEmpty(), c.violations().toString());
        assertTrue(c.decisions() > 1000 && c.checks() > 0 && c.idleCandidates() > 0 && c.idleTickledSmt() > 0,
                c.toString());
    }

    @Test
    void engineTraceFollowsTheChecks() throws Exception {
        Path file = SharedData.targetDir("traces").resolve("credit2-candidate-records.bin");
        HostTopology host = new HostTopology("h", 1, 4, 1, 1, 2_400_000_000L, 65536);
        Engine e = EngineFixtures.traced(host, SchedulerKind.CREDIT2, 3, file);
        e.createDomain(DomainConfig.simple("burn", 2, 128).withWorkload("cpu"));
        e.createDomain(DomainConfig.simple("io", 4, 128).withWorkload("io:run=400us,block=1500us"));
        e.run(500_000_000L);
        // Debian's xenalyze reads the trace cleanly and names the new records as it names Xen's
        Xenalyze.Result dump = EngineFixtures.cleanDumpAll(e, file);
        assertTrue(dump.stdout().contains("csched2:runq_cand_check d2v"), "xenalyze dumps RUNQ_CAND_CHECK");
        assertTrue(dump.stdout().contains("csched2:runq_candidate d32767v"), "xenalyze dumps idle candidates");

        Counts c = check(file);
        assertTrue(c.violations().isEmpty(), c.violations().toString());
        assertTrue(c.decisions() > 1000 && c.ratelimited() > 0 && c.checks() > 0 && c.idleCandidates() > 0
                && c.idleTickledSmt() > 0, c.toString());
    }

    /** Walks each pCPU's records and checks every decision's sequence and payloads. */
    private static Counts check(Path file) throws IOException {
        Map<Integer, Integer> open = new HashMap<>(); // pCPU -> state: 1 in a decision, 2 after RATELIMIT
        int[] n = new int[5]; // decisions, ratelimited, checks, idle candidates, tickled idle pCPUs with smt_idle
        List<String> violations = new ArrayList<>();
        RecordWalk.eachRecord(file, (r, previous) -> {
            int cpu = r.cpu();
            int ev = r.event();
            Integer state = open.get(cpu);
            String at = RecordWalk.at(file, r);
            if (ev == SCHEDULE) {
                if (state != null && state == 1) {
                    violations.add(at + "SCHEDULE before the previous decision's RUNQ_CANDIDATE");
                }
                open.put(cpu, 1);
                n[0]++;
                int flags = r.extra(1);
                boolean idle = (flags >>> 8 & 0xff) != 0;
                boolean smtIdle = (flags >>> 16 & 0xff) != 0;
                boolean tickled = (flags >>> 24 & 0xff) != 0;
                if (idle && tickled) {
                    if (!smtIdle) {
                        violations.add(at + "a tickled idle pCPU's SCHEDULE without smt_idle");
                    }
                    n[4]++;
                } else if (!idle && smtIdle) {
                    violations.add(at + "a busy pCPU's SCHEDULE with smt_idle");
                }
            } else if ((ev == RATELIMIT || ev == RUNQ_CAND_CHECK || ev == RUNQ_CANDIDATE) && state != null) {
                // (a decision the trace began inside of is skipped)
                if (state != 1) {
                    violations.add(at + "event " + Integer.toHexString(ev) + " outside a decision, or after "
                            + "RATELIMIT");
                }
                if (ev == RATELIMIT) {
                    n[1]++;
                    open.put(cpu, 2);
                } else if (ev == RUNQ_CAND_CHECK) {
                    n[2]++;
                } else {
                    open.put(cpu, 0);
                    if (r.extra(0) >>> 16 == Domain.IDLE_DOMID) {
                        n[3]++;
                        assertEquals(cpu, r.extra(0) & 0xffff, at + "the idle unit is the pCPU's");
                        assertEquals(-1, r.extra(1), at + "the idle unit is never tickled");
                        assertEquals(IDLE_CREDIT, r.extra(2), at + "the idle unit's credit");
                    }
                }
            }
        });
        return new Counts(n[0], n[1], n[2], n[3], n[4], violations.subList(0, Math.min(5, violations.size())));
    }
}
