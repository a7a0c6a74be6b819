package org.xenwb.engine.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the engine's input files (xl.cfg, host, build, scenario and replay files) so that every failure names the
 * file: the JDK reports a directory as a bare "Is a directory", without the path.
 */
public final class InputFiles {

    private InputFiles() {
    }

    /**
     * @param path a text file
     * @return its content, UTF-8
     * @throws IOException naming the file when it is missing, a directory or unreadable
     */
    public static String text(Path path) throws IOException {
        refuseDirectory(path);
        return Files.readString(path, StandardCharsets.UTF_8);
    }

    /**
     * @param path a file
     * @return its bytes
     * @throws IOException naming the file when it is missing, a directory or unreadable
     */
    public static byte[] bytes(Path path) throws IOException {
        refuseDirectory(path);
        return Files.readAllBytes(path);
    }

    private static void refuseDirectory(Path path) throws FileSystemException {
        if (Files.isDirectory(path)) {
            throw new FileSystemException(path.toString(), null, "is a directory");
        }
    }

    /**
     * The reason of a failed read, in the words of the C library's {@code strerror} (as xl prints it).
     *
     * @param e the failure
     * @return e.g. {@code No such file or directory}
     */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().equals("is a directory") ? "Is a directory" : f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
