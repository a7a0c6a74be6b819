package org.xenwb.trace.core.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xenwb.trace.core.SharedData;

/**
 * The index file's life: reused while the trace is unchanged, rebuilt when the trace changed (size, modification
 * time or first bytes), when the index is damaged anywhere (every tenth byte flipped in turn), truncated, of another
 * version or not an index; a cancelled build leaves no file behind and keeps an older index.
 */
class IndexLifecycleTest {

    private Path dir;
    private Path trace;
    private Path index;

    @BeforeEach
    void copyTrace() throws IOException {
        Path source = SharedData.trace("creditboot-credit-sched");
        dir = Files.createTempDirectory(SharedData.targetDir(), "life");
        trace = dir.resolve("trace.bin");
        Files.copy(source, trace);
        index = dir.resolve("trace.bin" + TraceIndex.SUFFIX);
    }

    @AfterEach
    void deleteCopies() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    private String open() throws IOException {
        try (TraceIndex idx = TraceIndex.open(trace, index, IndexProgress.NONE)) {
            assertFalse(idx.model().vcpuLanes().isEmpty());
            return idx.rebuildReason();
        }
    }

    @Test
    void reusedThenRebuiltWhenTheTraceChanges() throws IOException {
        assertEquals("no index yet", open());
        assertNull(open());
        Files.setLastModifiedTime(trace, FileTime.fromMillis(Files.getLastModifiedTime(trace).toMillis() + 5000));
        assertTrue(open().startsWith("stale"));
        assertNull(open());
        FileTime mtime = Files.getLastModifiedTime(trace);
        try (RandomAccessFile f = new RandomAccessFile(trace.toFile(), "rw")) {
            f.seek(100);
            int b = f.read();
            f.seek(100);
            f.write(b ^ 0x40);
        }
        Files.setLastModifiedTime(trace, mtime); // same size and time: only the head checksum tells
        assertTrue(open().startsWith("stale"));
        Files.write(trace, new byte[] {0, 0, 0, 0}, java.nio.file.StandardOpenOption.APPEND);
        assertTrue(open().startsWith("stale"));
    }

    @Test
    void damagedIndexIsRebuiltNeverTrusted() throws IOException {
        open();
        byte[] good = Files.readAllBytes(index);
        for (int at = 0; at < good.length; at += Math.max(1, good.length / 300)) {
            byte[] bad = good.clone();
            bad[at] ^= 0x10;
            Files.write(index, bad);
            String reason = open();
            assertTrue(reason != null, "flipped byte " + at + " went unnoticed");
            assertArrayEquals(good, Files.readAllBytes(index), "rebuilt index after byte " + at);
        }
        Files.write(index, java.util.Arrays.copyOf(good, good.length / 2));
        assertTrue(open().startsWith("body of"));
        Files.write(index, java.util.Arrays.copyOf(good, 10));
        assertTrue(open().contains("shorter than the header"));
        byte[] version = good.clone();
        version[8] = 99;
        Files.write(index, version);
        assertTrue(open().contains("version 99"));
        Files.writeString(index, "not an index at all, but long enough to hold a header of sixty-four bytes....");
        assertTrue(open().contains("bad magic"));
        assertNull(open());
    }

    @Test
    void cancelLeavesNoFileAndKeepsTheOldIndex() throws IOException {
        IndexProgress cancelAtOnce = new IndexProgress() {
            @Override
            public void worked(long done, long total) {
                // nothing
            }

            @Override
            public boolean isCancelled() {
                return true;
            }
        };
        assertThrows(CancellationException.class, () -> TraceIndex.build(trace, index, cancelAtOnce));
        assertEquals(List.of("trace.bin"), names());
        open();
        byte[] kept = Files.readAllBytes(index);
        assertThrows(CancellationException.class, () -> TraceIndex.build(trace, index, cancelAtOnce));
        assertEquals(List.of("trace.bin", "trace.bin" + TraceIndex.SUFFIX), names());
        assertArrayEquals(kept, Files.readAllBytes(index));
    }

    @Test
    void progressReachesTheTotal() throws IOException {
        long[] last = {-1, -1};
        int[] calls = {0};
        IndexProgress p = new IndexProgress() {
            @Override
            public void worked(long done, long total) {
                assertTrue(done >= last[0], "progress goes forward");
                last[0] = done;
                last[1] = total;
                calls[0]++;
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
        TraceIndex.build(trace, index, p).close();
        assertEquals(Files.size(trace), last[1]);
        assertEquals(last[1], last[0]);
        assertTrue(calls[0] >= 2);
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(x -> x.getFileName().toString()).sorted().toList();
        }
    }
}
