package org.xenwb.xsm.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xenwb.xsm.policy.binary.PolicyWriter;

/** {@link PolicyWriter#writeAtomically}: replaces the file, leaves no temporary file, and keeps normal permissions. */
class AtomicWriteTest {

    @TempDir
    Path folder;

    @Test
    void replacesTheFileAndLeavesNothingElse() throws IOException {
        Path file = folder.resolve("xenpolicy");
        PolicyWriter.writeAtomically(file, new byte[] {1, 2, 3});
        PolicyWriter.writeAtomically(file, new byte[] {4, 5});
        assertArrayEquals(new byte[] {4, 5}, Files.readAllBytes(file));
        try (var entries = Files.list(folder)) {
            assertEquals(List.of(file), entries.toList());
        }
    }

    @Test
    void givesTheFileThePermissionsOfAnyNewFile() throws IOException {
        Path file = folder.resolve("policy.conf");
        PolicyWriter.writeAtomically(file, new byte[] {1});
        Path plain = Files.writeString(folder.resolve("plain"), "x");
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(file));
    }

    @Test
    void refusesAFolderOrAMissingFolderNamingTheTargetOnly() throws IOException {
        Path sub = Files.createDirectories(folder.resolve("sub"));
        IOException e = assertThrows(IOException.class, () -> PolicyWriter.writeAtomically(sub, new byte[] {1}));
        assertEquals(sub + ": is a folder, not a file to write", e.getMessage());
        Path missing = folder.resolve("missing").resolve("xenpolicy");
        e = assertThrows(IOException.class, () -> PolicyWriter.writeAtomically(missing, new byte[] {1}));
        assertEquals(missing + ": cannot write: folder " + missing.getParent() + " does not exist", e.getMessage());
        try (var entries = Files.list(folder)) {
            assertEquals(List.of(sub), entries.toList(), "no folder created, no temporary file left");
        }
    }
}
