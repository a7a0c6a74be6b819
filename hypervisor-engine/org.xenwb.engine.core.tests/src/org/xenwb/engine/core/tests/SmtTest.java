package org.xenwb.engine.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.xenwb.engine.core.Engine;
import org.xenwb.engine.core.EngineOptions;
import org.xenwb.engine.core.model.Domain;
import org.xenwb.engine.core.model.DomainConfig;
import org.xenwb.engine.core.model.HostTopology;
import org.xenwb.engine.core.model.HypervisorBuild;
import org.xenwb.engine.core.model.SchedulerKind;
import org.xenwb.engine.core.model.Vcpu;
import org.xenwb.engine.core.sched.Credit2Scheduler;
import org.xenwb.engine.core.sched.CreditScheduler;

/**
 * SMT-aware placement: credit2's run-queue layout and {@code rqd->smt_idle} in {@code runq_tickle}, credit's
 * {@code _csched_cpu_pick}. On a host with two threads per core, busy vCPUs get a core of their own before they
 * share one with a busy thread (unless credit's {@code sched_smt_power_savings} asks for the opposite).
 */
class SmtTest {

    /**
     * Xen 4.17's {@code cpu_add_to_runqueue}: run queues per socket, but at most
     * {@code sched_credit2_max_cpus_runqueue} (16) pCPUs each, balanced over the online pCPUs, siblings together.
     */
    @Test
    void credit2RunQueuesHoldAtMost16PcpusAndKeepSiblingsTogether() {
        assertEquals(List.of("0-15", "16-31", "32-47", "48-63", "64-79", "80-95", "96-111", "112-127"),
                runqueues(new HostTopology("big", 2, 64, 1, 2, 2_400_000_000L, 1 << 20)));
        // 2 sockets x 16 cores x 2 threads: 4 run queues of 8 whole cores
        assertEquals(List.of("0-15", "16-31", "32-47", "48-63"), runqueues(HostTopology.preset("2s16c-smt")));
        // the real traces' host: one run queue of its 4 pCPUs
        assertEquals(List.of("0-3"), runqueues(HostTopology.preset("xenlab-4")));
        // 24 pCPUs on one socket: 2 run queues of 12 (balanced), not 16 + 8
        assertEquals(List.of("0-11", "12-23"), runqueues(new HostTopology("h", 1, 24, 1, 1, 2_400_000_000L, 65536)));
    }

    private static List<String> runqueues(HostTopology host) {
        Engine e = new Engine(host, HypervisorBuild.everything(), SchedulerKind.CREDIT2, new EngineOptions());
        return ((Credit2Scheduler) e.pool(0).scheduler()).runqueueCpus().stream().map(c -> c.formatList()).toList();
    }

    @Test
    void credit2SpreadsBusyVcpusOverIdleCoresFirst() {
        assertEquals(7, coresOfSevenBusyVcpus(SchedulerKind.CREDIT2, false).size(),
                "no two busy vCPUs share a core while a core is idle");
    }

    /**
     * credit's {@code _csched_cpu_pick}: placements and the tick's migration check prefer an idler on a core with
     * more idle threads, so busy vCPUs end up on cores of their own.
     */
    @Test
    void creditSpreadsBusyVcpusOverIdleCoresFirst() {
        assertEquals(7, coresOfSevenBusyVcpus(SchedulerKind.CREDIT, false).size(),
                "no two busy vCPUs share a core while a core is idle");
    }

    /** With {@code sched_smt_power_savings} credit consolidates: 7 busy vCPUs fill 4 cores. */
    @Test
    void creditWithSmtPowerSavingsConsolidatesOnSiblings() {
        assertEquals(4, coresOfSevenBusyVcpus(SchedulerKind.CREDIT, true).size(),
                "7 busy vCPUs on as few cores as possible");
    }

    /** @return the cores running 7 CPU-bound one-vCPU guests on {@code 1s8c-smt} after 1 s, each checked running */
    private static Set<Integer> coresOfSevenBusyVcpus(SchedulerKind kind, boolean powerSavings) {
        EngineOptions o = new EngineOptions();
        o.seed = 5;
        o.debugChecks = true;
        o.dom0Vcpus = 1;
        HostTopology host = HostTopology.preset("1s8c-smt"); // 8 cores x 2 threads (one credit2 run queue)
        Engine e = new Engine(host, HypervisorBuild.everything(), kind, o);
        if (powerSavings) {
            ((CreditScheduler) e.pool(0).scheduler()).setSmtPowerSavings(true);
        }
        // 7 CPU-bound vCPUs plus dom0's (idle) one: 8 cores are enough for each to have a core of its own
        for (int i = 0; i < 7; i++) {
            e.createDomain(DomainConfig.simple("busy" + i, 1, 128));
            e.run(10_000_000L);
        }
        e.run(1_000_000_000L);
        Set<Integer> cores = new TreeSet<>();
        int running = 0;
        for (int cpu = 0; cpu < host.nrCpus(); cpu++) {
            Vcpu v = e.curr(cpu);
            if (!v.isIdle() && v.domain().id() != 0) {
                running++;
                cores.add(host.coreOf(cpu));
            }
        }
        assertEquals(7, running, "every busy vCPU runs");
        for (Domain d : e.domains()) {
            if (d.id() != 0) {
                assertEquals(1, d.vcpus().size());
            }
        }
        return cores;
    }
}
