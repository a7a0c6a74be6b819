package org.xenwb.trace.core.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xenwb.trace.core.SharedData;
import org.xenwb.trace.core.Xenalyze;

/**
 * The merged record order of {@link TraceReader} against xenalyze's own processing order, record by record, on every
 * real trace: xenalyze {@code --dump-raw-process} prints each record (event, extra count, TSC, words) as it
 * processes it.
 */
class ReaderConformanceTest {

    static List<String> traces() {
        return SharedData.traceNames();
    }

    @ParameterizedTest
    @MethodSource("traces")
    void mergedOrderMatchesXenalyze(String name) throws IOException {
        Xenalyze.assumeInstalled();
        Path file = SharedData.trace(name);
        List<String> args = new ArrayList<>(Xenalyze.options(file.getParent()));
        args.add("--dump-raw-process");
        args.add(file.toString());
        long compared = 0;
        try (BufferedReader xenalyze = Xenalyze.start(args); TraceReader reader = TraceReader.open(file)) {
            while (reader.next()) {
                if (reader.kind() != TraceReader.Kind.RECORD) {
                    continue;
                }
                String expected = nextRawLine(xenalyze);
                String actual = rawLine(reader);
                if (expected == null || !expected.startsWith(actual)) {
                    assertEquals(expected, actual, name + ": record " + compared + " at offset " + reader.offset());
                }
                compared++;
            }
            assertNull(nextRawLine(xenalyze), name + ": xenalyze processed more records than " + compared);
        }
        assertTrue(compared > 1000, name + ": only " + compared + " records");
    }

    private static String nextRawLine(BufferedReader in) throws IOException {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith("* ")) {
                return line.substring(0, line.indexOf(" ] |") + 4);
            }
        }
        return null;
    }

    /** The part of xenalyze's dump_raw line that describes the record (before the raw bytes). */
    static String rawLine(TraceReader r) {
        StringBuilder sb = new StringBuilder("*  ");
        int event = r.isLostRecordsEnd() ? 0x1f032 : r.event();
        sb.append(String.format("%7x %d ", event, r.extraCount()));
        sb.append(r.hasTsc() ? String.format("%14d", r.tsc()) : String.format("%14s", "-"));
        sb.append(" [");
        for (int i = 0; i < 7; i++) {
            sb.append(i < r.extraCount() ? String.format(" %8x", r.extra(i)) : "         ");
        }
        return sb.append(" ] |").toString();
    }
}
