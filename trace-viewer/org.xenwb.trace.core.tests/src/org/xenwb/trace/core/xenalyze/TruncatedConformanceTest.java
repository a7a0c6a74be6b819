package org.xenwb.trace.core.xenalyze;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xenwb.trace.core.SharedData;
import org.xenwb.trace.core.Xenalyze;
import org.xenwb.trace.core.read.TraceReader;

/**
 * Real captures cut at arbitrary byte offsets (inside records, windows and CPU-change headers): with
 * {@link TraceReader#openLikeXenalyze} the summary and the --dump-all output match xenalyze's, including its early-EOF
 * handling of the last epoch and the places where it stops.
 */
class TruncatedConformanceTest {

    private static Path cut(String name, int length) throws Exception {
        byte[] bytes = Files.readAllBytes(SharedData.trace(name));
        Path file = SharedData.targetDir().resolve(name + "-cut" + length + ".bin");
        Files.write(file, Arrays.copyOf(bytes, Math.min(length, bytes.length)));
        return file;
    }

    @ParameterizedTest(name = "{0} cut at {1}")
    @CsvSource({
        "creditboot-credit-sched, 100000, true",
        "creditboot-credit-sched, 200003, true",
        "creditboot-credit-sched, 777777, true",
        "creditboot-credit-sched, 424000, false",
        "tbufboot-boottime-all, 200003, true",
        "tbufboot-boottime-all, 777777, true",
        "credit2boot-credit2-all, 424000, true",
        "credit2boot-pvh-run-all, 1000001, true",
        "creditboot-credit-all, 200003, true",
    })
    void truncatedCaptureMatchesXenalyze(String name, int length, boolean compareDump) throws Exception {
        Xenalyze.assumeInstalled();
        Path file = cut(name, length);
        XenalyzeOptions options = SummaryConformanceTest.optionsOf(name, true);
        List<String> args = new ArrayList<>(Xenalyze.options(SharedData.trace(name).getParent()));
        List<String> summaryArgs = new ArrayList<>(args);
        summaryArgs.addAll(List.of("--summary", "--report-pcpu", file.toString()));
        assertEquals(Xenalyze.run(summaryArgs), OurXenalyze.summary(file, options), name + " cut at " + length);
        if (compareDump) {
            // (where xenalyze fails an assertion it loses the unflushed end of its --dump-all output)
            List<String> dumpArgs = new ArrayList<>(args);
            dumpArgs.addAll(List.of("--dump-all", file.toString()));
            Path ours = DumpAllConformanceTest.ourDump(file, SummaryConformanceTest.optionsOf(name, false),
                    name + "-cut" + length);
            DumpAllConformanceTest.assertSameAsXenalyze(dumpArgs, ours, name + " cut at " + length);
        }
    }
}
