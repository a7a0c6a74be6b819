package org.xenwb.engine.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.xenwb.engine.core.Engine;
import org.xenwb.engine.core.EngineOptions;
import org.xenwb.engine.core.model.HostTopology;
import org.xenwb.engine.core.model.HypervisorBuild;
import org.xenwb.engine.core.model.SchedulerKind;
import org.xenwb.engine.core.ops.Operation;
import org.xenwb.engine.core.ops.OperationGateway;
import org.xenwb.engine.core.ops.OperationKind;
import org.xenwb.engine.core.ops.Verdict;
import org.xenwb.engine.core.xl.XlException;
import org.xenwb.engine.core.xl.XlShell;

/**
 * The engine's {@code xl} answers bad input with an {@link XlException} (a one-line message for the shell), never
 * another exception, and the host runs on: configuration errors name the file and line, or the command-line setting
 * that caused them (xl appends {@code KEY=VALUE} arguments to the file, so a line number would point past its end).
 */
class XlShellErrorsTest {

    /** The engine's own consistency checks (invariants, schedulers' queues), as opposed to refused requests. */
    private static final Pattern INTERNAL = Pattern.compile("invariant|scheduler chose|run ?queue|: credit2: ");

    private static XlShell shell(Engine e) {
        return new XlShell(e, SharedData.fixture("xlcfg/burn1.cfg").getParent(), d -> { });
    }

    @Test
    void configErrorsNameTheFileLineOrCommandLineSetting() {
        Engine e = EngineFixtures.engine(4, SchedulerKind.CREDIT2, 1);
        XlShell xl = shell(e);
        assertEquals("command-line setting 'name=x': unexpected 'x': values are quoted strings, numbers or "
                + "[lists]", message(xl, "create burn1.cfg name=x"));
        assertEquals("command-line setting 'vcpus=0': 'vcpus' must be at least 1, got 0",
                message(xl, "create burn1.cfg vcpus=0"));
        assertEquals("command-line setting 'cpus=[1': unterminated list (missing ']')",
                message(xl, "cpupool-create 'name=\"p\"' cpus=[1"));
        // the shell goes on: the same file with a valid override creates the domain
        xl.execute("create burn1.cfg 'name=\"burn2\"' vcpus=1");
        assertEquals(1, e.findDomain("burn2").vcpus().size());
    }

    @Test
    void badCpuListsAndNumbersAreXlErrors() {
        Engine e = EngineFixtures.engine(4, SchedulerKind.CREDIT, 1);
        XlShell xl = shell(e);
        assertEquals("cpupool-cpu-add: bad CPU range '-1' in '-1'", message(xl, "cpupool-cpu-add Pool-0 -1"));
        assertEquals("vcpu-pin: CPU 9 in '0-9' does not exist (the host has 4)",
                message(xl, "vcpu-pin Domain-0 0 0-9"));
        assertEquals("vcpu-set: not a number: \"two\"", message(xl, "vcpu-set Domain-0 two"));
        assertEquals("vcpu-pin: not a number: \"foo\"", message(xl, "vcpu-pin Domain-0 foo 1"));
        assertEquals("Error: --force and 'all' as VCPU not allowed.", message(xl, "vcpu-pin -f Domain-0 all 1"));
        // main_vcpuset: no more vCPUs than pCPUs unless --ignore-host (xl's spelling of "overcommitting")
        xl.execute("create burn1.cfg 'maxvcpus=6'");
        assertEquals("You are overcommmitting! You have 4 physical CPUs and want 5 vCPUs! Aborting, use "
                + "--ignore-host to continue", message(xl, "vcpu-set burn1 5"));
        xl.execute("vcpu-set -i burn1 5");
        assertEquals(5, e.findDomain("burn1").onlineVcpus());
    }

    @Test
    void anOperationThePolicyDeniesIsAnXlErrorAndTheShellGoesOn() {
        EngineOptions o = new EngineOptions();
        o.gateway = new OperationGateway() {
            @Override
            public Verdict check(Operation op) {
                return op.kind() == OperationKind.DOMAIN_PAUSE ? Verdict.deny("no pausing") : Verdict.allow();
            }

            @Override
            public String describe() {
                return "denies pause";
            }
        };
        Engine e = new Engine(HostTopology.withCpus(2), HypervisorBuild.everything(), SchedulerKind.CREDIT, o);
        XlShell xl = shell(e);
        xl.execute("create burn1.cfg");
        assertEquals("pause: permission denied: DOMAIN_PAUSE on domain 1 (no pausing)", message(xl, "pause burn1"));
        xl.execute("destroy burn1");
        assertThrows(IllegalArgumentException.class, () -> e.findDomain("burn1"));
    }

    /**
     * A vCPU's hard affinity always has a pCPU of its cpupool, as in Xen: a pin without one is refused
     * ({@code vcpu_set_hard_affinity}: -EINVAL), a move to another pool resets both affinities to all pCPUs
     * ({@code sched_move_domain}), and removing the pool's last pCPU of an affinity breaks it
     * ({@code cpu_disable_scheduler}). Before, vCPUs ran on pCPUs their own affinity excluded.
     */
    @Test
    void hardAffinityAlwaysHasACpuOfThePool() {
        Engine e = EngineFixtures.engine(4, SchedulerKind.CREDIT2, 1);
        XlShell xl = shell(e);
        xl.execute("create burn1.cfg");
        xl.execute("cpupool-cpu-remove Pool-0 2-3");
        xl.execute("cpupool-create 'name=\"c1\"' 'sched=\"credit\"' 'cpus=[\"2\", \"3\"]'");
        xl.execute("vcpu-pin burn1 0 0 1");
        xl.execute("cpupool-migrate burn1 c1");
        e.run(200 * EngineFixtures.MS);
        for (var v : e.findDomain("burn1").vcpus()) {
            assertEquals("0-3", v.hardAffinity.formatList(), v + " after the move");
            assertEquals("0-3", v.softAffinity.formatList(), v + " after the move");
            assertTrue(v.processor == 2 || v.processor == 3, v + " on " + v.processor);
        }
        assertTrue(message(xl, "vcpu-pin burn1 0 0").startsWith("vcpu-pin: Could not set affinity for vcpu `0'"));
        xl.execute("vcpu-pin burn1 all 3");
        xl.execute("cpupool-cpu-remove c1 3");
        e.run(200 * EngineFixtures.MS);
        for (var v : e.findDomain("burn1").vcpus()) {
            assertEquals("0-3", v.hardAffinity.formatList(), v + " after its last pCPU left the pool");
            assertEquals(2, v.processor, v + " runs on the pool's pCPU");
        }
        assertTrue(xl.execute("dmesg -c").contains("Breaking affinity for d1v0"), xl.execute("dmesg"));
        assertFalse(xl.execute("dmesg").contains("Breaking affinity"), "dmesg -c cleared the ring");
    }

    /** A CPU list moves every pCPU it can, as libxl's *_cpumap functions do, and warns about the others. */
    @Test
    void cpupoolCpuListsMoveWhatTheyCan() {
        Engine e = EngineFixtures.engine(4, SchedulerKind.CREDIT2, 1);
        XlShell xl = shell(e);
        xl.execute("cpupool-cpu-remove Pool-0 3");
        xl.execute("cpupool-create 'name=\"c1\"' 'cpus=[\"3\"]'");
        assertTrue(message(xl, "cpupool-cpu-remove Pool-0 1-3").startsWith("Some cpus may have not or only partially"
                + " been removed from 'Pool-0'. (cpu 3 is not in cpupool Pool-0)"));
        assertEquals("0", e.pool(0).cpus().formatList());
        assertTrue(message(xl, "cpupool-cpu-add c1 0-2").startsWith("some cpus may not have been added to c1"));
        assertEquals("1-3", e.poolByName("c1").cpus().formatList());
        assertEquals("cpupool-cpu-add: cpupool 'nosuch' does not exist", message(xl, "cpupool-cpu-add nosuch 1"));
    }

    /** Options as xl's getopt and {@code main_sched_credit} take them (xl_sched.c, libxl_sched.c). */
    @Test
    void schedulerOptionsAreCheckedAsXlChecksThem() {
        Engine e = EngineFixtures.engine(2, SchedulerKind.CREDIT, 1);
        XlShell xl = shell(e);
        assertEquals("option `x' not supported.", message(xl, "sched-credit -x"));
        assertEquals("Must specify schedparam to set schedule parameter values.", message(xl, "sched-credit -t 10"));
        assertEquals("Ratelimit cannot be greater than timeslice",
                message(xl, "sched-credit -s -t 5 -r 10000"));
        assertTrue(message(xl, "sched-credit -s -m 100").contains("does not model the migration delay"));
        xl.execute("sched-credit -s -t 5 -r 5000");
        assertEquals("Cpupool Pool-0: tslice=5ms ratelimit=5000us migration-delay=0us\n",
                xl.execute("sched-credit -s"));
        Engine e2 = EngineFixtures.engine(2, SchedulerKind.CREDIT2, 1);
        assertEquals("option `t' not supported.", message(shell(e2), "sched-credit2 -s -t 10"));
    }

    /** {@code xl sched-rtds} as {@code main_sched_rtds} (xl_sched.c, 4.17) parses, checks and prints. */
    @Test
    void rtdsParametersAreCheckedAsXenChecksThem() {
        Engine e = EngineFixtures.engine(2, SchedulerKind.RTDS, 1);
        XlShell xl = shell(e);
        xl.execute("create burn1.cfg");
        assertEquals("sched-rtds: domain burn1 has no vCPU 7",
                message(xl, "sched-rtds -d burn1 -v 7 -p 10000 -b 100 -e 1"));
        assertEquals("sched-rtds: RTDS needs 10us <= budget <= period",
                message(xl, "sched-rtds -d burn1 -v all -p 100 -b 200 -e 1"));
        assertEquals("sched-rtds: 9223372036854775807 us is out of range",
                message(xl, "sched-rtds -d burn1 -v 0 -p 9223372036854775807 -b 100 -e 0"));
        assertEquals("Must specify VCPU.", message(xl, "sched-rtds -d burn1 -p 10000 -b 1000 -e 1"));
        assertEquals("Invalid extratime.", message(xl, "sched-rtds -d burn1 -v 0 -p 10000 -b 1000 -e 2"));
        assertEquals("Missing parameters.", message(xl, "sched-rtds -v 0"));
        assertEquals("Incorrect VCPU IDs.", message(xl, "sched-rtds -d burn1 -v 0 -v all"));
        // a second -v without its own period, budget and extratime is refused, not applied with the first's
        assertTrue(message(xl, "sched-rtds -d burn1 -v 0 -p 10000 -b 1000 -e 0 -v 1")
                .startsWith("Incorrect number of period, budget and extratime"));
        assertTrue(message(xl, "sched-rtds -d burn1 -v 0 -p 10000 -b 1000").startsWith("Incorrect number"));
        xl.execute("sched-rtds -d burn1 -v 1 -p 20000 -b 5000 -e 0");
        String header = "Name                                ID VCPU    Period    Budget  Extratime\n";
        String vcpu1 = "burn1                                1    1     20000      5000         no\n";
        assertEquals(header + vcpu1, xl.execute("sched-rtds -d burn1 -v 1"));
        assertTrue(xl.execute("sched-rtds -d burn1 -v all").endsWith(vcpu1));
        assertTrue(xl.execute("sched-rtds -v all").contains(vcpu1), "every domain's vCPUs");
        // the domain view shows the scheduler's defaults, whatever the vCPUs have (rt_dom_cntl's getinfo)
        assertEquals("Name                                ID    Period    Budget  Extratime\n"
                + "burn1                                1     10000      4000        yes\n",
                xl.execute("sched-rtds -d burn1"));
    }

    /** Random command lines from xl's words: only XlException may come out, and the host keeps running. */
    @Test
    void randomCommandLinesOnlyFailAsXlErrors() {
        String[] words = {"list", "vcpu-list", "info", "create", "destroy", "pause", "unpause", "shutdown", "reboot",
            "vcpu-pin", "vcpu-set", "sched-credit", "sched-credit2", "sched-rtds", "cpupool-list", "cpupool-create",
            "cpupool-destroy", "cpupool-cpu-add", "cpupool-cpu-remove", "cpupool-migrate"};
        String[] args = {"0", "1", "3", "-1", "99", "Domain-0", "burn1", "nosuch", "all", "-", "0-3", "2-1", "^1",
            "nodes:0", "nodes:7", "1,3", "x", "-d", "-w", "-c", "-s", "-t", "-r", "-p", "-b", "-v", "-e", "-l", "-f",
            "--domain=burn1", "--weight=512", "--cap=50", "--period=10000", "--budget=4000", "Pool-0", "p2",
            "name=\"p2\"", "sched=\"rtds\"", "cpus=\"3\"", "burn1.cfg", "missing.cfg", "vcpus=2", "name=\"burn1\"",
            "100000000000", "0x10", "1.5"};
        for (long seed = 1; seed <= 30; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            Engine e = EngineFixtures.engine(4 + r.nextInt(4), SchedulerKind.CREDIT2, seed);
            XlShell xl = shell(e);
            for (int i = 0; i < 80; i++) {
                StringBuilder line = new StringBuilder(words[r.nextInt(words.length)]);
                for (int k = r.nextInt(5); k > 0; k--) {
                    line.append(' ').append(args[r.nextInt(args.length)]);
                }
                try {
                    xl.execute(line.toString());
                } catch (XlException refused) {
                    // the shell also reports the engine's internal errors this way: none may show up
                    assertTrue(!INTERNAL.matcher(refused.getMessage()).find(), line + ": " + refused.getMessage());
                }
                e.run((1 + r.nextInt(20)) * EngineFixtures.MS);
            }
        }
    }

    private static String message(XlShell xl, String line) {
        return assertThrows(XlException.class, () -> xl.execute(line)).getMessage();
    }
}
