package org.xenwb.engine.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.xenwb.engine.core.Engine;
import org.xenwb.engine.core.model.CpuSet;
import org.xenwb.engine.core.model.Domain;
import org.xenwb.engine.core.model.DomainConfig;
import org.xenwb.engine.core.model.HostTopology;
import org.xenwb.engine.core.model.SchedulerKind;

/**
 * The null scheduler's trace records (null.c's PICKED_CPU, UNIT_ASSIGN, UNIT_DEASSIGN, MIGRATE, SCHEDULE), read
 * back by Debian's xenalyze, which decodes each with null.c's payload layout.
 */
class NullTraceRecordsTest {

    @Test
    void xenalyzeDecodesTheNullRecordsOfAPinThatMovesAVcpu() throws Exception {
        Path file = SharedData.targetDir("traces").resolve("null-records.bin");
        // xenlab-4: dom0's two vCPUs take pCPUs 0 and 1; a's vCPU takes 2, w's first 3; w's second waits
        Engine e = EngineFixtures.traced(HostTopology.preset("xenlab-4"), SchedulerKind.NULL, 3, file);
        Domain a = e.createDomain(DomainConfig.simple("a", 1, 128).withWorkload("io:run=2ms,block=3ms"));
        Domain w = e.createDomain(DomainConfig.simple("w", 2, 128));
        e.run(50_000_000L);
        // pinning a's vCPU to the busy pCPU 3 moves it off pCPU 2 into the wait queue; w's second vCPU gets 2
        e.vcpuPin(a.id(), 0, CpuSet.of(3), null);
        e.run(50_000_000L);

        Xenalyze.Result r = EngineFixtures.cleanDumpAll(e, file);
        List<String> lines = r.stdout().lines().filter(l -> l.contains(" null:")).map(l -> l.substring(
                l.indexOf(" null:") + 1)).toList();
        String av = "d" + a.id() + "v0";
        String w1 = "d" + w.id() + "v1";
        int assignA = lines.indexOf("null:vcpu_assign " + av + " to cpu 2");
        int pickW1 = lines.indexOf("null:picked_cpu " + w1 + ", cpu 3");
        int migrate = lines.indexOf("null:migrate " + av + ", cpu 2, new_cpu 3");
        int deassign = lines.indexOf("null:vcpu_deassign " + av + " from cpu 2");
        int assignW1 = lines.indexOf("null:vcpu_assign " + w1 + " to cpu 2");
        assertTrue(lines.indexOf("null:picked_cpu " + av + ", cpu 2") >= 0, String.join("\n", lines));
        assertTrue(assignA >= 0 && pickW1 > assignA && migrate > pickW1 && deassign == migrate + 1
                && assignW1 == deassign + 1, String.join("\n", lines));
        // w's second vCPU waited: it was picked pCPU 3 but not assigned until pCPU 2 was free
        assertEquals(-1, lines.subList(0, migrate).indexOf("null:vcpu_assign " + w1 + " to cpu 3"));
        // SCHEDULE: each pCPU names its assigned vCPU (or none) at every decision
        assertTrue(lines.subList(0, migrate).contains("null:schedule cpu 2, vcpu " + av));
        assertTrue(lines.subList(deassign, lines.size()).contains("null:schedule cpu 2, vcpu " + w1));
        assertTrue(lines.subList(deassign, lines.size()).stream().noneMatch(
                l -> l.equals("null:schedule cpu 2, vcpu " + av)));
    }
}
