package org.xenwb.engine.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.xenwb.engine.core.Engine;
import org.xenwb.engine.core.EngineOptions;
import org.xenwb.engine.core.model.Domain;
import org.xenwb.engine.core.model.DomainConfig;
import org.xenwb.engine.core.model.HostTopology;
import org.xenwb.engine.core.model.HypervisorBuild;
import org.xenwb.engine.core.model.SchedulerKind;
import org.xenwb.engine.core.model.ShutdownAction;
import org.xenwb.engine.core.model.Vcpu;
import org.xenwb.engine.core.sched.Credit2LoadAverage;
import org.xenwb.engine.core.sched.Credit2Scheduler;
import org.xenwb.engine.core.sched.Credit2Scheduler.RunqueueLoad;
import org.xenwb.engine.core.trace.XentraceRecorder;

/**
 * credit2's {@code balance_load} on two run queues (one per socket of a 2 x 4-core host): eight CPU-bound vCPUs whose
 * soft affinity is socket 0 are all placed on run queue 0 ({@code csched2_res_pick} prefers the soft affinity), and
 * nothing but load balancing can bring them to socket 1 (credit2 does not re-pick a run queue on wake-up, and
 * tickling stays within a run queue). Balancing must even the two run queues out, four vCPUs each, with a plausible
 * number of moves, the same in every run, and Debian's xenalyze must read the trace, balancing records included.
 *
 * <p>Balancing acts at the first credit resets already: {@code b_avgload}, the balancer's view, counts each assigned
 * vCPU's own average (50% at creation), so run queue 0 starts 8 x 0.5 = 4.0 above run queue 1, at or above full load
 * for its four pCPUs, where the overload tolerance (an eighth of a vCPU) applies.</p>
 */
class Credit2BalanceTest {

    private static final long MS = 1_000_000L;

    private record Outcome(long moves, long steps, long stepsAt1ms, List<RunqueueLoad> loadsAt1ms,
            List<RunqueueLoad> loads, List<Integer> vcpusPerSocket, int busyCpus) {
    }

    private static Outcome run(Path trace) throws IOException {
        EngineOptions o = new EngineOptions();
        o.seed = 11;
        o.debugChecks = true;
        o.dom0Vcpus = 0;
        o.trace = XentraceRecorder.create(trace);
        HostTopology host = new HostTopology("h", 2, 4, 1, 2, 2_400_000_000L, 65536);
        Engine e = new Engine(host, HypervisorBuild.everything(), SchedulerKind.CREDIT2, o);
        Credit2Scheduler c2 = (Credit2Scheduler) e.pool(0).scheduler();
        assertEquals(2, c2.runqueueCount(), "runqueue=socket on 2 sockets");
        Domain hog = e.createDomain(new DomainConfig("hog", "pv", 128, 128, 8, 8, List.of(), List.of("0-3"), null,
                -1, -1, -1, -1, -1, null, ShutdownAction.DESTROY, ShutdownAction.RESTART, ShutdownAction.DESTROY,
                ShutdownAction.DESTROY, "cpu", "<hog>"));
        e.run(MS);
        List<RunqueueLoad> early = c2.runqueueLoads();
        long earlySteps = c2.balanceSteps();
        e.run(2999 * MS);
        e.closeTrace();
        List<Integer> perSocket = new ArrayList<>(List.of(0, 0));
        for (Vcpu v : hog.vcpus()) {
            perSocket.set(v.processor / 4, perSocket.get(v.processor / 4) + 1);
        }
        int busy = 0;
        for (int c = 0; c < 8; c++) {
            busy += e.curr(c).isIdle() ? 0 : 1;
        }
        return new Outcome(c2.balanceMoves(), c2.balanceSteps(), earlySteps, early, c2.runqueueLoads(), perSocket,
                busy);
    }

    @Test
    void balancingFillsTheSecondSocket() throws Exception {
        Path trace = SharedData.targetDir("traces").resolve("credit2-balance.bin");
        Outcome a = run(trace);
        System.out.println("credit2 balancing: " + a.steps() + " balancing steps, " + a.moves() + " moves; at 1 ms "
                + a.loadsAt1ms() + "; at 3 s " + a.loads() + ", vCPUs per socket " + a.vcpusPerSocket());
        // at 1 ms, before any credit reset: everything runnable on run queue 0. Both b_avgloads hold 2^17 per
        // assigned vCPU (dom0's offline vCPUs are assigned too, alternately); run queue 0's has hog's 8 x 2^17 =
        // 4 << 18 more and can only have grown since (towards its load of 8), run queue 1's cannot have changed
        // (its load is 0, its average 0)
        assertEquals(0, a.stepsAt1ms());
        assertEquals(8, a.loadsAt1ms().get(0).load());
        assertEquals(0, a.loadsAt1ms().get(1).load());
        assertEquals(0, a.loadsAt1ms().get(1).avgload());
        assertEquals(0, a.loadsAt1ms().get(1).bAvgload() % (1 << 17), a.loadsAt1ms().toString());
        assertTrue(a.loadsAt1ms().get(0).bAvgload() - a.loadsAt1ms().get(1).bAvgload() >= 4L << 18,
                a.loadsAt1ms().toString());
        // at 3 s: four vCPUs per socket, all eight pCPUs busy, the instantaneous loads even
        assertEquals(List.of(4, 4), a.vcpusPerSocket());
        assertEquals(8, a.busyCpus());
        assertEquals(4, a.loads().get(0).load());
        assertEquals(4, a.loads().get(1).load());
        // the averages are fixed point with 18 fraction bits: both near 4.0 (within half a vCPU)
        for (RunqueueLoad l : a.loads()) {
            assertTrue(Math.abs(l.avgload() - (4L << 18)) < 1L << 17, l.toString());
        }
        // at least four vCPUs had to cross; each balancing step moves at most two (a swap), and steps stop once the
        // imbalance is below the tolerance, so the count stays small
        assertTrue(a.moves() >= 4 && a.moves() <= 2 * a.steps(), a.moves() + " moves in " + a.steps() + " steps");
        assertTrue(a.moves() <= 16, a.moves() + " moves for an imbalance of four vCPUs");

        Xenalyze.Result r = Xenalyze.run(trace, 2_400_000_000L, "--dump-all");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(Xenalyze.complaints(r.stderr()).isEmpty(), Xenalyze.complaints(r.stderr()));
        long begins = r.stdout().lines().filter(l -> l.contains("csched2:load_balance_begin")).count();
        assertEquals(a.steps(), begins, "one LOAD_BALANCE record per balancing step");
    }

    @Test
    void balancingIsDeterministic() throws Exception {
        Path ta = SharedData.targetDir("traces").resolve("credit2-balance-a.bin");
        Path tb = SharedData.targetDir("traces").resolve("credit2-balance-b.bin");
        Outcome a = run(ta);
        Outcome b = run(tb);
        assertEquals(a, b);
        assertFalse(a.loads().isEmpty());
        assertEquals(-1L, Files.mismatch(ta, tb), "same seed, same trace bytes");
    }
}
