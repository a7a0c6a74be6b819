package org.xenwb.xsm.policy.binary;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes output files so that readers never see a half-written file and an existing file is never lost: the bytes
 * go to a temporary file in the same folder, which then replaces the target. Used by every file the xsm commands
 * write. Stateless and thread-safe.
 *
 * <p>Missing folders are not created (as the engine's {@code --trace} does not): a mistyped folder is an error, not
 * a new folder. Errors are {@link IOException}s whose message is one line naming the target the user gave and why,
 * never the temporary file.</p>
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * Checks what {@link #write} checks first, so that a command can refuse an output before it does its work.
     *
     * @param file a file to create or replace
     * @return its folder
     * @throws IOException naming the file when it is a folder or its folder does not exist
     */
    public static Path checkWritable(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a folder, not a file to write");
        }
        Path folder = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            throw new IOException(file + ": cannot write: folder " + folder + " does not exist");
        }
        return folder;
    }

    /**
     * Writes bytes to a file, creating or replacing it. The file gets the permissions of any new file of the
     * process (its umask), not the owner-only ones of {@link Files#createTempFile}.
     *
     * @param file the file to create or replace
     * @param bytes its new content
     * @throws IOException when it cannot be written (a folder of that name, a missing folder, no permission...);
     *     the old file is then unchanged and no temporary file is left
     */
    public static void write(Path file, byte[] bytes) throws IOException {
        Path folder = checkWritable(file);
        Path temporary = folder.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + "."
                + System.nanoTime() + ".tmp");
        try {
            Files.write(temporary, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileSystemException e) {
            throw new IOException(file + ": cannot write: " + reason(e), e);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static String reason(FileSystemException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        return e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
    }
}
