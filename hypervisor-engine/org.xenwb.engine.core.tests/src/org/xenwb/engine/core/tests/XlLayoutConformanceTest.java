package org.xenwb.engine.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.xenwb.engine.core.Engine;
import org.xenwb.engine.core.EngineOptions;
import org.xenwb.engine.core.config.Diagnostic;
import org.xenwb.engine.core.model.HostTopology;
import org.xenwb.engine.core.model.HypervisorBuild;
import org.xenwb.engine.core.model.SchedulerKind;
import org.xenwb.engine.core.xl.XlException;
import org.xenwb.engine.core.xl.XlShell;

/**
 * The engine's xl against what the real xl printed on Xen 4.17.7 ({@code shared/data/traces/*-boot-info}), on the
 * same host, boot options and domains. Columns that depend on timing (State, CPU, Time) are compared by width and
 * syntax only; everything else must be identical.
 */
class XlLayoutConformanceTest {

    private static final long S = 1_000_000_000L;

    private static Engine realHost(SchedulerKind boot) throws Exception {
        HypervisorBuild b = HypervisorBuild.read(SharedData.require("xen-4.17/debian-xen-4.17-amd64.config"));
        return new Engine(HostTopology.preset("xenlab-4"), b, boot, new EngineOptions());
    }

    private static String real(String file) throws Exception {
        return Files.readString(SharedData.require("traces/" + file));
    }

    private static XlShell shell(Engine e, List<Diagnostic> diags) {
        return new XlShell(e, SharedData.fixture("xlcfg/burn1.cfg").getParent(), diags::add);
    }

    @Test
    void listAndVcpuListHaveTheRealLayout() throws Exception {
        Engine e = realHost(SchedulerKind.CREDIT2);
        List<Diagnostic> diags = new ArrayList<>();
        XlShell xl = shell(e, diags);
        xl.execute("create burn1.cfg");
        xl.execute("xl create mixed2.cfg");
        e.run(2 * S);
        compareList(real("credit2boot-boot-info/xl-list-guests.txt"), xl.execute("list"));
        compareVcpuList(real("credit2boot-boot-info/xl-vcpu-list-guests.txt"), xl.execute("vcpu-list"));
        assertEquals(6, diags.size(), "kernel, ramdisk and extra of both files are reported: " + diags);
    }

    private static void compareList(String expected, String actual) {
        List<String> exp = expected.lines().toList();
        List<String> act = actual.lines().toList();
        assertEquals(exp.size(), act.size(), actual);
        assertEquals(exp.get(0), act.get(0));
        for (int i = 1; i < exp.size(); i++) {
            String x = exp.get(i);
            String a = act.get(i);
            assertEquals(x.length(), a.length(), "line width:\n" + x + "\n" + a);
            int state = x.length() - 16;
            assertEquals(x.substring(0, state), a.substring(0, state), "name, id, mem, vcpus");
            assertTrue(a.substring(state).matches("[r-][b-][p-][s-][c-][d-]  [ \\d]{5}\\d\\.\\d"), a);
        }
    }

    private static void compareVcpuList(String expected, String actual) {
        List<String> exp = expected.lines().toList();
        List<String> act = actual.lines().toList();
        assertEquals(exp.size(), act.size(), actual);
        assertEquals(exp.get(0), act.get(0));
        for (int i = 1; i < exp.size(); i++) {
            String x = exp.get(i);
            String a = act.get(i);
            assertEquals(x.length(), a.length(), "line width:\n" + x + "\n" + a);
            assertEquals(x.substring(0, 44), a.substring(0, 44), "name, id, vcpu");
            assertTrue(a.substring(44, 66).matches("[ \\d]{4}\\d   [r-][b-]- [ \\d]{6}\\d\\.\\d "), a);
            assertEquals(x.substring(66), a.substring(66), "affinities");
        }
    }

    @Test
    void schedAndCpupoolListingsAreIdentical() throws Exception {
        Engine e = realHost(SchedulerKind.CREDIT2);
        XlShell xl = shell(e, new ArrayList<>());
        assertEquals(real("credit2boot-boot-info/xl-sched-credit2-boot.txt"), xl.execute("sched-credit2"));
        assertEquals(real("credit2boot-boot-info/xl-cpupool-list-boot.txt"), xl.execute("cpupool-list -c"));
        xl.execute("create burn1.cfg");
        xl.execute("create mixed2.cfg");
        // the steps of shared/tools/xenlab/dom0-xenlab-run.sh
        xl.execute("cpupool-cpu-remove Pool-0 2");
        xl.execute("cpupool-cpu-remove Pool-0 3");
        // what the real xl printed for the same pool file (run.log), with the file named as it was given here
        String log = real("credit2boot-boot-info/run.log");
        int at = log.indexOf("Using config file");
        String printed = String.join("\n", log.substring(at).lines().limit(4).toList()) + "\n";
        assertEquals(printed.replace("/etc/xen/pool-credit.cfg", "pool-credit.cfg"),
                xl.execute("cpupool-create pool-credit.cfg"));
        xl.execute("cpupool-migrate burn1 pool-credit");
        e.run(S);
        assertEquals(real("credit2boot-boot-info/xl-cpupool-list-credit.txt"), xl.execute("cpupool-list -c"));
        assertEquals(real("credit2boot-boot-info/xl-sched-pool.txt"), xl.execute("sched-credit -p pool-credit"));
        String vcpus = xl.execute("vcpu-list burn1");
        for (String l : vcpus.lines().skip(1).toList()) {
            int cpu = Integer.parseInt(l.substring(44, 49).trim());
            assertTrue(cpu == 2 || cpu == 3, "burn1 runs in pool-credit: " + l);
        }
    }

    /**
     * {@code xl list -l} byte for byte as the real xl printed it (the random UUIDs aside), after the guests were
     * created and again after the run's pause/unpause, weight and cap changes, pool moves and vcpu-set.
     */
    @Test
    void listLongIsTheRealJson() throws Exception {
        Engine e = realHost(SchedulerKind.CREDIT2);
        XlShell xl = shell(e, new ArrayList<>());
        xl.execute("create burn1.cfg");
        xl.execute("create mixed2.cfg");
        e.run(S);
        assertEquals(maskUuids(real("credit2boot-boot-info/xl-list-l-guests.txt")), maskUuids(xl.execute("list -l")));
        // the steps of shared/tools/xenlab/dom0-xenlab-run.sh up to the final listing (idle3 and pvh4 come and go)
        for (String step : new String[] {"cpupool-cpu-remove Pool-0 2", "cpupool-cpu-remove Pool-0 3",
            "cpupool-create pool-credit.cfg", "cpupool-migrate burn1 pool-credit", "pause mixed2",
            "unpause mixed2", "sched-credit2 -d mixed2 -w 512", "sched-credit2 -d mixed2 -c 25",
            "sched-credit -d burn1 -w 128 -c 50", "vcpu-pin burn1 0 2", "vcpu-pin burn1 all all",
            "cpupool-migrate burn1 Pool-0", "vcpu-set burn1 1"}) {
            xl.execute(step);
            e.run(S / 10);
        }
        String end = xl.execute("list -l");
        assertEquals(maskUuids(real("credit2boot-boot-info/xl-list-l-end.txt")), maskUuids(end));
        assertTrue(end.contains("\"uuid\": \"") && !end.contains("\"uuid\": \"00000000"), end);
        assertEquals(xl.execute("list -l burn1"), xl.execute("list -l 1"));
        assertTrue(xl.execute("list mixed2").lines().toList().get(1).startsWith("mixed2 "));
        // create -p leaves the new domain paused (the "p" of xl list's state flags)
        xl.execute("create -p burn1.cfg 'name=\"burn9\"'");
        e.run(S / 10);
        String line = xl.execute("list burn9").lines().toList().get(1);
        assertEquals("--p---", line.substring(line.length() - 16, line.length() - 10), line);
    }

    private static String maskUuids(String json) {
        return json.replaceAll("\"uuid\": \"[0-9a-f-]{36}\"", "\"uuid\": \"UUID\"");
    }

    @Test
    void creditBootHasTheCreditLayout() throws Exception {
        Engine e = realHost(SchedulerKind.CREDIT);
        XlShell xl = shell(e, new ArrayList<>());
        xl.execute("create burn1.cfg");
        assertEquals("Cpupool Pool-0: tslice=30ms ratelimit=1000us migration-delay=0us\n"
                + "Name                                ID Weight  Cap\n"
                + "Domain-0                             0    256    0\n"
                + "burn1                                1    256    0\n", xl.execute("sched-credit"));
        xl.execute("sched-credit -d burn1 -w 128 -c 50");
        assertTrue(xl.execute("sched-credit -d burn1")
                .endsWith("burn1                                1    128   50\n"));
        XlException ex = assertThrows(XlException.class, () -> xl.execute("sched-credit2"
                + " -d burn1"));
        assertTrue(ex.getMessage().contains("returned credit not credit2"), ex.getMessage());
        assertThrows(XlException.class, () -> xl.execute("sched-credit -p Pool-0 -d burn1"));
    }

    @Test
    void infoHasTheRealKeysInTheRealOrder() throws Exception {
        Engine e = realHost(SchedulerKind.CREDIT2);
        String info = new XlShell(e, null, d -> { }).execute("info");
        List<String> realKeys = real("credit2boot-boot-info/xl-info.txt").lines()
                .map(l -> l.substring(0, 23)).toList();
        List<String> keys = info.lines().map(l -> l.substring(0, 23)).toList();
        List<String> expected = new ArrayList<>(realKeys);
        // keys whose values describe the real CPU or compiler: not simulated
        expected.removeAll(List.of("hw_caps                ", "cc_compile_by          ", "cc_compile_domain      ",
                "cc_compile_date        "));
        assertEquals(expected, keys);
        assertTrue(info.contains("nr_cpus                : 4\n"));
        assertTrue(info.contains("cpu_mhz                : 2596.127\n"));
        assertTrue(info.contains("xen_version            : 4.17.7\n"));
        assertTrue(info.contains("xen_scheduler          : credit2\n"));
        assertTrue(info.contains("total_memory           : 3071\n"));
    }
}
