package org.xenwb.engine.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
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
 * credit2's load records (credit2.c's UPDATE_LOAD, UPDATE_RUNQ_LOAD, UPDATE_UNIT_LOAD, PICKED_CPU, LOAD_CHECK,
 * LOAD_BALANCE, MIGRATE, RUNQ_ASSIGN) as Debian's xenalyze decodes them: loads are fixed point with the shift the
 * records carry (18), a placement names a pCPU of the run queue it names, every LOAD_BALANCE follows the LOAD_CHECK
 * of the same pCPU and run queue whose delta is the difference of the two averages it reports, and vCPUs end up on
 * both run queues.
 */
class Credit2LoadRecordsTest {

    private static final Pattern LINE = Pattern.compile("^\\s*[\\d.]+ ([|.x]+) \\S+ (csched2:.*)$");
    private static final Pattern PICKED = Pattern.compile("csched2:picked_cpu (d\\d+v\\d+), rq# (\\d+), cpu (\\d+)");
    private static final Pattern CHECK = Pattern.compile(
            "csched2:load_balance_check lrq# (\\d+), orq# (\\d+), delta = (\\d+)");
    private static final Pattern BALANCE = Pattern.compile(
            "csched2:load_balance_begin lrq# (\\d+), avg_load = (\\d+) -- orq# (\\d+), avg_load = (\\d+)");
    private static final Pattern RQ_LOAD = Pattern.compile("csched2:update_rq_load rq# (\\d+), load = (\\d+), "
            + "avgload = ([\\d.]+)% \\((\\d+)\\), b_avgload = ([\\d.]+)% \\((\\d+)\\)");
    private static final Pattern UNIT_LOAD = Pattern.compile(
            "csched2:update_vcpu_load (d\\d+v\\d+), vcpu_load = ([\\d.]+)% \\((\\d+)\\)");

    @Test
    void xenalyzeDecodesLoadAndBalancingRecords() throws Exception {
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
        for (int v = 0; v < 8; v++) {
            e.vcpuPin(hog.id(), v, CpuSet.range(0, 7), null);
        }
        e.run(400_000_000L);

        Xenalyze.Result r = EngineFixtures.cleanDumpAll(e, file);
        Map<Integer, String> lastOnCpu = new HashMap<>();
        int picks = 0;
        int checks = 0;
        int balances = 0;
        int rqLoads = 0;
        int unitLoads = 0;
        for (String raw : r.stdout().lines().toList()) {
            Matcher l = LINE.matcher(raw);
            if (!l.matches()) {
                continue;
            }
            int cpu = l.group(1).indexOf('x');
            String line = l.group(2);
            Matcher m = PICKED.matcher(line);
            if (m.matches()) {
                picks++;
                int rq = Integer.parseInt(m.group(2));
                if (rq != 0xffff) { // 0xffff: a move the balancer asked for (Xen leaves min_rqd NULL then)
                    assertEquals(rq, Integer.parseInt(m.group(3)) / 4, "the picked pCPU is in the picked run queue: "
                            + line);
                }
            }
            m = CHECK.matcher(line);
            if (m.matches()) {
                checks++;
            }
            m = BALANCE.matcher(line);
            if (m.matches()) {
                balances++;
                Matcher c = CHECK.matcher(lastOnCpu.getOrDefault(cpu, ""));
                assertTrue(c.matches(), "LOAD_BALANCE follows a LOAD_CHECK on pCPU " + cpu + ": " + line);
                assertEquals(c.group(1), m.group(1), line);
                long delta = Math.abs(Long.parseLong(m.group(2)) - Long.parseLong(m.group(4)));
                assertEquals(Long.parseLong(c.group(3)), delta, "the checked delta is the difference of the averages: "
                        + line);
                assertTrue(delta >= 1 << 15, "below the smallest tolerance (1/8 of a vCPU): " + line);
            }
            m = RQ_LOAD.matcher(line);
            if (m.matches()) {
                rqLoads++;
                assertTrue(Integer.parseInt(m.group(1)) <= 1, line);
                assertTrue(Integer.parseInt(m.group(2)) <= 9, "8 hog vCPUs and dom0's at most: " + line);
                assertPercentOfShift18(m.group(3), m.group(4), line);
                assertPercentOfShift18(m.group(5), m.group(6), line);
                assertTrue(Long.parseLong(m.group(4)) <= 9L << 18, line);
            }
            m = UNIT_LOAD.matcher(line);
            if (m.matches()) {
                unitLoads++;
                assertPercentOfShift18(m.group(2), m.group(3), line);
                assertTrue(Long.parseLong(m.group(3)) <= 1L << 18, "a vCPU's load is at most 1.0: " + line);
            }
            lastOnCpu.put(cpu, line);
        }
        System.out.println("credit2 records: " + picks + " picks, " + checks + " load checks, " + balances
                + " balancing steps, " + rqLoads + " run-queue and " + unitLoads + " vCPU load updates");
        // dom0's vCPU and hog's 8 are placed at creation, and hog's again when pinned
        assertTrue(picks >= 9, picks + " picks");
        assertTrue(balances >= 1 && checks >= balances, balances + " balancing steps, " + checks + " checks");
        assertTrue(rqLoads > 100 && unitLoads > 100, rqLoads + " run-queue and " + unitLoads + " vCPU load records");
        long hogToRq1 = r.stdout().lines().filter(x -> x.matches(".*csched2:migrate d" + hog.id()
                + "v\\d+ rq# 0 --> rq# 1")).count();
        assertTrue(hogToRq1 >= 1, "some of hog's vCPUs moved to run queue 1");
        long onRq1 = hog.vcpus().stream().filter(v -> v.processor >= 4).count();
        assertTrue(onRq1 >= 3 && onRq1 <= 5, onRq1 + " of hog's 8 vCPUs on socket 1");
    }

    /** xenalyze prints {@code raw * 100 / 2^shift} with three decimals: with shift 18 that is the raw value. */
    private static void assertPercentOfShift18(String percent, String raw, String line) {
        double expected = Long.parseLong(raw) * 100.0 / (1 << 18);
        assertEquals(expected, Double.parseDouble(percent), 0.0006, line);
    }
}
