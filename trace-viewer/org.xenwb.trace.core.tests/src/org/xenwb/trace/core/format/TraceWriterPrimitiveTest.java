package org.xenwb.trace.core.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.xenwb.trace.core.SharedData;

/** The primitive write path of {@link TraceWriter} against its object path and against real xentrace files. */
class TraceWriterPrimitiveTest {

    /** Every real capture, rewritten window by window from primitives only, must come out byte for byte. */
    @Test
    void primitivePathReproducesEveryRealCapture() throws IOException {
        int[] words = new int[TraceFormat.MAX_EXTRA_WORDS];
        for (String name : SharedData.traceNames()) {
            byte[] original = Files.readAllBytes(SharedData.trace(name));
            ByteBuffer in = ByteBuffer.wrap(original).order(ByteOrder.LITTLE_ENDIAN);
            ByteArrayOutputStream copy = new ByteArrayOutputStream(original.length);
            long records = 0;
            try (TraceWriter w = new TraceWriter(copy, largestWindow(in))) {
                int p = 0;
                while (p + TraceFormat.CPU_CHANGE_BYTES <= original.length) {
                    long[] change = TraceRecordDecoder.decodeCpuChange(in, p, original.length, 0);
                    p += TraceFormat.CPU_CHANGE_BYTES;
                    int end = p + (int) change[1];
                    if (end > original.length) {
                        break; // a capture cut short: compare only the complete windows
                    }
                    while (p < end) {
                        int h = in.getInt(p);
                        int n = TraceFormat.extraWordsOf(h);
                        int at = p + TraceFormat.HEADER_BYTES;
                        long tsc = 0;
                        if (TraceFormat.hasTsc(h)) {
                            tsc = in.getLong(at);
                            at += TraceFormat.TSC_BYTES;
                        }
                        for (int i = 0; i < n; i++) {
                            words[i] = in.getInt(at + 4 * i);
                        }
                        if (TraceFormat.hasTsc(h)) {
                            w.write((int) change[0], TraceFormat.eventOf(h), tsc, words, n);
                        } else {
                            w.writeWithoutTsc((int) change[0], TraceFormat.eventOf(h), words, n);
                        }
                        p += TraceFormat.recordBytes(h);
                        records++;
                    }
                    w.endWindow();
                }
            } catch (TraceFormatException e) {
                throw new AssertionError(name + ": " + e.getMessage(), e);
            }
            byte[] out = copy.toByteArray();
            assertEquals(true, records > 0, name);
            assertArrayEquals(Arrays.copyOf(original, out.length), out, name);
        }
    }

    /** The largest window size of a file, so that the writer never splits a window xentrace wrote whole. */
    private static int largestWindow(ByteBuffer in) throws TraceFormatException {
        int largest = TraceFormat.MAX_RECORD_BYTES;
        int p = 0;
        while (p + TraceFormat.CPU_CHANGE_BYTES <= in.limit()) {
            long[] change = TraceRecordDecoder.decodeCpuChange(in, p, in.limit(), 0);
            largest = (int) Math.max(largest, change[1]);
            p += TraceFormat.CPU_CHANGE_BYTES + (int) change[1];
        }
        return largest;
    }

    /** Random records (all sizes, both TSC kinds, window splits, large TSCs) through both paths. */
    @Test
    void primitivePathEqualsObjectPathOnRandomRecords() throws IOException {
        Random random = new Random(20261124);
        ByteArrayOutputStream viaObjects = new ByteArrayOutputStream();
        ByteArrayOutputStream viaPrimitives = new ByteArrayOutputStream();
        int[] reused = new int[TraceFormat.MAX_EXTRA_WORDS + 3];
        try (TraceWriter a = new TraceWriter(viaObjects, 256); TraceWriter b = new TraceWriter(viaPrimitives, 256)) {
            for (int r = 0; r < 20_000; r++) {
                int cpu = random.nextInt(4);
                int event = random.nextInt(1 << 28);
                int n = random.nextInt(TraceFormat.MAX_EXTRA_WORDS + 1);
                int[] words = new int[n];
                for (int i = 0; i < n; i++) {
                    words[i] = random.nextInt();
                    reused[i] = words[i];
                }
                reused[n] = random.nextInt(); // garbage past count must be ignored
                long tsc = random.nextLong();
                if (random.nextInt(5) == 0) {
                    a.write(TraceRecord.withoutTsc(event, cpu, words));
                    b.writeWithoutTsc(cpu, event, reused, n);
                } else {
                    a.write(TraceRecord.withTsc(event, cpu, tsc, words));
                    b.write(cpu, event, tsc, reused, n);
                }
                if (random.nextInt(50) == 0) {
                    a.endWindow();
                    b.endWindow();
                }
            }
        }
        assertArrayEquals(viaObjects.toByteArray(), viaPrimitives.toByteArray());
    }

    @Test
    void primitivePathRejectsBadArgumentsAndWritesNothing() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TraceWriter w = new TraceWriter(bytes)) {
            int[] words = new int[8];
            assertThrows(IllegalArgumentException.class, () -> w.write(0, 1, 0, words, 8));
            assertThrows(IllegalArgumentException.class, () -> w.write(0, 1, 0, new int[2], 3));
            assertThrows(IllegalArgumentException.class, () -> w.write(-1, 1, 0, words, 1));
            assertThrows(IllegalArgumentException.class, () -> w.write(0, 0x10000000, 0, words, 1));
            assertThrows(IllegalArgumentException.class, () -> w.writeWithoutTsc(0, 1, words, -1));
        }
        assertEquals(0, bytes.size());
        TraceWriter closed = new TraceWriter(new ByteArrayOutputStream());
        closed.close();
        assertThrows(IOException.class, () -> closed.write(0, 1, 0, new int[0], 0));
    }
}
