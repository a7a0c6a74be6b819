package org.xenwb.trace.core.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xenwb.trace.core.SharedData;
import org.xenwb.trace.core.Xenalyze;
import org.xenwb.trace.core.xenalyze.DumpAllConformanceTest;
import org.xenwb.trace.core.xenalyze.XenalyzeOptions;
import org.xenwb.trace.core.xenalyze.OurXenalyze;

/** Summaries and --dump-all outputs of simulated traces (see {@link SchedulingSimulator}) against xenalyze. */
class GeneratedConformanceTest {

    static String ours(Path file, boolean reportPcpu) throws Exception {
        return OurXenalyze.summary(file, new XenalyzeOptions(XenalyzeOptions.DEFAULT_CPU_HZ, false, reportPcpu));
    }

    @ParameterizedTest(name = "seed {0}, {1} pCPUs, {2} domains x {3} vCPUs, loss {4}, sloppy lost TSC {5}")
    @CsvSource({
        "1, 2, 2, 1, 0, false",
        "2, 4, 3, 2, 0, false",
        "3, 8, 4, 4, 0, false",
        "4, 1, 1, 3, 0, false",
        "5, 4, 3, 2, 0.05, true",
        "6, 2, 2, 2, 0.2, false",
        "7, 4, 3, 2, 0.05, false",
        "8, 16, 6, 4, 0.02, false",
        "9, 3, 5, 1, 0.1, false",
        "10, 6, 2, 8, 0, false",
    })
    void simulatedTraceSummaryMatchesXenalyze(long seed, int pcpus, int domains, int vcpus, double loss,
            boolean sloppy) throws Exception {
        Xenalyze.assumeInstalled();
        Path file = SharedData.targetDir().resolve("sim-" + seed + ".bin");
        SchedulingSimulator simulator = new SchedulingSimulator(seed, pcpus, domains, vcpus, loss);
        if (sloppy) {
            simulator.sloppyLostTsc();
        }
        simulator.write(file, 20_000, 40);
        assertEquals(Xenalyze.run(List.of("--summary", "--report-pcpu", file.toString())), ours(file, true),
                file.toString());
        Path dump = DumpAllConformanceTest.ourDump(file, XenalyzeOptions.defaults(), "sim-" + seed);
        DumpAllConformanceTest.assertSameAsXenalyze(List.of("--dump-all", file.toString()), dump, file.toString());
    }
}
