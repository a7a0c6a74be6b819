package org.xenwb.trace.core.xenalyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xenwb.trace.core.SharedData;

/**
 * xenalyze's self-weighted percentile on the negative values of a corrupt trace, where Debian's xenalyze searches
 * forever: the port returns (the tests time out in a thread of their own, so a search that never ends fails them).
 * On the positive samples of real traces it gives xenalyze's numbers: every {@code {p5|p50|p95}} of
 * {@code SummaryConformanceTest}'s reports.
 */
class PercentilesTest {

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void negativeValuesDoNotSearchForever() {
        // a round that swaps equal values and moves no bound: xenalyze's search repeats it forever
        assertEquals(-2, Percentiles.selfWeighted(new long[] {-2, -2}, 2, 50));
        long[] sample = {-281_474_918_821_942L, 5, -281_474_918_821_942L, 7, 3};
        long p95 = Percentiles.selfWeighted(sample.clone(), sample.length, 95);
        assertTrue(Arrays.stream(sample).anyMatch(v -> v == p95), "a value of the sample: " + p95);
    }

    /**
     * The first 172,977 bytes of a real trace with four bytes of a record set to 0xff: Debian's xenalyze prints
     * "self_weighted_percentile: Value -281474918821942 less than zero!" and never ends its summary; the port's
     * summary ends (it hung as well before).
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aCorruptTraceThatHangsXenalyzeIsSummarised() throws Exception {
        byte[] real = Files.readAllBytes(SharedData.trace("creditboot-credit-all"));
        byte[] corrupt = Arrays.copyOf(real, 172_977);
        Arrays.fill(corrupt, 172_958, 172_962, (byte) 0xff);
        Path file = SharedData.targetDir().resolve("xenalyze-hangs.bin");
        Files.write(file, corrupt);
        String summary = OurXenalyze.summary(file, new XenalyzeOptions(XenalyzeOptions.DEFAULT_CPU_HZ, false, false));
        assertTrue(summary.contains("|-- Domain 0 --|"), summary);
    }
}
