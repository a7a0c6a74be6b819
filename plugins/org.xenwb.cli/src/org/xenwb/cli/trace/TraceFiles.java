package org.xenwb.cli.trace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks of the files the trace commands are given, with one clear message each. Stateless. */
final class TraceFiles {

    private TraceFiles() {
    }

    /**
     * Checks that a trace (or other input file) is a regular file.
     *
     * @param file the file given
     * @throws IOException naming the file and saying it is missing, a directory or not a regular file
     */
    static void requireFile(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            return;
        }
        String why = Files.isDirectory(file) ? "is a directory, not a trace file"
                : Files.exists(file) ? "not a regular file" : "no such file";
        throw new IOException(file + ": " + why);
    }

    /**
     * Checks an {@code --index} path before anything is written: it must not be a directory, and its folder must
     * exist (it is not created, as the engine's {@code --trace} does not create one).
     *
     * @param index the path given
     * @throws IOException naming the path and what is wrong
     */
    static void requireIndexPath(Path index) throws IOException {
        if (Files.isDirectory(index)) {
            throw new IOException(index + ": is a directory (--index names the index file itself)");
        }
        Path dir = index.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new IOException(index + ": no such folder " + dir + " (--index does not create folders)");
        }
    }
}
