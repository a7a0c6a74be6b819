package org.xenwb.engine.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xenwb.engine.core.tests.EngineFixtures.MS;
import static org.xenwb.engine.core.tests.EngineFixtures.S;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.xenwb.engine.core.Engine;
import org.xenwb.engine.core.EngineOptions;
import org.xenwb.engine.core.VcpuMetrics;
import org.xenwb.engine.core.model.CpuSet;
import org.xenwb.engine.core.model.Domain;
import org.xenwb.engine.core.model.DomainConfig;
import org.xenwb.engine.core.model.DomainState;
import org.xenwb.engine.core.model.HostTopology;
import org.xenwb.engine.core.model.HypervisorBuild;
import org.xenwb.engine.core.model.RunState;
import org.xenwb.engine.core.model.SchedulerKind;
import org.xenwb.engine.core.model.Vcpu;
import org.xenwb.engine.core.ops.Operation;
import org.xenwb.engine.core.ops.OperationDeniedException;
import org.xenwb.engine.core.ops.OperationGateway;
import org.xenwb.engine.core.ops.OperationKind;
import org.xenwb.engine.core.ops.Verdict;

class EngineLifecycleTest {

    @ParameterizedTest
    @EnumSource(SchedulerKind.class)
    void everySchedulerRunsWithInvariantsChecked(SchedulerKind kind) {
        Engine e = EngineFixtures.engine(kind == SchedulerKind.ARINC653 ? 1 : 4, kind, 7);
        int guests = kind == SchedulerKind.ARINC653 ? 1 : 2;
        for (int i = 0; i < guests; i++) {
            e.createDomain(DomainConfig.simple("g" + i, 1, 128));
        }
        e.run(2 * S);
        long total = 0;
        for (Domain d : e.domains()) {
            for (Vcpu v : d.vcpus()) {
                VcpuMetrics m = e.metrics(v);
                assertEquals(2 * S, m.running() + m.runnable() + m.blocked() + m.offline(), v + " accounting");
                total += m.running();
            }
        }
        assertTrue(e.decisionCount() > 0);
        if (kind != SchedulerKind.ARINC653) {
            // two CPU-bound guests on 4 pCPUs: both run all the time
            assertEquals(2 * 2 * S, total, "CPU time of " + kind);
        }
    }

    @Test
    void accountingAddsUpPerPcpu() {
        Engine e = EngineFixtures.engine(4, SchedulerKind.CREDIT2, 3);
        e.createDomain(DomainConfig.simple("a", 3, 128));
        e.createDomain(DomainConfig.simple("b", 3, 128).withWorkload("io:run=1ms,block=3ms"));
        e.run(S);
        long running = 0;
        for (Domain d : e.domains()) {
            for (Vcpu v : d.vcpus()) {
                running += e.metrics(v).running();
            }
        }
        for (Vcpu v : e.idleDomain().vcpus()) {
            running += e.metrics(v).running();
        }
        assertEquals(4 * S, running, "every pCPU runs exactly one vCPU (maybe idle) at any time");
    }

    @Test
    void lifecycleOperations() {
        Engine e = EngineFixtures.engine(4, SchedulerKind.CREDIT, 1);
        Domain d = e.createDomain(DomainConfig.simple("g", 2, 128));
        assertEquals(1, d.id());
        e.run(100 * MS);
        e.pause(1);
        for (Vcpu v : d.vcpus()) {
            assertEquals(RunState.OFFLINE, v.runstate);
        }
        long before = d.cpuTime(e.now());
        e.run(100 * MS);
        assertEquals(before, d.cpuTime(e.now()), "a paused domain does not run");
        e.unpause(1);
        e.run(100 * MS);
        assertTrue(d.cpuTime(e.now()) > before);
        e.vcpuPin(1, 0, CpuSet.of(3), null);
        e.run(100 * MS);
        assertEquals(3, d.vcpus().get(0).processor);
        e.vcpuSet(1, 1);
        e.run(50 * MS);
        assertEquals(RunState.OFFLINE, d.vcpus().get(1).runstate);
        Domain d2 = e.createDomain(DomainConfig.simple("h", 1, 128));
        assertEquals(2, d2.id());
        e.destroy(1);
        assertThrows(IllegalArgumentException.class, () -> e.domain(1));
        Domain d3 = e.createDomain(DomainConfig.simple("i", 1, 128));
        assertEquals(3, d3.id(), "ids are not reused at once (Xen's domid rover)");
        // on_reboot defaults to restart: a new domain with the same name and a new id
        Domain r = e.shutdown(2, "reboot");
        assertEquals("h", r.name());
        assertEquals(4, r.id());
        // on_crash = preserve keeps it, shut down
        DomainConfig keep = new DomainConfig("k", "pv", 64, 64, 1, 1, List.of(), List.of(), null, -1, -1, -1, -1, -1,
                null, org.xenwb.engine.core.model.ShutdownAction.DESTROY,
                org.xenwb.engine.core.model.ShutdownAction.RESTART,
                org.xenwb.engine.core.model.ShutdownAction.PRESERVE,
                org.xenwb.engine.core.model.ShutdownAction.DESTROY, null, "k.cfg");
        Domain k = e.createDomain(keep);
        assertNull(e.shutdown(k.id(), "crash"));
        assertEquals(DomainState.CRASHED, e.domain(k.id()).state());
        e.run(50 * MS);
        assertThrows(IllegalArgumentException.class, () -> e.destroy(0));
    }

    @Test
    void cpupoolsWithTheirOwnSchedulers() {
        Engine e = EngineFixtures.engine(4, SchedulerKind.CREDIT2, 1);
        Domain d = e.createDomain(DomainConfig.simple("burn1", 2, 128));
        e.run(100 * MS);
        e.cpupoolCpuRemove("Pool-0", 2);
        e.cpupoolCpuRemove("Pool-0", 3);
        e.cpupoolCreate("pool-credit", SchedulerKind.CREDIT, CpuSet.of(2, 3));
        e.cpupoolMigrate(1, "pool-credit");
        e.run(500 * MS);
        for (Vcpu v : d.vcpus()) {
            assertTrue(v.processor == 2 || v.processor == 3, v + " on " + v.processor);
        }
        assertThrows(IllegalArgumentException.class, () -> e.cpupoolDestroy("pool-credit"));
        e.cpupoolMigrate(1, "Pool-0");
        e.cpupoolDestroy("pool-credit");
        assertEquals(CpuSet.of(2, 3), e.freeCpus());
        e.cpupoolCpuAdd("Pool-0", 2);
        e.run(100 * MS);
    }

    /**
     * {@code xl vcpu-set} bringing back a vCPU whose workload is blocked: it comes back BLOCKED and off the run
     * queues, and runs once it wakes (before, credit queued it at once and then chose it while it was not runnable).
     */
    @ParameterizedTest
    @EnumSource(value = SchedulerKind.class, names = {"CREDIT", "CREDIT2", "RTDS", "NULL"})
    void vcpuBackOnlineWhileBlocked(SchedulerKind kind) {
        Engine e = EngineFixtures.engine(4, kind, 5); // (null: dom0's two vCPUs hold two pCPUs, the guest's two)
        Domain d = e.createDomain(DomainConfig.simple("io", 2, 128).withWorkload("io:run=50us,block=20ms"));
        Vcpu v1 = d.vcpus().get(1);
        for (int round = 0; round < 20; round++) {
            e.run(3 * MS);
            e.vcpuSet(d.id(), 1);
            assertEquals(RunState.OFFLINE, v1.runstate, "round " + round);
            e.run(2 * MS);
            boolean blocked = v1.blocked;
            e.vcpuSet(d.id(), 2);
            if (blocked) {
                assertEquals(RunState.BLOCKED, v1.runstate, "round " + round);
            }
        }
        long ran = v1.timeIn(RunState.RUNNING, e.now());
        e.run(500 * MS);
        assertTrue(v1.timeIn(RunState.RUNNING, e.now()) > ran, "d1v1 runs again once it wakes");
    }

    /**
     * A pool without pCPUs takes no domain, as in Xen 4.17's cpupool.c: creating one in it is refused
     * ({@code cpupool_add_domain}: -ENODEV), so is moving one there (-ENOENT), and a pool with domains keeps its last
     * pCPU (-EBUSY). The refused creation leaves no domain behind, and the host runs on.
     */
    @Test
    void poolsWithoutCpusTakeNoDomain() {
        Engine e = EngineFixtures.engine(4, SchedulerKind.CREDIT2, 1);
        int burn = e.createDomain(DomainConfig.simple("burn", 2, 128)).id();
        for (SchedulerKind kind : List.of(SchedulerKind.CREDIT, SchedulerKind.CREDIT2, SchedulerKind.RTDS,
                SchedulerKind.NULL, SchedulerKind.ARINC653)) {
            String pool = "empty-" + kind.xlName();
            e.cpupoolCreate(pool, kind, CpuSet.empty());
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> e.createDomain(DomainConfig.simple("in-" + pool, 2, 128).withPool(pool)));
            assertTrue(refused.getMessage().contains(pool + " has no CPUs"), refused.getMessage());
            assertThrows(IllegalArgumentException.class, () -> e.cpupoolMigrate(burn, pool));
            e.run(20 * MS);
        }
        assertEquals(List.of("Domain-0", "burn"), e.domains().stream().map(Domain::name).toList());
        e.cpupoolCpuRemove("Pool-0", 3);
        e.cpupoolCpuAdd("empty-rtds", 3);
        int rt = e.createDomain(DomainConfig.simple("rt", 1, 128).withPool("empty-rtds")).id();
        assertThrows(IllegalArgumentException.class, () -> e.cpupoolCpuRemove("empty-rtds", 3));
        e.run(100 * MS);
        assertEquals(3, e.domain(rt).vcpus().get(0).processor);
    }

    @Test
    void schedulersNotInTheBuildDoNotExist() {
        HypervisorBuild debianLike = HypervisorBuild.defaults();
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> new Engine(
                HostTopology.withCpus(2), debianLike, SchedulerKind.RTDS, new EngineOptions()));
        assertTrue(ex.getMessage().contains("CONFIG_SCHED_RTDS"));
    }

    @Test
    void theBuildLimitsTheHost() {
        HypervisorBuild small = HypervisorBuild.parse("small.config", "CONFIG_NR_CPUS=4\nCONFIG_SCHED_CREDIT=y\n"
                + "CONFIG_SCHED_DEFAULT=\"credit\"\n# CONFIG_TRACEBUFFER is not set\n");
        IllegalArgumentException cpus = assertThrows(IllegalArgumentException.class, () -> new Engine(
                HostTopology.withCpus(8), small, null, new EngineOptions()));
        assertTrue(cpus.getMessage().contains("CONFIG_NR_CPUS"), cpus.getMessage());
        EngineOptions traced = new EngineOptions();
        traced.trace = new org.xenwb.engine.core.trace.XentraceRecorder(java.io.OutputStream.nullOutputStream());
        IllegalArgumentException tb = assertThrows(IllegalArgumentException.class, () -> new Engine(
                HostTopology.withCpus(4), small, null, traced));
        assertTrue(tb.getMessage().contains("CONFIG_TRACEBUFFER"), tb.getMessage());
        EngineOptions flask = new EngineOptions();
        flask.gateway = new OperationGateway() {
            @Override
            public Verdict check(Operation op) {
                return Verdict.allow();
            }

            @Override
            public boolean isFlaskPolicy() {
                return true;
            }

            @Override
            public String describe() {
                return "test FLASK";
            }
        };
        IllegalArgumentException nf = assertThrows(IllegalArgumentException.class, () -> new Engine(
                HostTopology.withCpus(4), small, null, flask));
        assertTrue(nf.getMessage().contains("CONFIG_XSM_FLASK"), nf.getMessage());
        Engine ok = new Engine(HostTopology.withCpus(4), small, null, new EngineOptions());
        assertEquals(SchedulerKind.CREDIT, ok.pool(0).scheduler().kind());
    }

    @Test
    void everyOperationGoesThroughTheGateway() {
        List<OperationKind> seen = new ArrayList<>();
        EngineOptions o = new EngineOptions();
        o.gateway = new OperationGateway() {
            @Override
            public Verdict check(Operation op) {
                seen.add(op.kind());
                return op.kind() == OperationKind.DOMAIN_DESTROY ? Verdict.deny("test policy") : Verdict.allow();
            }

            @Override
            public String describe() {
                return "test";
            }
        };
        Engine e = new Engine(HostTopology.withCpus(2), HypervisorBuild.everything(), SchedulerKind.CREDIT, o);
        e.createDomain(DomainConfig.simple("g", 1, 64));
        e.pause(1);
        e.unpause(1);
        e.setWeightCap(1, 512, 0);
        OperationDeniedException denied = assertThrows(OperationDeniedException.class, () -> e.destroy(1));
        assertTrue(denied.getMessage().contains("test policy"));
        assertEquals(List.of(OperationKind.DOMAIN_CREATE, OperationKind.DOMAIN_CREATE, OperationKind.DOMAIN_PAUSE,
                OperationKind.DOMAIN_UNPAUSE, OperationKind.SCHED_SET, OperationKind.DOMAIN_DESTROY), seen);
    }

    @Test
    void sameSeedSameResult() {
        long[] a = runMixed(42);
        long[] b = runMixed(42);
        long[] c = runMixed(43);
        assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b));
        assertTrue(!java.util.Arrays.equals(a, c), "another seed gives another run");
    }

    private static long[] runMixed(long seed) {
        Engine e = EngineFixtures.engine(4, SchedulerKind.CREDIT2, seed);
        e.createDomain(DomainConfig.simple("a", 2, 128).withWorkload("io:run=2ms,block=1ms"));
        e.createDomain(DomainConfig.simple("b", 4, 128).withWorkload("io:run=500us,block=800us"));
        e.run(S);
        List<Long> out = new ArrayList<>();
        for (Domain d : e.domains()) {
            for (Vcpu v : d.vcpus()) {
                out.add(e.metrics(v).running());
                out.add(e.metrics(v).migrations());
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }
}
