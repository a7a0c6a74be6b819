package org.xenwb.trace.core.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.xenwb.trace.core.SharedData;
import org.xenwb.trace.core.Xenalyze;
import org.xenwb.trace.core.format.TraceEvents;
import org.xenwb.trace.core.format.TraceFormatException;
import org.xenwb.trace.core.format.TraceRecord;
import org.xenwb.trace.core.format.TraceWriter;

/** Generated edge cases and bad input, checked against xenalyze's processing order where xenalyze accepts them. */
class ReaderEdgeCaseTest {

    private static final int SWITCH = TraceEvents.TRC_SCHED_SWITCH;

    private static Path write(String name, TraceRecord... records) throws IOException {
        Path file = SharedData.targetDir().resolve(name);
        try (TraceWriter w = new TraceWriter(Files.newOutputStream(file))) {
            for (TraceRecord r : records) {
                w.write(r);
            }
        }
        return file;
    }

    private static List<TraceRecord> readAll(Path file, List<TraceFormatException> problems) throws IOException {
        List<TraceRecord> out = new ArrayList<>();
        try (TraceReader r = TraceReader.open(file)) {
            while (r.next()) {
                if (r.kind() == TraceReader.Kind.RECORD && !r.isLostRecordsEnd()) {
                    out.add(r.toRecord());
                }
            }
            problems.addAll(r.problems());
        }
        return out;
    }

    private static void assertSameOrderAsXenalyze(Path file) throws IOException {
        if (!Files.isExecutable(Xenalyze.TOOL)) {
            return;
        }
        try (BufferedReader x = Xenalyze.start(List.of("--dump-raw-process", file.toString()));
                TraceReader r = TraceReader.open(file)) {
            List<String> expected = new ArrayList<>();
            for (String line = x.readLine(); line != null; line = x.readLine()) {
                if (line.startsWith("* ")) {
                    expected.add(line.substring(0, line.indexOf(" ] |") + 4));
                }
            }
            List<String> actual = new ArrayList<>();
            while (r.next()) {
                if (r.kind() == TraceReader.Kind.RECORD) {
                    actual.add(ReaderConformanceTest.rawLine(r));
                }
            }
            assertEquals(String.join("\n", expected), String.join("\n", actual), file.toString());
        }
    }

    @Test
    void mergesByTscWithSevenExtraWordsAndRecordsWithoutTsc() throws IOException {
        Path file = write("merge.bin",
                TraceRecord.withTsc(SWITCH, 0, 1000, 1, 2, 3, 4, 5, 6, 7),
                TraceRecord.withoutTsc(TraceEvents.TRC_PV_HYPERCALL_V2, 0, 0x1d),
                TraceRecord.withTsc(SWITCH, 0, 3000),
                TraceRecord.withTsc(SWITCH, 1, 2000, 9),
                TraceRecord.withTsc(SWITCH, 1, 4000, 10));
        List<TraceFormatException> problems = new ArrayList<>();
        List<TraceRecord> records = readAll(file, problems);
        assertEquals(List.of(), problems);
        assertEquals(List.of(1000L, 1000L, 2000L, 3000L, 4000L),
                records.stream().map(r -> r.hasTsc() ? r.tsc() : 1000L).toList());
        assertEquals(7, records.get(0).extraCount());
        assertEquals(false, records.get(1).hasTsc());
        assertSameOrderAsXenalyze(file);
    }

    @Test
    void cpuWithNoRecordsAndTscWrap() throws IOException {
        Path file = SharedData.targetDir().resolve("empty-cpu-wrap.bin");
        try (TraceWriter w = new TraceWriter(Files.newOutputStream(file))) {
            w.write(TraceRecord.withTsc(SWITCH, 0, 0xfffffffffffff000L, 1));
            w.writeEmptyWindow(1);
            w.write(TraceRecord.withTsc(SWITCH, 2, 0xfffffffffffff800L, 2));
            w.write(TraceRecord.withTsc(SWITCH, 0, 0x10L, 3)); // the TSC wrapped
        }
        List<TraceFormatException> problems = new ArrayList<>();
        List<TraceRecord> records = readAll(file, problems);
        assertEquals(List.of(), problems);
        // like xenalyze, order is by unsigned TSC: the wrapped record of pCPU 0 comes before pCPU 2's
        assertEquals(List.of(1, 3, 2), records.stream().map(r -> r.extra(0)).toList());
        assertSameOrderAsXenalyze(file);
    }

    @Test
    void lostRecordsAreDeliveredTwice() throws IOException {
        Path file = write("lost.bin",
                TraceRecord.withTsc(SWITCH, 0, 100, 1),
                TraceRecord.lostRecords(0, 500, 42, 0, 1, 200),
                TraceRecord.withTsc(SWITCH, 0, 600, 2),
                TraceRecord.withTsc(SWITCH, 1, 150, 3),
                TraceRecord.withTsc(SWITCH, 1, 300, 4));
        List<String> seen = new ArrayList<>();
        try (TraceReader r = TraceReader.open(file)) {
            while (r.next()) {
                if (r.kind() == TraceReader.Kind.RECORD) {
                    seen.add((r.isLostRecordsEnd() ? "end@" : (r.event() == TraceEvents.TRC_LOST_RECORDS ? "lost@"
                            : "x" + r.extra(0) + "@")) + r.orderTsc());
                }
            }
        }
        assertEquals(List.of("x1@100", "x3@150", "lost@200", "x4@300", "end@500", "x2@600"), seen);
        assertSameOrderAsXenalyze(file);
    }

    @Test
    void truncatedFileKeepsCompleteRecordsAndNamesTheOffset() throws IOException {
        Path whole = write("whole.bin",
                TraceRecord.withTsc(SWITCH, 0, 100, 1), TraceRecord.withTsc(SWITCH, 0, 200, 2),
                TraceRecord.withTsc(SWITCH, 0, 300, 3));
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = SharedData.targetDir().resolve("cut.bin");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 6));
        List<TraceFormatException> problems = new ArrayList<>();
        List<TraceRecord> records = readAll(cut, problems);
        assertEquals(2, records.size());
        assertEquals(1, problems.size());
        assertEquals(0, problems.get(0).offset());
        assertTrue(problems.get(0).getMessage().contains("declares 48 bytes but the file ends after 42"),
                problems.get(0).getMessage());
        assertTrue(problems.get(0).getMessage().startsWith(cut.toString() + ": byte offset 0: "));
    }

    @Test
    void badWindowHeaderStopsThere() throws IOException {
        Path file = SharedData.targetDir().resolve("badheader.bin");
        try (OutputStream out = Files.newOutputStream(file); TraceWriter w = new TraceWriter(out)) {
            w.write(TraceRecord.withTsc(SWITCH, 0, 100, 1));
            w.flush();
            out.write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        }
        List<TraceFormatException> problems = new ArrayList<>();
        List<TraceRecord> records = readAll(file, problems);
        assertEquals(1, records.size());
        assertEquals(28, problems.get(0).offset());
        assertTrue(problems.get(0).reason().startsWith("bad window header"), problems.get(0).reason());
    }

    @Test
    void randomBytesAreNotATrace() throws IOException {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        Path file = SharedData.targetDir().resolve("random.bin");
        Files.write(file, noise);
        List<TraceFormatException> problems = new ArrayList<>();
        assertEquals(List.of(), readAll(file, problems));
        assertEquals(0, problems.get(0).offset());
        assertTrue(problems.get(0).reason().startsWith("not a xentrace file"), problems.get(0).reason());
    }

    @Test
    void recordRunningPastItsWindowIsReported() throws IOException {
        Path file = SharedData.targetDir().resolve("overrun.bin");
        // a window of 8 bytes holding the first 8 bytes of a 16-byte record
        byte[] b = {0x03, (byte) 0xf0, 0x01, 0x20, 0, 0, 0, 0, 8, 0, 0, 0,
            0x0a, (byte) 0x80, 0x02, (byte) 0x90, 1, 0, 0, 0};
        Files.write(file, b);
        List<TraceFormatException> problems = new ArrayList<>();
        assertEquals(List.of(), readAll(file, problems));
        assertEquals(12, problems.get(0).offset());
        assertTrue(problems.get(0).reason().contains("runs past the end of the window"), problems.get(0).reason());
    }
}
