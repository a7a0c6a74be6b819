package org.xenwb.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xenwb.cli.Main;

/**
 * {@code xenwb xsm import} on Xen's real policy tree, then {@code xenwb xsm check} (no diagnostic) and
 * {@code xenwb xsm compile} of what it wrote.
 */
class XsmImportCommandTest {

    private record Result(int exitCode, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    /** Xen 4.22's data files from ../shared (system property xenwb.shared); skips where they are absent. */
    private static Path xenTree() {
        String shared = System.getProperty("xenwb.shared", Path.of("..", "..", "..", "shared").toString());
        Path tree = Path.of(shared, "data", "xen-4.22");
        Assumptions.assumeTrue(Files.isDirectory(tree), "no real Xen data at " + tree.toAbsolutePath() + ": skipped");
        return tree;
    }

    @Test
    void importThenCompile(@TempDir Path dir) throws Exception {
        Path sources = dir.resolve("src");
        Result imported = run("xsm", "import", xenTree().toString(), "--out", sources.toString());
        assertEquals(0, imported.exitCode(), imported.err());
        assertTrue(imported.out().contains("19 policy files imported"), imported.out());
        assertTrue(Files.readString(sources.resolve("10-xen.xsm")).contains("macro declare_domain(type_arg,"
                + " attrs...) {"), "declare_domain is a macro");

        Result checked = run("xsm", "check", sources.toString());
        assertEquals(0, checked.exitCode(), checked.out() + checked.err());
        // every file read is counted, the two of comments only (03-mls, 04-global_tunables) too, as compile does
        assertEquals("19 files checked, 0 errors, 0 warnings\n", checked.out());

        Result compiled = run("xsm", "compile", sources.toString(), "--out", dir.resolve("out").toString());
        assertEquals(0, compiled.exitCode(), compiled.err());
        assertTrue(Files.size(dir.resolve("out/xenpolicy")) > 0, "binary written");
        assertTrue(compiled.out().endsWith(", from 19 source files\n"), compiled.out());
    }

    @Test
    void notAXenTreeIsAClearError(@TempDir Path dir) {
        Result result = run("xsm", "import", dir.toString(), "--out", dir.resolve("out").toString());
        assertEquals(1, result.exitCode());
        assertTrue(result.err().startsWith("xenwb: ") && result.err().contains("modules.conf")
                && result.err().contains(dir.toString()), result.err());
        assertFalse(result.err().contains("Exception"), result.err());
    }
}
