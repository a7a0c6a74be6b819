package org.xenwb.cli.xsm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.xenwb.xsm.policy.Policy;
import org.xenwb.xsm.policy.binary.PolicyFormatException;
import org.xenwb.xsm.policy.binary.PolicyReader;

/** Loads binary policies for the xsm commands, with messages that name the file. */
final class PolicyFiles {

    private PolicyFiles() {
    }

    static Policy read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file + ": no such policy file");
        }
        try {
            return new PolicyReader().read(file);
        } catch (PolicyFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
