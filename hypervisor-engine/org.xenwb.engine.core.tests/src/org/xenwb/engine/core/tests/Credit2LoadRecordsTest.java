package org.xenwb.engine.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.xenwb.engine.core.Engine;
import org.xenwb.engine.core.EngineOptions;
import org.xenwb.engine.core.model.CpuSet;
import org.xenwb.engine.core.model.Domain;
import org.xenwb.engine.core.model.DomainConfig;
import org.xenwb.engine.core.model.HostTopology;
import org.xenwb.engine.core.model.HypervisorBuild;
import org.xenwb.engine.core.model.SchedulerKind;
import org.xenwb.engine.core.trace.XentraceRecorder;

/**
 * credit2's run-queue placement and balancing records (credit2.c's PICKED_CPU, RUNQ_ASSIGN, LOAD_BALANCE) as
 * Debian's xenalyze decodes them: each placement names a run queue and a pCPU of it and is followed by the
 * assignment to that run queue; each balancing step names the two run queues and their loads (fixed point, 18
 * fraction bits), and vCPUs then move to the less loaded one.
 */
class Credit2LoadRecordsTest {

    private static final Pattern PICKED = Pattern.compile("csched2:picked_cpu (d\\d+v\\d+), rq# (\\d+), cpu (\\d+)");
    private static final Pattern ASSIGN = Pattern.compile("csched2:runq_assign (d\\d+v\\d+) on rq# (\\d+)");
    private static final Pattern BALANCE = Pattern.compile(
            "csched2:load_balance_begin lrq# (\\d+), avg_load = (\\d+) -- orq# (\\d+), avg_load = (\\d+)");

    @Test
    void xenalyzeDecodesPlacementAndBalancingRecords() throws Exception {
        Path file = SharedData.targetDir("traces").resolve("credit2-load-records.bin");
        EngineOptions o = new EngineOptions();
        o.seed = 4;
        o.debugChecks = true;
        o.dom0Vcpus = 1;
        o.trace = XentraceRecorder.create(file);
        // 2 sockets x 4 cores: run queue 0 = pCPUs 0-3, run queue 1 = pCPUs 4-7
        HostTopology host = new HostTopology("h", 2, 4, 1, 2, 2_400_000_000L, 65536);
        Engine e = new Engine(host, HypervisorBuild.everything(), SchedulerKind.CREDIT2, o);
        Domain hog = e.createDomain(DomainConfig.simple("hog", 8, 128));
        for (int v = 0; v < 8; v++) {
            e.vcpuPin(hog.id(), v, CpuSet.range(0, 3), null);
        }
        e.run(100_000_000L);
        // unpinned, the 8 CPU-bound vCPUs crowd run queue 0 until balancing moves some to run queue 1
        for (int v = 0; v < 8; v++) {
            e.vcpuPin(hog.id(), v, CpuSet.range(0, 7), null);
        }
        e.run(400_000_000L);
        e.closeTrace();

        Xenalyze.Result r = Xenalyze.run(file, host.tscHz(), "--dump-all");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(Xenalyze.complaints(r.stderr()).isEmpty(), r.stderr());
        List<String> lines = r.stdout().lines().filter(l -> l.contains(" csched2:")).map(l -> l.substring(
                l.indexOf(" csched2:") + 1)).toList();
        int picks = 0;
        int balances = 0;
        int movesAfterBalance = 0;
        for (int i = 0; i < lines.size(); i++) {
            Matcher p = PICKED.matcher(lines.get(i));
            if (p.matches()) {
                picks++;
                int rq = Integer.parseInt(p.group(2));
                int cpu = Integer.parseInt(p.group(3));
                assertEquals(rq, cpu / 4, "the picked pCPU is in the picked run queue: " + lines.get(i));
                Matcher a = ASSIGN.matcher(i + 1 < lines.size() ? lines.get(i + 1) : "");
                if (a.matches()) {
                    assertEquals(p.group(1) + " " + rq, a.group(1) + " " + a.group(2), lines.get(i + 1));
                }
            }
            Matcher b = BALANCE.matcher(lines.get(i));
            if (b.matches()) {
                balances++;
                long mine = Long.parseLong(b.group(2));
                long other = Long.parseLong(b.group(4));
                assertEquals(0, mine % (1 << 18), lines.get(i));
                assertTrue(other >= mine + (2L << 18), "balancing pulls only from a queue 2 loads busier: "
                        + lines.get(i));
                Matcher a = ASSIGN.matcher(i + 1 < lines.size() ? lines.get(i + 1) : "");
                if (a.matches() && a.group(2).equals(b.group(1))) {
                    movesAfterBalance++;
                }
            }
        }
        System.out.println("credit2 records: " + picks + " picks, " + balances + " balancing steps, "
                + movesAfterBalance + " moves after one");
        // dom0's vCPU and hog's 8 are placed at creation (each followed by its assignment)
        assertTrue(picks >= 9, picks + " picks");
        assertTrue(balances >= 1 && movesAfterBalance >= 1, balances + " balancing steps, " + movesAfterBalance
                + " moves to the pulling run queue\n" + String.join("\n", lines.stream().filter(
                        l -> l.contains("runq_assign") || l.contains("load_balance")).toList()));
        long hogOnRq1 = lines.stream().filter(l -> l.matches("csched2:runq_assign d" + hog.id() + "v\\d+ on rq# 1"))
                .count();
        assertTrue(hogOnRq1 >= 1, "some of hog's vCPUs moved to run queue 1");
    }
}
