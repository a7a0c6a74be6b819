package org.xenwb.cli.xsm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.xenwb.xsm.policy.Policy;
import org.xenwb.xsm.policy.binary.PolicyFormatException;
import org.xenwb.xsm.policy.binary.PolicyReader;

/** Loads binary policies and input files for the xsm commands, with one-line messages that name the file. */
final class PolicyFiles {

    private PolicyFiles() {
    }

    /**
     * @param file a file the user named as input
     * @param what what it should be, for the message (e.g. {@code a binary policy})
     * @throws IOException unless it is a readable regular file: {@code FILE: no such file}, {@code FILE: is a
     *     folder, not a binary policy}...
     */
    static void requireFile(Path file, String what) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a folder, not " + what);
        }
        if (!Files.exists(file)) {
            throw new IOException(file + ": no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": not a regular file, not " + what);
        }
        if (!Files.isReadable(file)) {
            throw new IOException(file + ": permission denied");
        }
    }

    static Policy read(Path file) throws IOException {
        requireFile(file, "a binary policy");
        try {
            return new PolicyReader().read(file);
        } catch (PolicyFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
