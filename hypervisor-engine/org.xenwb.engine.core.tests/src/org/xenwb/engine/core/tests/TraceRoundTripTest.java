package org.xenwb.engine.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.xenwb.engine.core.Engine;
import org.xenwb.engine.core.EngineOptions;
import org.xenwb.engine.core.model.DomainConfig;
import org.xenwb.engine.core.model.HostTopology;
import org.xenwb.engine.core.model.HypervisorBuild;
import org.xenwb.engine.core.model.SchedulerKind;
import org.xenwb.engine.core.trace.XentraceRecorder;

/** Engine traces read by Debian's real xenalyze: no complaints, and its per-vCPU totals equal the engine's. */
class TraceRoundTripTest {

    private static final long S = 1_000_000_000L;

    private static Engine traced(SchedulerKind kind, Path file, long seed) throws Exception {
        return traced(kind, "xenlab-4", file, seed);
    }

    private static Engine traced(SchedulerKind kind, String host, Path file, long seed) throws Exception {
        return EngineFixtures.traced(HostTopology.preset(host), kind, seed, file);
    }

    /**
     * xenalyze's runstate totals equal the engine's; on the real traces' host, and for credit and credit2 also on
     * an SMT host, where vCPUs move to idle cores while running (credit's tick-time {@code _csched_cpu_pick}).
     */
    @ParameterizedTest
    @CsvSource({"CREDIT,xenlab-4", "CREDIT2,xenlab-4", "RTDS,xenlab-4", "NULL,xenlab-4", "CREDIT,1s8c-smt",
        "CREDIT2,1s8c-smt"})
    void xenalyzeAgreesWithTheEngine(SchedulerKind kind, String host) throws Exception {
        Path file = SharedData.targetDir("traces").resolve("roundtrip-" + kind.xlName() + "-" + host + ".bin");
        Engine e = traced(kind, host, file, 3);
        e.createDomain(DomainConfig.simple("burn", 2, 128));
        e.createDomain(DomainConfig.simple("io", 2, 128).withWorkload("io:run=2ms,block=3ms"));
        e.createDomain(DomainConfig.simple("per", 1, 128).withWorkload("periodic:period=10ms,exec=3ms"));
        e.run(2 * S);
        e.quiesce();
        e.closeTrace();
        Xenalyze.Result r = Xenalyze.run(file, e.hostTopology().tscHz(), "--summary");
        assertEquals(0, r.exitCode(), r.stderr());
        String complaints = Xenalyze.complaints(r.stderr());
        assertTrue(complaints.isEmpty(), "xenalyze complained:\n" + complaints);
        Map<String, Xenalyze.Runstate> rs = Xenalyze.runstates(r.stdout());
        assertTrue(!rs.isEmpty(), r.stdout());
        if (kind == SchedulerKind.CREDIT2) {
            // every record decoded, credit2's load records (update_load, update_rq_load, update_vcpu_load) included
            Xenalyze.Result dump = Xenalyze.run(file, e.hostTopology().tscHz(), "--dump-all");
            assertEquals(0, dump.exitCode(), dump.stderr());
            String dumpComplaints = Xenalyze.complaints(dump.stderr());
            assertTrue(dumpComplaints.isEmpty(), "xenalyze --dump-all complained:\n" + dumpComplaints);
            assertTrue(dump.stdout().contains("csched2:update_rq_load rq# 0")
                    && dump.stdout().contains("csched2:update_vcpu_load d"), "load records decoded");
        }
        RunstateTotals totals = RunstateTotals.assertAgree(e, rs);
        // null: dom0's two (idle) vCPUs own two of the four pCPUs, so only burn's vCPUs ever run
        assertTrue(totals.checked() >= (kind == SchedulerKind.NULL ? 2 : 10), "compared " + totals);
        System.out.println("xenalyze round trip " + kind.xlName() + " on " + host + ": " + totals.checked()
                + " totals, worst difference " + totals.worstCycles() + " cycles");
    }

    /**
     * credit2 with capped domains: vCPUs parked as they are descheduled run again straight from offline, as in Xen
     * (xenalyze calls each such run strange, as it does on Xen's own trace, and accounts it as usual): its totals,
     * offline time included, still equal the engine's.
     */
    @Test
    void xenalyzeAgreesWithTheEngineOnCredit2Parking() throws Exception {
        Path file = SharedData.targetDir("traces").resolve("roundtrip-credit2-parking.bin");
        Engine e = traced(SchedulerKind.CREDIT2, file, 7);
        e.createDomain(DomainConfig.simple("burn", 2, 128));
        e.createDomain(DomainConfig.simple("capped-io", 1, 128).withWorkload("io:run=20ms,block=5ms")
                .withWeightCap(256, 25));
        e.createDomain(DomainConfig.simple("capped-wide", 4, 128).withWeightCap(256, 60));
        e.run(2 * S);
        e.quiesce();
        e.closeTrace();
        Xenalyze.Result r = Xenalyze.run(file, e.hostTopology().tscHz(), "--summary");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("", Xenalyze.complaintsBesidesCredit2Unparks(r.stderr()));
        assertTrue(Xenalyze.credit2Unparks(r.stderr()) > 50, "parked vCPUs ran again from offline");
        Map<String, Xenalyze.Runstate> rs = Xenalyze.runstates(r.stdout());
        RunstateTotals totals = RunstateTotals.assertAgree(e, rs);
        assertTrue(rs.keySet().stream().anyMatch(k -> k.endsWith("/offline")), "offline time accounted: " + rs);
        assertTrue(totals.checked() >= 15, "compared " + totals);
    }

    /**
     * A busy 128-pCPU host: each pCPU records far more than 64 KiB per 100 ms poll. With several windows per pCPU
     * and poll, xenalyze's start-up scan stopped at pCPU 0's second window and reported "tsc skew" then FATAL for
     * credit2; with one window per pCPU and poll (as xentrace writes) it reads the trace without a complaint.
     */
    @ParameterizedTest
    @EnumSource(value = SchedulerKind.class, names = {"CREDIT", "CREDIT2", "RTDS"})
    void xenalyzeReadsABusyHostOf128Cpus(SchedulerKind kind) throws Exception {
        Path file = SharedData.targetDir("traces").resolve("big-" + kind.xlName() + ".bin");
        EngineOptions o = new EngineOptions();
        o.seed = 1;
        o.dom0Vcpus = 0;
        o.trace = XentraceRecorder.create(file);
        Engine e = new Engine(new HostTopology("big", 2, 64, 1, 2, 2_400_000_000L, 1 << 20),
                HypervisorBuild.everything(), kind, o);
        for (int d = 0; d < 125; d++) {
            e.createDomain(DomainConfig.simple("g" + d, 8, 512)
                    .withWorkload(d % 8 == 7 ? "cpu" : "io:run=1ms,block=2ms"));
        }
        e.run(S / 4);
        e.closeTrace();
        Xenalyze.Result r = Xenalyze.run(file, e.hostTopology().tscHz(), "--summary");
        assertEquals(0, r.exitCode(), r.stderr().lines().filter(l -> !l.startsWith("Creating"))
                .collect(java.util.stream.Collectors.joining("\n")));
        String complaints = Xenalyze.complaints(r.stderr());
        assertTrue(complaints.isEmpty(), "xenalyze complained:\n" + complaints);
        assertTrue(Xenalyze.runstates(r.stdout()).size() > 1000, "runstate lines of 1,000 vCPUs expected");
    }

    @Test
    void sameSeedSameTraceByteForByte() throws Exception {
        Path a = SharedData.targetDir("traces").resolve("det-a.bin");
        Path b = SharedData.targetDir("traces").resolve("det-b.bin");
        for (Path f : new Path[] {a, b}) {
            Engine e = traced(SchedulerKind.CREDIT2, f, 77);
            e.createDomain(DomainConfig.simple("x", 3, 128).withWorkload("io:run=1ms,block=1ms"));
            e.createDomain(DomainConfig.simple("y", 2, 128));
            e.run(S);
            e.closeTrace();
        }
        assertTrue(Files.size(a) > 10_000);
        assertEquals(-1L, Files.mismatch(a, b));
    }
}
