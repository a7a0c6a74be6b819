package org.xenwb.kconfig.core;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the output of {@code $(shell,...)} commands across loads of a tree, so that a long-lived session (the
 * workbench re-parsing a tree after each edit, a warm benchmark) does not run the same compiler probes again:
 * Linux's x86 tree makes 89 such calls, about 0.85 s of the 0.95 s a load takes.
 *
 * <p>A command's output is reused only for the same command, working directory and environment; the cache never
 * expires by itself, so a caller that keeps one must offer a way to drop it (a changed compiler gives other
 * answers). Only commands that the {@link ShellPolicy} allowed are run and remembered; the policy is still asked for
 * every call. Thread-safe.</p>
 */
public final class ShellOutputCache {

    private record Key(Path workDir, Map<String, String> environment, String command) {
    }

    private final Map<Key, byte[]> outputs = new ConcurrentHashMap<>();

    /**
     * @param workDir the directory the command runs in
     * @param environment its environment (copied into the key)
     * @param command the command line
     * @return the remembered raw output (standard output, untrimmed), or null
     */
    byte[] get(Path workDir, Map<String, String> environment, String command) {
        return outputs.get(new Key(workDir, Map.copyOf(environment), command));
    }

    void put(Path workDir, Map<String, String> environment, String command, byte[] output) {
        outputs.put(new Key(workDir, Map.copyOf(environment), command), output.clone());
    }

    /** @return how many command outputs are remembered */
    public int size() {
        return outputs.size();
    }

    /** Forgets every remembered output (for example after the user changed the toolchain). */
    public void clear() {
        outputs.clear();
    }
}
