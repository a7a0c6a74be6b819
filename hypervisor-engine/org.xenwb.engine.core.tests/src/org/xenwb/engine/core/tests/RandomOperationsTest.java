package org.xenwb.engine.core.tests;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xenwb.engine.core.Engine;
import org.xenwb.engine.core.model.CpuSet;
import org.xenwb.engine.core.model.Domain;
import org.xenwb.engine.core.model.DomainConfig;
import org.xenwb.engine.core.model.SchedulerKind;

/**
 * Random sequences of life-cycle, affinity, parameter and cpupool operations on every scheduler, with the
 * engine's invariant checks on after every scheduling decision (one pCPU per vCPU, affinity and pool respected,
 * only runnable vCPUs run, scheduler-specific checks) and exact time accounting at the end.
 */
class RandomOperationsTest {

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (SchedulerKind k : List.of(SchedulerKind.CREDIT, SchedulerKind.CREDIT2, SchedulerKind.RTDS,
                SchedulerKind.NULL)) {
            for (long seed = 1; seed <= 40; seed++) {
                out.add(Arguments.of(k, seed));
            }
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void randomOperationsKeepInvariants(SchedulerKind kind, long seed) {
        Engine e = EngineFixtures.engine(6, kind, seed);
        SplittableRandom r = new SplittableRandom(seed);
        String[] workloads = {"cpu", "io:run=1ms,block=2ms", "periodic:period=5ms,exec=1ms", "io:run=100us,block=1ms"};
        boolean poolMade = false;
        for (int step = 0; step < 60; step++) {
            List<Domain> guests = new ArrayList<>(e.domains().stream().filter(d -> d.id() != 0).toList());
            int op = r.nextInt(10);
            try {
                if (op == 0 || guests.isEmpty()) {
                    int n = 1 + r.nextInt(3);
                    e.createDomain(DomainConfig.simple("g" + step, n, 64)
                            .withWorkload(workloads[r.nextInt(workloads.length)]));
                } else {
                    Domain d = guests.get(r.nextInt(guests.size()));
                    switch (op) {
                        case 1 -> e.pause(d.id());
                        case 2 -> {
                            if (d.pauseCount() > 0) {
                                e.unpause(d.id());
                            }
                        }
                        case 3 -> e.vcpuPin(d.id(), r.nextInt(d.vcpus().size()), CpuSet.of(r.nextInt(6)), null);
                        case 4 -> e.vcpuPin(d.id(), -1, e.hostTopology().allCpus(), null);
                        case 5 -> {
                            if (kind == SchedulerKind.CREDIT || kind == SchedulerKind.CREDIT2) {
                                e.setWeightCap(d.id(), 1 + r.nextInt(1024), r.nextInt(3) == 0 ? 50 : 0);
                            }
                        }
                        case 6 -> e.vcpuSet(d.id(), 1 + r.nextInt(d.vcpus().size()));
                        case 7 -> {
                            if (!poolMade) {
                                e.cpupoolCpuRemove("Pool-0", 4);
                                e.cpupoolCpuRemove("Pool-0", 5);
                                e.cpupoolCreate("p2", kind == SchedulerKind.NULL ? SchedulerKind.CREDIT
                                        : kind, CpuSet.of(4, 5));
                                poolMade = true;
                            }
                            e.cpupoolMigrate(d.id(), r.nextBoolean() ? "p2" : "Pool-0");
                        }
                        case 8 -> e.destroy(d.id());
                        default -> e.shutdown(d.id(), "reboot");
                    }
                }
            } catch (IllegalArgumentException expected) {
                // refused operations (e.g. unpausing a running domain) are fine; invariants are what we test
            }
            e.run(5_000_000L + r.nextLong(20_000_000L));
        }
        EngineFixtures.assertRunstatesAddUp(e);
    }
}
