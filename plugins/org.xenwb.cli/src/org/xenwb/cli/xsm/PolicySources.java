package org.xenwb.cli.xsm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Turns the SRC arguments of the policy-language commands into source files: folders give their .xsm/.conf. */
final class PolicySources {

    private PolicySources() {
    }

    /**
     * @param arguments files and folders as the user gave them
     * @return the files, a folder's .xsm and .conf files sorted by name in its place
     * @throws IOException for a missing argument or a folder without sources; one line naming it
     */
    static List<Path> expand(List<Path> arguments) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path argument : arguments) {
            if (Files.isRegularFile(argument)) {
                files.add(argument);
            } else if (Files.isDirectory(argument)) {
                try (Stream<Path> listing = Files.list(argument)) {
                    List<Path> found = listing.filter(f -> f.toString().endsWith(".xsm")
                            || f.toString().endsWith(".conf")).sorted().toList();
                    if (found.isEmpty()) {
                        throw new IOException(argument + ": no .xsm or .conf files in this folder");
                    }
                    files.addAll(found);
                }
            } else {
                throw new IOException(argument + ": no such file or folder");
            }
        }
        return files;
    }
}
