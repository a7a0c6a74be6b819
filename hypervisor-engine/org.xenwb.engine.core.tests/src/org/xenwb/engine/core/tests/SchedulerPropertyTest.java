package org.xenwb.engine.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xenwb.engine.core.tests.EngineFixtures.MS;
import static org.xenwb.engine.core.tests.EngineFixtures.S;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.xenwb.engine.core.Engine;
import org.xenwb.engine.core.VcpuMetrics;
import org.xenwb.engine.core.model.Domain;
import org.xenwb.engine.core.model.DomainConfig;
import org.xenwb.engine.core.model.SchedulerKind;
import org.xenwb.engine.core.model.Vcpu;
import org.xenwb.engine.core.sched.Arinc653Scheduler;

/**
 * Each scheduler against its documented guarantee, with the engine's invariant checks on after every decision.
 * Tolerances are stated per test.
 */
class SchedulerPropertyTest {

    /** Weights give proportional shares on CPU-bound loads: within 2% of the host's CPU time. */
    @ParameterizedTest
    @EnumSource(value = SchedulerKind.class, names = {"CREDIT", "CREDIT2"})
    void weightsGiveProportionalShares(SchedulerKind kind) {
        for (int pcpus : new int[] {1, 2}) {
            Engine e = EngineFixtures.engine(pcpus, kind, 11);
            int[] weights = {128, 256, 512};
            for (int i = 0; i < weights.length; i++) {
                e.createDomain(DomainConfig.simple("w" + weights[i], pcpus, 128).withWeightCap(weights[i], 0));
            }
            long dur = 10 * S;
            e.run(dur);
            long total = (long) pcpus * dur;
            int sumW = 128 + 256 + 512;
            for (int i = 0; i < weights.length; i++) {
                Domain d = e.findDomain("w" + weights[i]);
                double share = (double) d.cpuTime(e.now()) / total;
                double expected = (double) weights[i] / sumW;
                assertEquals(expected, share, 0.02, kind + " on " + pcpus + " pCPUs, weight " + weights[i]);
            }
        }
    }

    /** A cap is never exceeded: checked over every 100 ms window (credit: over each 30 ms accounting period the
     *  overshoot is bounded by one tick, so the 100 ms windows get 10% of a pCPU tolerance; credit2: strict per
     *  10 ms budget period, plus the 0.5 ms minimum slice). */
    @ParameterizedTest
    @EnumSource(value = SchedulerKind.class, names = {"CREDIT", "CREDIT2"})
    void capsAreNeverExceeded(SchedulerKind kind) {
        Engine e = EngineFixtures.engine(4, kind, 5);
        Domain capped = e.createDomain(DomainConfig.simple("capped", 2, 128).withWeightCap(256, 50));
        e.createDomain(DomainConfig.simple("other", 1, 128));
        long window = 100 * MS;
        long last = 0;
        long worst = 0;
        for (int i = 0; i < 50; i++) {
            e.run(window);
            long t = capped.cpuTime(e.now());
            worst = Math.max(worst, t - last);
            last = t;
        }
        long limit = window / 2;
        long tolerance = kind == SchedulerKind.CREDIT ? window / 10 : window / 20;
        assertTrue(worst <= limit + tolerance, kind + ": " + worst + " ns in a 100 ms window, cap allows " + limit);
        double overall = (double) capped.cpuTime(e.now()) / (50 * window);
        assertTrue(overall <= 0.5 + 0.02, kind + " overall share " + overall);
        assertTrue(overall > 0.40, kind + " a capped domain still gets close to its cap: " + overall);
    }

    /**
     * A capped domain's budget is shared by its vCPUs: in Xen each takes at most {@code total / vCPUs} per grab
     * ({@code budget_quota}), so busy vCPUs of a capped domain run about equally. The engine used to give the first
     * vCPU the whole budget (its share was computed before the others existed).
     */
    @ParameterizedTest
    @EnumSource(value = SchedulerKind.class, names = {"CREDIT", "CREDIT2"})
    void aCapIsSharedByTheDomainsVcpus(SchedulerKind kind) {
        Engine e = EngineFixtures.engine(2, kind, 5);
        e.createDomain(DomainConfig.simple("single", 1, 128).withWeightCap(256, 25));
        Domain pair = e.createDomain(DomainConfig.simple("pair", 2, 128).withWeightCap(256, 25));
        e.run(2 * S);
        long v0 = e.metrics(pair.vcpus().get(0)).running();
        long v1 = e.metrics(pair.vcpus().get(1)).running();
        assertTrue(v0 + v1 > 450 * MS && v0 + v1 < 560 * MS, kind + ": the pair ran " + (v0 + v1) + " ns of 2 s");
        assertTrue(Math.abs(v0 - v1) < 100 * MS, kind + ": vCPU 0 ran " + v0 + " ns, vCPU 1 " + v1 + " ns");
    }

    /** RTDS: a set that passes the global-EDF density bound (U <= m - (m-1) * umax) meets every deadline. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void rtdsSchedulableSetsMeetDeadlines(int pcpus) {
        Engine e = EngineFixtures.engine(pcpus, SchedulerKind.RTDS, 9);
        // per pCPU count: pcpus=1 -> U = 0.4 + 0.3 + 0.2 = 0.9; pcpus=2 -> 4 x 0.4 = 1.6 = 2 - 1 * 0.4
        List<long[]> set = pcpus == 1 ? List.of(new long[] {10, 4}, new long[] {20, 6}, new long[] {50, 10})
                : List.of(new long[] {10, 4}, new long[] {10, 4}, new long[] {10, 4}, new long[] {10, 4});
        int i = 0;
        for (long[] pb : set) {
            e.createDomain(DomainConfig.simple("rt" + i++, 1, 64).withRtds(pb[0] * 1000, pb[1] * 1000)
                    .withWorkload("periodic:period=" + pb[0] + "ms,exec=" + pb[1] + "ms"));
        }
        e.run(5 * S);
        for (Domain d : e.domains()) {
            if (d.id() == 0) {
                continue;
            }
            VcpuMetrics m = e.metrics(d.vcpus().get(0));
            assertTrue(m.jobs() > 90, d + " completed " + m.jobs() + " jobs");
            assertEquals(0, m.deadlineMisses(), d + " missed deadlines");
            org.xenwb.engine.core.sched.RtdsScheduler rt =
                    (org.xenwb.engine.core.sched.RtdsScheduler) e.pool(0).scheduler();
            assertEquals(0, rt.budgetOverruns(d.vcpus().get(0)), d + " ran past its budget");
        }
    }

    /** RTDS: an over-utilised set does miss deadlines (the check above is not vacuous). */
    @Test
    void rtdsOverloadMissesDeadlines() {
        Engine e = EngineFixtures.engine(1, SchedulerKind.RTDS, 9);
        for (int i = 0; i < 3; i++) {
            e.createDomain(DomainConfig.simple("rt" + i, 1, 64).withRtds(10_000, 4_000)
                    .withWorkload("periodic:period=10ms,exec=4ms"));
        }
        e.run(S);
        long misses = 0;
        for (Domain d : e.domains()) {
            for (Vcpu v : d.vcpus()) {
                misses += e.metrics(v).deadlineMisses();
            }
        }
        assertTrue(misses > 0, "U = 1.2 on one pCPU must miss deadlines");
    }

    /** ARINC653: only the window's vCPU runs (checked after every decision) and gets its window's share. */
    @Test
    void arinc653WindowsAreRespected() {
        Engine e = EngineFixtures.engine(1, SchedulerKind.ARINC653, 1);
        Domain g = e.createDomain(DomainConfig.simple("part", 1, 64));
        Arinc653Scheduler a = (Arinc653Scheduler) e.pool(0).scheduler();
        a.setSchedule(List.of(new Arinc653Scheduler.Window(0, 0, 5 * MS), new Arinc653Scheduler.Window(g.id(), 0,
                15 * MS)));
        e.run(2 * S);
        double share = (double) g.cpuTime(e.now()) / (2 * S);
        assertEquals(0.75, share, 0.01);
    }

    /** Soft affinity: with free pCPUs, a vCPU ends up (and stays) on its soft-affine pCPU most of the time. */
    @ParameterizedTest
    @EnumSource(value = SchedulerKind.class, names = {"CREDIT", "CREDIT2"})
    void softAffinityIsPreferredWhenPossible(SchedulerKind kind) {
        Engine e = EngineFixtures.engine(4, kind, 21);
        Domain d = e.createDomain(DomainConfig.simple("soft", 2, 64).withWorkload("io:run=1ms,block=1ms"));
        e.vcpuPin(d.id(), 0, null, org.xenwb.engine.core.model.CpuSet.of(3));
        e.vcpuPin(d.id(), 1, null, org.xenwb.engine.core.model.CpuSet.of(2));
        long onSoft = 0;
        long samples = 0;
        for (int i = 0; i < 2000; i++) {
            e.run(MS / 2);
            for (Vcpu v : d.vcpus()) {
                if (v.isRunning) {
                    samples++;
                    if (v.softAffinity.contains(v.processor)) {
                        onSoft++;
                    }
                }
            }
        }
        assertTrue(samples > 500, "ran in " + samples + " samples");
        assertTrue(onSoft >= 0.9 * samples, kind + ": on the soft-affine pCPU in " + onSoft + " of " + samples);
    }

    /** null: one vCPU per pCPU; extra vCPUs wait and never run while all pCPUs are taken. */
    @Test
    void nullSchedulerPinsOneVcpuPerPcpu() {
        Engine e = EngineFixtures.engine(2, SchedulerKind.NULL, 1);
        // dom0's 2 vCPUs are idle but own both pCPUs
        Domain g = e.createDomain(DomainConfig.simple("g", 1, 64));
        e.run(S);
        assertEquals(0, g.cpuTime(e.now()), "no free pCPU: waits");
        e.vcpuSet(0, 1);
        e.run(S);
        assertEquals(S, g.cpuTime(e.now()) + 0, "took the pCPU freed by dom0's vCPU 1 at once");
    }
}
