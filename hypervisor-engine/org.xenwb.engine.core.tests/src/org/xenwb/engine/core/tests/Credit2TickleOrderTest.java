package org.xenwb.engine.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.xenwb.engine.core.Engine;
import org.xenwb.engine.core.EngineOptions;
import org.xenwb.engine.core.model.DomainConfig;
import org.xenwb.engine.core.model.HostTopology;
import org.xenwb.engine.core.model.HypervisorBuild;
import org.xenwb.engine.core.model.SchedulerKind;
import org.xenwb.engine.core.trace.XentraceRecorder;

/**
 * credit2's {@code runq_tickle} scores the busy pCPUs as Xen 4.17 does, read back with xenalyze: the woken vCPU's
 * own pCPU first, then the others in increasing order ({@code for_each_cpu}), not cycling from its pCPU. Each
 * {@code tickle_check} follows the {@code burn_credits} that {@code tickle_score} writes for the vCPU running on the
 * scored pCPU, in that pCPU's column of the dump.
 */
class Credit2TickleOrderTest {

    private static final Pattern LINE = Pattern.compile("^\\s*\\d+\\.\\d{9} ([-|x.]+) \\S+ (.*)$");
    private static final Pattern TICKLE_NEW = Pattern.compile("csched2:runq_tickle_new d\\d+v\\d+, processor = (\\d+)");

    @Test
    void busyPcpusAreScoredOwnFirstThenInIncreasingOrder() throws Exception {
        Path file = SharedData.targetDir("traces").resolve("credit2-tickle-order.bin");
        EngineOptions o = new EngineOptions();
        o.seed = 3;
        o.debugChecks = true;
        o.trace = XentraceRecorder.create(file);
        Engine e = new Engine(HostTopology.withCpus(8), HypervisorBuild.everything(), SchedulerKind.CREDIT2, o);
        for (int d = 0; d < 6; d++) {
            e.createDomain(DomainConfig.simple("io" + d, 4, 128).withWorkload("io:run=1ms,block=1ms"));
        }
        e.createDomain(DomainConfig.simple("burn", 8, 128));
        e.run(300 * EngineFixtures.MS);
        Xenalyze.Result r = EngineFixtures.cleanDumpAll(e, file);

        int own = -1;
        int burnCpu = -1;
        List<Integer> scored = null;
        int sequences = 0;
        int wrapping = 0;
        for (String line : (Iterable<String>) r.stdout().lines()::iterator) {
            Matcher l = LINE.matcher(line);
            if (!l.find()) {
                continue;
            }
            String text = l.group(2);
            Matcher m = TICKLE_NEW.matcher(text);
            if (m.find()) {
                own = Integer.parseInt(m.group(1));
                scored = new ArrayList<>();
            } else if (text.startsWith("csched2:burn_credits") && scored != null) {
                burnCpu = l.group(1).indexOf('x');
            } else if (text.startsWith("csched2:tickle_check") && scored != null) {
                scored.add(burnCpu);
            } else if (scored != null) {
                if (!scored.isEmpty()) {
                    sequences++;
                    List<Integer> others = new ArrayList<>(scored);
                    others.remove(Integer.valueOf(own));
                    List<Integer> expected = new ArrayList<>();
                    if (scored.contains(own)) {
                        expected.add(own);
                    }
                    expected.addAll(others.stream().sorted().toList());
                    assertEquals(expected, scored, "pCPUs scored after a wake on pCPU " + own + ", at " + line);
                    int woken = own;
                    if (others.stream().anyMatch(c -> c < woken) && others.stream().anyMatch(c -> c > woken)) {
                        wrapping++;
                    }
                }
                scored = null;
            }
        }
        assertTrue(sequences > 200, sequences + " scoring sequences");
        assertTrue(wrapping > 50, wrapping + " sequences with pCPUs on both sides of the woken vCPU's");
    }
}
