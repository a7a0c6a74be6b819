package org.xenwb.trace.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xenwb.trace.core.SharedData;
import org.xenwb.trace.core.format.TraceFormatException;
import org.xenwb.trace.core.read.TraceBytes;
import org.xenwb.trace.core.state.StateModel;

/**
 * The index of a real capture damaged in the middle (bytes zeroed, random bytes written over records): the misaligned
 * records after the damage read garbage TSCs, which once became the trace's end and left no time range to query.
 * The index now stops reading that pCPU at the first damaged record, keeps the time range of what can be read,
 * and lists the damage with its byte offset, also when the index is reused.
 */
class DamagedTraceIndexTest {

    private static final String CAPTURE = "credit2boot-credit2-all";

    private Path dir;

    @AfterEach
    void deleteCopies() throws IOException {
        if (dir != null) {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    /** A copy of the capture with {@code bytes} written at {@code offset}. */
    private Path damagedCopy(long offset, byte[] bytes) throws IOException {
        Path source = SharedData.trace(CAPTURE);
        dir = Files.createTempDirectory(SharedData.targetDir(), "damaged");
        Path copy = dir.resolve("trace.bin");
        Files.copy(source, copy);
        try (RandomAccessFile f = new RandomAccessFile(copy.toFile(), "rw")) {
            f.seek(offset);
            f.write(bytes);
        }
        return copy;
    }

    private static StateModel intactModel() throws IOException {
        try (TraceBytes b = TraceBytes.open(SharedData.trace(CAPTURE))) {
            return IndexBuilder.build(b, IndexProgress.NONE).model();
        }
    }

    @Test
    void zeroedBytesLeaveTheRestOfTheTraceQueryable() throws IOException {
        Path trace = damagedCopy(100_000, new byte[64]);
        StateModel intact = intactModel();
        Path index = dir.resolve("trace.bin" + TraceIndex.SUFFIX);
        try (TraceIndex idx = TraceIndex.open(trace, index, IndexProgress.NONE)) {
            // the other pCPUs are intact: the trace keeps its whole time range
            assertEquals(intact.firstTsc(), idx.model().firstTsc());
            assertEquals(intact.lastTsc(), idx.model().lastTsc());
            assertDamageReported(idx.problems(), trace, 100_000);
        }
        try (TraceIndex idx = TraceIndex.open(trace, index, IndexProgress.NONE)) {
            assertNull(idx.rebuildReason(), "reused");
            assertDamageReported(idx.problems(), trace, 100_000);
        }
    }

    @Test
    void randomBytesEndTheTraceWhereItCanNoLongerBeRead() throws IOException {
        byte[] noise = new byte[2048];
        new Random(1).nextBytes(noise);
        Path trace = damagedCopy(400_000, noise);
        StateModel intact = intactModel();
        try (TraceIndex idx = TraceIndex.build(trace, dir.resolve("i"), IndexProgress.NONE)) {
            StateModel m = idx.model();
            assertEquals(intact.firstTsc(), m.firstTsc());
            // the chain of windows breaks inside the noise: the time range ends before the intact trace's end
            assertTrue(Long.compareUnsigned(m.lastTsc(), m.firstTsc()) > 0, "a time range to query");
            assertTrue(Long.compareUnsigned(m.lastTsc(), intact.lastTsc()) < 0, "ends early");
            assertDamageReported(idx.problems(), trace, 400_000);
        }
    }

    @Test
    void fastAndSlowPathsLeaveOutTheSameRecords() throws IOException {
        Path trace = damagedCopy(100_000, new byte[64]);
        try (TraceBytes b = TraceBytes.open(trace)) {
            StateModel fast = IndexBuilder.build(b, IndexProgress.NONE, false).model();
            IndexBuilder.Result slow = IndexBuilder.build(b, IndexProgress.NONE, true);
            assertTrue(slow.slowPathReason() != null, "this damage takes the slow path");
            assertEquals(fast.firstTsc(), slow.model().firstTsc());
            assertEquals(fast.lastTsc(), slow.model().lastTsc());
            IndexQueryTest.assertLanesEqual(slow.model().allLanes(), fast.allLanes());
        }
    }

    @Test
    void realCapturesHaveNoDamage() throws IOException {
        for (String name : SharedData.traceNames()) {
            try (TraceBytes b = TraceBytes.open(SharedData.trace(name))) {
                assertEquals(List.of(), IndexBuilder.build(b, IndexProgress.NONE, false).problems(), name);
            }
        }
    }

    /** The damage is listed with the trace's name and the byte offset of a bad record near the damaged bytes. */
    private static void assertDamageReported(List<TraceFormatException> problems, Path trace, long damagedAt) {
        TraceFormatException damage = problems.stream().filter(p -> p.reason().startsWith("damaged records of pCPU "))
                .findFirst().orElseThrow(() -> new AssertionError("no damage in " + problems));
        assertEquals(trace.toString(), damage.source());
        assertTrue(damage.offset() > damagedAt - 40 && damage.offset() < damagedAt + 4096, damage.getMessage());
    }
}
