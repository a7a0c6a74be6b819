package org.xenwb.engine.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.xenwb.engine.core.config.ConfigException;
import org.xenwb.engine.core.config.Diagnostic;
import org.xenwb.engine.core.config.XlCfg;
import org.xenwb.engine.core.model.CpuSet;
import org.xenwb.engine.core.model.DomainConfig;
import org.xenwb.engine.core.model.HostTopology;
import org.xenwb.engine.core.model.HypervisorBuild;
import org.xenwb.engine.core.model.SchedulerKind;
import org.xenwb.engine.core.model.ShutdownAction;
import org.xenwb.engine.core.workload.Workloads;

class ConfigTest {

    @Test
    void realGuestConfigOfTheTracesParses() throws Exception {
        List<Diagnostic> diags = new ArrayList<>();
        DomainConfig c = DomainConfig.read(SharedData.fixture("xlcfg/burn1.cfg"), diags::add);
        assertEquals("burn1", c.name());
        assertEquals("pv", c.type());
        assertEquals(128, c.memoryMiB());
        assertEquals(2, c.vcpus());
        assertEquals(ShutdownAction.PRESERVE, c.onCrash());
        assertEquals(ShutdownAction.DESTROY, c.onReboot());
        // kernel, ramdisk, extra: real keys with no effect, reported with their lines
        assertEquals(List.of(4, 5, 6), diags.stream().map(Diagnostic::line).toList());
        assertTrue(diags.stream().allMatch(d -> d.code().equals(Diagnostic.IGNORED_KEY)));
    }

    @Test
    void everyValueFormAndUnknownKeysWithLines() throws Exception {
        List<Diagnostic> diags = new ArrayList<>();
        Path f = SharedData.fixture("xlcfg/syntax.cfg");
        DomainConfig c = DomainConfig.read(f, diags::add);
        assertEquals("synAx", c.name());
        assertEquals(256, c.memoryMiB());
        assertEquals(4, c.vcpus());
        assertEquals(8, c.maxvcpus());
        assertEquals(List.of("0-1", "2", "3"), c.cpus());
        assertEquals(512, c.weight());
        assertEquals(150, c.cap());
        assertEquals(ShutdownAction.COREDUMP_RESTART, c.onCrash());
        HostTopology h = HostTopology.withCpus(4);
        assertEquals(CpuSet.of(0, 1), c.affinity(c.cpus(), 0, h));
        assertEquals(CpuSet.of(3), c.affinity(c.cpus(), 2, h));
        assertEquals(h.allCpus(), c.affinity(c.cpus(), 5, h));
        assertEquals(CpuSet.of(1, 2, 3), c.affinity(c.cpusSoft(), 0, h));
        Diagnostic unknown = diags.stream().filter(d -> d.code().equals(Diagnostic.UNKNOWN_KEY)).findFirst()
                .orElseThrow();
        assertEquals(13, unknown.line());
        assertTrue(unknown.toString().startsWith(f + ":13: warning: unknown key 'colour'"), unknown.toString());
        assertEquals("a b", XlCfg.read(f).string("extra", null));
    }

    @Test
    void syntaxErrorsNameFileAndLine() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> XlCfg.read(SharedData.fixture("xlcfg/bad-unterminated.cfg")));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().endsWith("bad-unterminated.cfg:3: unterminated string"), e.getMessage());
        ConfigException l = assertThrows(ConfigException.class,
                () -> XlCfg.read(SharedData.fixture("xlcfg/bad-list.cfg")));
        assertEquals(3, l.line());
        ConfigException m = assertThrows(ConfigException.class, () -> XlCfg.parse("x.cfg", "name = \"a\"\nvcpus 2\n"));
        assertEquals("x.cfg:2: expected '=' after 'vcpus'", m.getMessage());
        ConfigException v = assertThrows(ConfigException.class, () -> DomainConfig.from(
                XlCfg.parse("y.cfg", "name = \"a\"\n\nvcpus = \"two\"\n"), d -> { }));
        assertEquals("y.cfg:3: 'vcpus' must be an integer, got 'two'", v.getMessage());
    }

    @Test
    void debianXenConfigDecidesWhatExists() throws Exception {
        Path cfg = SharedData.require("xen-4.17/debian-xen-4.17-amd64.config");
        HypervisorBuild b = HypervisorBuild.read(cfg);
        assertEquals(EnumSet.of(SchedulerKind.CREDIT, SchedulerKind.CREDIT2), b.schedulers());
        assertEquals(SchedulerKind.CREDIT2, b.defaultScheduler());
        assertFalse(b.hasFlask());
        assertTrue(b.hasLivepatch());
        assertTrue(b.hasTraceBuffer());
        assertEquals("Xen/x86 4.17.7", b.version());
        assertTrue(b.buildId().matches("[0-9a-f]{40}"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.requireScheduler(SchedulerKind.RTDS));
        assertTrue(e.getMessage().contains("CONFIG_SCHED_RTDS is not set"), e.getMessage());
        // the build-id changes exactly when the configuration changes
        assertEquals(b.buildId(), HypervisorBuild.read(cfg).buildId());
        HypervisorBuild other = HypervisorBuild.parse("c", "CONFIG_SCHED_NULL=y\nCONFIG_SCHED_DEFAULT=\"null\"\n"
                + "CONFIG_XSM=y\nCONFIG_XSM_FLASK=y\n# CONFIG_TRACEBUFFER is not set\n");
        assertEquals(EnumSet.of(SchedulerKind.NULL), other.schedulers());
        assertTrue(other.hasFlask());
        assertFalse(other.hasTraceBuffer());
        assertFalse(other.hasLivepatch());
        ConfigException bad = assertThrows(ConfigException.class,
                () -> HypervisorBuild.parse("d", "CONFIG_SCHED_CREDIT=y\nGARBAGE\n"));
        assertEquals("d:2: expected CONFIG_NAME=value, got 'GARBAGE'", bad.getMessage());
    }

    @Test
    void hostPresetsAndFiles() {
        HostTopology h = HostTopology.preset("2s16c-smt");
        assertEquals(64, h.nrCpus());
        assertEquals(0, h.socketOf(31));
        assertEquals(1, h.socketOf(32));
        assertEquals(1, h.nodeOf(40));
        assertEquals(15, h.coreOf(31));
        HostTopology f = HostTopology.from(XlCfg.parse("h.cfg", "preset = \"xenlab-4\"\nmemory = 4096\n"));
        assertEquals(4, f.nrCpus());
        assertEquals(2_596_127_000L, f.tscHz());
        assertEquals(4096, f.memoryMiB());
        ConfigException e = assertThrows(ConfigException.class,
                () -> HostTopology.from(XlCfg.parse("h.cfg", "socket = 2\n")));
        assertTrue(e.getMessage().startsWith("h.cfg:1: unknown host key 'socket'"), e.getMessage());
        assertEquals(2_596_127_000L, f.nsToTsc(1_000_000_000L));
    }

    @Test
    void cpuSetsParseAndPrintLikeXl() {
        HostTopology h = HostTopology.preset("2s16c-smt");
        assertEquals("all", h.allCpus().format(64));
        assertEquals("0-2,5", CpuSet.parse("0-2,5", h).format(64));
        assertEquals(63, CpuSet.parse("all,^5", h).size());
        // as xl's update_cpumap_range: "^" removes from what the list has so far, and cannot go with "all"
        assertTrue(CpuSet.parse("^5", h).isEmpty());
        assertEquals("0-3", CpuSet.parse("0-5,^4-5", h).formatList());
        assertThrows(IllegalArgumentException.class, () -> CpuSet.parse("^all", h));
        assertEquals(32, CpuSet.parse("nodes:1", h).size());
        assertEquals("0,1,2,3", CpuSet.range(0, 4).formatCommas());
        assertThrows(IllegalArgumentException.class, () -> CpuSet.parse("64", h));
    }

    /** Bad CPU lists are refused with a message naming the part, before any set is built (no huge ranges). */
    @Test
    void badCpuListsAreRefusedByName() {
        HostTopology h = HostTopology.withCpus(8);
        assertEquals("bad CPU range '-1' in '-1'", message(() -> CpuSet.parse("-1", h)));
        assertEquals("bad CPU range '3-1' in '3-1'", message(() -> CpuSet.parse("3-1", h)));
        assertEquals("bad CPU '1-' in '0,1-'", message(() -> CpuSet.parse("0,1-", h)));
        assertEquals("CPU 2000000000 in '0-2000000000' does not exist (the host has 8)",
                message(() -> CpuSet.parse("0-2000000000", h)));
        assertEquals("node 3 in 'nodes:3' does not exist (the host has 1)", message(() -> CpuSet.parse("nodes:3", h)));
        assertEquals(CpuSet.range(0, 8), CpuSet.parse("nodes:0", h));
    }

    /** Workload specs: every parameter is known to its kind and within range, or the spec is refused by name. */
    @Test
    void workloadSpecsAreCheckedWhole() {
        Workloads.validate("periodic:period=10ms,exec=2ms,jitter=1ms");
        Workloads.validate("io:run=1ms,block=5ms");
        assertEquals("unknown parameter 'extra' in workload 'io:run=1ms,block=1ms,extra=1' (known: run, block)",
                message(() -> Workloads.validate("io:run=1ms,block=1ms,extra=1")));
        assertEquals("unknown parameter 'run' in workload 'cpu:run=1ms' (it takes none)",
                message(() -> Workloads.validate("cpu:run=1ms")));
        assertTrue(message(() -> Workloads.validate("burst:run=1ms")).startsWith("unknown workload 'burst:run=1ms'"));
        assertEquals("bad duration '-1ms': durations cannot be negative in workload "
                + "'periodic:period=10ms,exec=3ms,jitter=-1ms'",
                message(() -> Workloads.validate("periodic:period=10ms,exec=3ms,jitter=-1ms")));
        assertEquals("bad duration '-1s': durations cannot be negative", message(() -> Workloads.parseDuration("-1s")));
        assertEquals(1_500_000_000L, Workloads.parseDuration("1.5s"));
    }

    private static String message(org.junit.jupiter.api.function.Executable bad) {
        return assertThrows(IllegalArgumentException.class, bad).getMessage();
    }
}
