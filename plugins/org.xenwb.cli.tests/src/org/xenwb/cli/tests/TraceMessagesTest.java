package org.xenwb.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The messages of the trace commands say what is wrong with the input actually given, on a real capture: a start
 * after the end, an unknown event class, a frequency that is not positive, a directory given as a file, an index
 * path that is a directory or under a missing folder.
 */
class TraceMessagesTest {

    private static final String HZ = "2596127000";

    @TempDir
    Path tmp;

    /** The 9.97 s credit capture, from {@code ../shared} above the working directory; else the test is skipped. */
    private static Path trace() {
        Path shared = null;
        for (Path a = Path.of("").toAbsolutePath(); shared == null && a != null; a = a.getParent()) {
            if (Files.isDirectory(a.resolve("../shared/data/traces"))) {
                shared = a.resolve("../shared").normalize();
            }
        }
        Assumptions.assumeTrue(shared != null, "shared data folder (../shared/data) not found: skipped");
        Path t = shared.resolve("data/traces/creditboot-credit-sched/trace.bin");
        Assumptions.assumeTrue(Files.isRegularFile(t), "no " + t + ": skipped");
        return t;
    }

    private String index() {
        return tmp.resolve("t.xwbidx").toString();
    }

    @Test
    void aStartAfterTheEndSaysWhereTheTraceEnds() {
        CliRun r = CliRun.run("trace", "states", trace().toString(), "--index", index(), "--cpu-hz", HZ, "--from",
                "100", "--quiet");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("xenwb: --from 100: the trace ends at 9.97"), r.err());
        assertFalse(r.err().contains("--to must"), r.err());
    }

    @Test
    void anUnknownClassListsTheClassNames() {
        CliRun r = CliRun.run("trace", "events", trace().toString(), "--index", index(), "--filter", "class=bogus");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("unknown class 'bogus' (gen, sched, dom0op, hvm, mem, pv, shadow, hw, guest, or a"
                + " class number)"), r.err());
        assertFalse(r.err().contains("not a number"), r.err());
    }

    @Test
    void theIndexQueriesRefuseAFrequencyThatIsNotPositive() {
        for (String command : new String[] {"stats", "states", "events"}) {
            for (String hz : new String[] {"0", "-5", "0G"}) {
                CliRun r = CliRun.run("trace", command, trace().toString(), "--index", index(), "--cpu-hz=" + hz,
                        "--quiet");
                assertEquals(2, r.exitCode(), command + " " + hz + ": " + r.err());
                assertTrue(r.err().startsWith("xenwb: --cpu-hz must be a positive frequency, not '" + hz + "'"),
                        r.err());
                assertEquals("", r.out(), command + " " + hz);
            }
        }
    }

    /** xenalyze (checked with Debian's 4.17 build) accepts 0 and -5, exits 0 and prints "inf" and "-inf" times. */
    @Test
    void summaryKeepsXenalyzesFrequencies() {
        CliRun zero = CliRun.run("trace", "summary", "--cpu-hz=0", trace().toString());
        assertEquals(0, zero.exitCode(), zero.err());
        assertTrue(zero.out().startsWith("Total time: inf seconds (using cpu speed 0.00  Hz)"), zero.out());
        CliRun negative = CliRun.run("trace", "summary", "--cpu-hz=-5", trace().toString());
        assertEquals(0, negative.exitCode(), negative.err());
    }

    @Test
    void statsPrintTheFrequencyAsGiven() {
        CliRun r = CliRun.run("trace", "stats", trace().toString(), "--index", index(), "--cpu-hz=" + HZ, "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().lines().findFirst().orElseThrow().endsWith(" cycles at 2596127000 Hz)"), r.out());
    }

    @Test
    void aDirectoryIsSaidToBeADirectory() {
        for (String command : new String[] {"summary", "dump", "index", "states", "events", "stats"}) {
            CliRun r = CliRun.run("trace", command, tmp.toString());
            assertEquals(1, r.exitCode(), command + ": " + r.err());
            assertEquals("xenwb: " + tmp + ": is a directory, not a trace file" + System.lineSeparator(), r.err(),
                    command);
        }
        CliRun symbols = CliRun.run("trace", "summary", "--symbol-file", tmp.toString(), trace().toString());
        assertEquals(1, symbols.exitCode(), symbols.err());
        assertEquals("xenwb: " + tmp + ": is a directory, not a symbol file" + System.lineSeparator(), symbols.err());
    }

    @Test
    void anIndexPathIsCheckedBeforeAnythingIsWritten() throws Exception {
        CliRun dir = CliRun.run("trace", "index", "--index", tmp.toString(), trace().toString(), "--quiet");
        assertEquals(1, dir.exitCode(), dir.err());
        assertEquals("xenwb: " + tmp + ": is a directory (--index names the index file itself)"
                + System.lineSeparator(), dir.err());
        Path missing = tmp.resolve("nosuch/dir/x.idx");
        CliRun parent = CliRun.run("trace", "states", "--index", missing.toString(), trace().toString(), "--quiet");
        assertEquals(1, parent.exitCode(), parent.err());
        assertEquals("xenwb: " + missing + ": no such folder " + missing.getParent()
                + " (--index does not create folders)" + System.lineSeparator(), parent.err());
        assertFalse(Files.exists(tmp.resolve("nosuch")), "no folder created");
        try (var left = Files.list(tmp)) {
            assertEquals(0, left.count(), "no temporary file left in " + tmp);
        }
    }
}
