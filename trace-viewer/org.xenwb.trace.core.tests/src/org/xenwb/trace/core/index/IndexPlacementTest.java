package org.xenwb.trace.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the default index goes: next to the trace in a folder the user may write, else in the user's cache, also
 * for root, whom the access check never refuses (a {@code dr-xr-xr-x} data folder stays unwritten).
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
}
