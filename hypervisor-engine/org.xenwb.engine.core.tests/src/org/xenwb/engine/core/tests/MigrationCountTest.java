package org.xenwb.engine.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xenwb.engine.core.Engine;
import org.xenwb.engine.core.model.Domain;
import org.xenwb.engine.core.model.DomainConfig;
import org.xenwb.engine.core.model.HostTopology;
import org.xenwb.engine.core.model.SchedulerKind;
import org.xenwb.engine.core.model.Vcpu;
import org.xenwb.trace.core.read.TraceReader;
import org.xenwb.trace.core.state.StateModel;
import org.xenwb.trace.core.state.StateModelBuilder;
import org.xenwb.trace.core.stats.SchedStats;

/**
 * The engine's per-vCPU migration count (the {@code migr} column of {@code xenwb engine run}) is what the trace
 * viewer counts in the trace of the same run: runs that start on another pCPU than the vCPU's previous run.
 */
class MigrationCountTest {

    @ParameterizedTest
    @EnumSource(value = SchedulerKind.class, names = {"CREDIT", "CREDIT2", "RTDS"})
    void engineCountsTheMigrationsTheTraceShows(SchedulerKind kind, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("migrations.trace");
        Engine e = EngineFixtures.traced(HostTopology.withCpus(4), kind, 3, file);
        e.createDomain(DomainConfig.simple("big", 6, 256).withWorkload("io:run=1ms,block=2ms"));
        e.createDomain(DomainConfig.simple("burn", 2, 256).withWorkload("cpu"));
        e.run(500 * EngineFixtures.MS);
        e.closeTrace();

        Map<String, Long> fromTrace = new HashMap<>();
        try (TraceReader r = TraceReader.open(file)) {
            StateModel m = StateModelBuilder.build(r);
            for (SchedStats.VcpuStats v : SchedStats.compute(m, m.firstTsc(), m.lastTsc() + 1).vcpus()) {
                fromTrace.put("d" + v.id().domain() + "v" + v.id().vcpu(), (long) v.migrations());
            }
        }
        long total = 0;
        for (Domain d : e.domains()) {
            for (Vcpu v : d.vcpus()) {
                long engine = e.metrics(v).migrations();
                assertEquals(fromTrace.getOrDefault(v.toString(), 0L), engine, kind + " " + v);
                total += engine;
            }
        }
        assertTrue(total > 50, kind + ": 8 busy vCPUs on 4 pCPUs for 0.5 s migrate, got " + total);
    }
}
