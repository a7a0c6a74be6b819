package org.xenwb.trace.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xenwb.trace.core.SharedData;

/**
 * Where the default index goes: next to the trace in a folder the user may write, else in the user's cache, also
 * for root, whom the access check never refuses (a {@code dr-xr-xr-x} data folder stays unwritten); a write that
 * fails names the index, not its temporary file.
 */
class IndexPlacementTest {

    @TempDir
    Path tmp;

    @Test
    void aReadOnlyFolderSendsTheIndexToTheCacheEvenForRoot() throws IOException {
        Assumptions.assumeTrue(tmp.getFileSystem().supportedFileAttributeViews().contains("posix"), "no POSIX bits");
        Path dir = Files.createDirectory(tmp.resolve("data"));
        Path trace = dir.resolve("trace.bin");
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "xenwb", "trace-index");
        assertEquals(dir.resolve("trace.bin" + TraceIndex.SUFFIX), TraceIndex.defaultIndexPath(trace));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Path index = TraceIndex.defaultIndexPath(trace);
            assertEquals(cache, index.getParent(), index + " (user " + System.getProperty("user.name") + ")");
            assertFalse(TraceIndex.isWritableFolder(dir));
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** An index that cannot be put in place is reported under its own path, not the temporary file's. */
    @Test
    void aFailedWriteNamesTheIndexPath() throws IOException {
        Path trace = SharedData.trace("creditboot-credit-sched");
        Path index = Files.createDirectory(tmp.resolve("index-is-a-folder"));
        for (int full = 0; full < 2; full++) { // an empty folder, then one with a file
            IOException e = assertThrows(IOException.class, () -> TraceIndex.build(trace, index, IndexProgress.NONE));
            assertTrue(e.getMessage().startsWith(index + ": cannot write the index: "), e.getMessage());
            assertFalse(e.getMessage().contains(".tmp"), e.getMessage());
            try (var files = Files.list(tmp)) {
                assertEquals(1, files.count(), "no temporary file left");
            }
            assertTrue(Files.isDirectory(index), "the folder is kept");
            Files.writeString(index.resolve("f"), "x");
        }
    }
}
