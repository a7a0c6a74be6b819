package org.xenwb.kconfig.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link ShellOutputCache} runs each allowed command once per command, directory and environment across loads,
 * gives the same values as running it, and never bypasses the policy.
 */
class ShellOutputCacheTest {

    /** Each run appends a line to {@code runs} and prints two lines (conf joins them with a space). */
    private static final String TREE = "probe := $(shell,echo run >> runs; printf 'a\\nb\\n')\n"
            + "config A\n\tstring\n\tdefault \"$(probe)-$(X)\"\n";

    private static Kconfig load(Path tree, String x, ShellPolicy policy, ShellOutputCache cache) {
        return Kconfig.load("Kconfig", new Kconfig.Options(tree, Map.of("X", x, "PATH", System.getenv("PATH")),
                policy, s -> { }, s -> { }, cache));
    }

    private static long runs(Path tree) throws Exception {
        return Files.exists(tree.resolve("runs")) ? Files.readAllLines(tree.resolve("runs")).size() : 0;
    }

    @Test
    void remembersOutputsPerCommandAndEnvironment(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("Kconfig"), TREE);
        ShellOutputCache cache = new ShellOutputCache();
        Kconfig fresh = load(tmp, "1", ShellPolicy.ALLOW_ALL, null);
        assertEquals(1, runs(tmp));
        Kconfig first = load(tmp, "1", ShellPolicy.ALLOW_ALL, cache);
        Kconfig second = load(tmp, "1", ShellPolicy.ALLOW_ALL, cache);
        assertEquals(2, runs(tmp), "the second cached load must not run the command again");
        assertEquals("a b-1", fresh.value(fresh.symbol("A")));
        assertEquals(fresh.value(fresh.symbol("A")), first.value(first.symbol("A")));
        assertEquals(fresh.value(fresh.symbol("A")), second.value(second.symbol("A")));
        assertTrue(second.shellCalls().get(0).executed());
        assertEquals(1, cache.size());

        load(tmp, "2", ShellPolicy.ALLOW_ALL, cache);
        assertEquals(3, runs(tmp), "another environment is another key");
        cache.clear();
        load(tmp, "1", ShellPolicy.ALLOW_ALL, cache);
        assertEquals(4, runs(tmp), "a cleared cache runs the command again");
    }

    @Test
    void theCacheDoesNotBypassThePolicy(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("Kconfig"), TREE);
        ShellOutputCache cache = new ShellOutputCache();
        load(tmp, "1", ShellPolicy.ALLOW_ALL, cache);
        Kconfig denied = load(tmp, "1", ShellPolicy.DENY_ALL, cache);
        assertEquals("n-1", denied.value(denied.symbol("A")));
        assertEquals(false, denied.shellCalls().get(0).executed());
    }
}
