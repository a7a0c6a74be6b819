package org.xenwb.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code xenwb kconfig prune} on a tree with loadable modules, small enough to check by hand: keeping FOO (which
 * selects the promptless BAR) the minimum is MODULES and FOO, BAZ and QUX turned off; keeping FOO with BAR off is
 * impossible and reported as such with exit code 1.
 */
class KconfigPruneCommandTest {

    private static final String KCONFIG = """
            config MODULES
            \tbool "Enable loadable module support"
            \tmodules
            \tdefault y

            config FOO
            \ttristate "foo"
            \tselect BAR

            config BAR
            \ttristate

            config BAZ
            \ttristate "baz"
            \tdefault y

            config QUX
            \tbool "qux"
            \tdefault y
            """;

    private static Path tree(Path dir) throws Exception {
        Files.writeString(dir.resolve("Kconfig"), KCONFIG);
        Files.writeString(dir.resolve("in.config"), "CONFIG_MODULES=y\nCONFIG_BAZ=m\nCONFIG_QUX=y\n");
        return dir;
    }

    @Test
    void prunesToTheMinimumWithModules(@TempDir Path dir) throws Exception {
        tree(dir);
        Path out = dir.resolve("out.config");
        CliRun r = CliRun.run("kconfig", "prune", "-K", dir.resolve("Kconfig").toString(), "-c",
                dir.resolve("in.config").toString(), "--keep", "FOO", "-o", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("enabled (y or m) user-settable symbols: 3 -> 2\n"), r.out());
        assertTrue(r.out().contains("proven minimal: no valid configuration keeping them enables fewer than 2"),
                r.out());
        String written = Files.readString(out);
        assertTrue(written.contains("\nCONFIG_MODULES=y\n"), written);
        assertTrue(written.contains("\nCONFIG_FOO=y\n") || written.contains("\nCONFIG_FOO=m\n"), written);
        assertTrue(written.contains("\n# CONFIG_BAZ is not set\n"), written);
        assertTrue(written.contains("\n# CONFIG_QUX is not set\n"), written);
    }

    @Test
    void infeasibleKeepIsAnErrorAndWritesNothing(@TempDir Path dir) throws Exception {
        tree(dir);
        Path out = dir.resolve("out.config");
        CliRun r = CliRun.run("kconfig", "prune", "-K", dir.resolve("Kconfig").toString(), "-c",
                dir.resolve("in.config").toString(), "--keep", "FOO", "--off", "BAR", "-o", out.toString());
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("no valid configuration keeps FOO on and BAR off"), r.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void anInputThatIsMissingOrADirectoryIsAnError(@TempDir Path dir) throws Exception {
        tree(dir);
        Path out = dir.resolve("out.config");
        for (Path input : new Path[] {dir.resolve("missing.config"), dir}) {
            CliRun r = CliRun.run("kconfig", "prune", "-K", dir.resolve("Kconfig").toString(), "-c",
                    input.toString(), "--keep", "FOO", "-o", out.toString());
            assertEquals(1, r.exitCode(), r.out() + r.err());
            assertEquals("xenwb: " + input + (input.equals(dir) ? ": is a directory, not a configuration file"
                    : ": cannot read the input configuration (no such file or directory)"), r.err().strip());
            assertFalse(Files.exists(out), "nothing written");
        }
    }
}
