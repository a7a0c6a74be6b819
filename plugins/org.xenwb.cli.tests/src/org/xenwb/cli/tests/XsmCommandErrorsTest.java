package org.xenwb.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xenwb.xsm.policy.analysis.Interactions;
import org.xenwb.xsm.policy.compile.XenPolicySources;

/**
 * The xsm commands' errors, exit codes and reports on Xen 4.17's default policy (m4-expanded from the shared data):
 * what checkpolicy rejects is rejected, a bad option value is a usage error (2), a fact about the input is a
 * failure (1) in one line naming the user's path, outputs never name temporary files nor create missing folders,
 * and the counts the commands print mean what they say.
 */
class XsmCommandErrorsTest {

    private static final String AVC = "(XEN) avc:  denied  { %s } for domid=1 scontext=system_u:system_r:domU_t"
            + " tcontext=system_u:system_r:%s tclass=%s\n";

    @TempDir
    static Path dir;
    private static Path conf;
    private static Path binary;

    @BeforeAll
    static void policy() throws IOException {
        Path tree = XenPolicyTree.require();
        conf = Files.writeString(Files.createDirectories(dir.resolve("src")).resolve("xen.conf"),
                XenPolicySources.expand(tree));
        binary = dir.resolve("xenpolicy");
        CliRun r = CliRun.run("xsm", "compile-conf", conf.toString(), "-o", binary.toString());
        assertEquals(0, r.exitCode(), r.err());
        // seinfo on Xen 4.17's default policy: Types 32, Attributes 7
        assertTrue(r.out().startsWith(binary + ": 32 types, 7 attributes, "), r.out());
    }

    private static void assertOneLine(CliRun r, int exitCode, String err) {
        assertEquals(exitCode, r.exitCode(), r.err());
        assertEquals("xenwb: " + err + "\n", r.err());
    }

    @Test
    void compileConfRejectsWhatCheckpolicyRejects() throws IOException {
        Path late = Files.writeString(dir.resolve("late.conf"), Files.readString(conf)
                + "allow dom0_t xen_t:xen settime;\n");
        CliRun r = CliRun.run("xsm", "compile-conf", late.toString(), "-o", dir.resolve("late.bin").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().matches("xenwb: \\S+/policy/device_contexts:\\d+: syntax error at 'allow': type"
                + " enforcement .*\n"), r.err());
        assertFalse(Files.exists(dir.resolve("late.bin")));

        Path empty = Files.writeString(dir.resolve("empty.conf"), "");
        r = CliRun.run("xsm", "compile-conf", empty.toString(), "-o", dir.resolve("empty.bin").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().startsWith("xenwb: " + empty + ":1: syntax error: the policy is empty"), r.err());
    }

    @Test
    void unwritablePolicyVersionIsAUsageError() {
        CliRun r = CliRun.run("xsm", "compile-conf", "-c", "31", conf.toString(), "-o", dir.resolve("v.bin")
                .toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("xenwb: --policy-version must be 24 to 30, not 31\n"), r.err());
        r = CliRun.run("xsm", "compile", "-c", "31", conf.getParent().toString(), "-o", dir.resolve("v").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("xenwb: --policy-version must be 24 to 30, not 31\n"), r.err());
    }

    @Test
    void foldersAndMissingPathsAreOneLineNamingThem() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("a folder"));
        assertOneLine(CliRun.run("xsm", "decompile", folder.toString()), 1, folder + ": is a folder, not a binary"
                + " policy");
        assertOneLine(CliRun.run("xsm", "compile-conf", folder.toString(), "-o", dir.resolve("f.bin").toString()), 1,
                folder + ": is a folder, not a policy.conf file");
        assertOneLine(CliRun.run("xsm", "check", folder.toString()), 1, folder + ": no .xsm or .conf files in this"
                + " folder");
        assertOneLine(CliRun.run("xsm", "decompile", dir.resolve("nosuch").toString()), 1, dir.resolve("nosuch")
                + ": no such file");
        // an output that is a folder: no temporary file name in the message, nothing left behind
        assertOneLine(CliRun.run("xsm", "compile-conf", conf.toString(), "-o", folder.toString()), 1, folder
                + ": is a folder, not a file to write");
        try (var files = Files.list(folder)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void outputsUnderAMissingFolderAreRefused() {
        Path missing = dir.resolve("missing");
        Path out = missing.resolve("x.bin");
        assertOneLine(CliRun.run("xsm", "compile-conf", conf.toString(), "-o", out.toString()), 1,
                out + ": cannot write: folder " + missing + " does not exist");
        assertOneLine(CliRun.run("xsm", "decompile", binary.toString(), "-o", out.toString()), 1,
                out + ": cannot write: folder " + missing + " does not exist");
        assertOneLine(CliRun.run("xsm", "compile", conf.getParent().toString(), "-o", missing.resolve("d")
                .toString()), 1, missing.resolve("d") + ": cannot create: folder " + missing + " does not exist");
        assertFalse(Files.exists(missing));
    }

    @Test
    void canWithANameThePolicyLacksFailsInOneLine() {
        assertOneLine(CliRun.run("xsm", "can", binary.toString(), "nosuch_t", "domain:create", "dom0_t"), 1,
                binary + ": no type named nosuch_t");
        assertOneLine(CliRun.run("xsm", "can", binary.toString(), "dom0_t", "nosuchperm", "dom0_t"), 1,
                binary + ": no class defines permission nosuchperm");
    }

    @Test
    void checkAndCompileCountTheSameFilesAndRejectAnEmptyPolicy() throws IOException {
        Path src = Files.createDirectories(dir.resolve("counted"));
        Files.copy(conf, src.resolve("xen.conf"));
        Files.writeString(src.resolve("notes.xsm"), "# only a comment\n");
        CliRun check = CliRun.run("xsm", "check", src.toString());
        assertEquals(0, check.exitCode(), check.out() + check.err());
        assertTrue(check.out().endsWith("2 files checked, 0 errors, 0 warnings\n"), check.out());
        CliRun compile = CliRun.run("xsm", "compile", src.toString(), "-o", dir.resolve("counted-out").toString());
        assertEquals(0, compile.exitCode(), compile.err());
        assertTrue(compile.out().endsWith("from 2 source files\n"), compile.out());

        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("e.xsm"), "");
        check = CliRun.run("xsm", "check", empty.toString());
        assertEquals(1, check.exitCode());
        assertEquals("e.xsm:1: error: the policy is empty: no statement in this file (checkpolicy rejects an empty"
                + " policy)\n1 file checked, 1 error, 0 warnings\n", check.out());
        compile = CliRun.run("xsm", "compile", empty.toString(), "-o", dir.resolve("empty-out").toString());
        assertEquals(1, compile.exitCode());
        assertFalse(Files.exists(dir.resolve("empty-out").resolve("xenpolicy")));
    }

    @Test
    void everyLineOfCompileErrorsHasThePrefix() throws IOException {
        Path src = Files.createDirectories(dir.resolve("two-errors"));
        Files.copy(conf, src.resolve("xen.conf"));
        Files.writeString(src.resolve("bad.xsm"), "module bad;\nallow dom0_t nosuch_t:domain create;\n"
                + "allow dom0_t dom0_t:nosuch create;\n");
        CliRun r = CliRun.run("xsm", "compile", src.toString(), "-o", dir.resolve("two-out").toString());
        assertEquals(1, r.exitCode());
        String[] lines = r.err().split("\n");
        assertEquals("xenwb: bad.xsm:2: error: unknown type or attribute 'nosuch_t'", lines[0]);
        assertTrue(lines.length >= 2 && Arrays.stream(lines).allMatch(l -> l.startsWith("xenwb: bad.xsm:")),
                r.err());
        assertTrue(r.err().contains("xenwb: bad.xsm:3: error: unknown class 'nosuch'\n"), r.err());
    }

    @Test
    void audit2allowCountsDenialsNotGroups() throws IOException {
        Path log = Files.writeString(dir.resolve("avc.log"), AVC.formatted("getdomaininfo", "dom0_t", "domain")
                + AVC.formatted("pause", "dom0_t", "domain") + AVC.formatted("send", "isolated_domU_t", "event"));
        CliRun r = CliRun.run("xsm", "audit2allow", binary.toString(), log.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("# 3 denials in avc.log (0 granted messages skipped), 3 still denied by xenpolicy"
                + " (2 source/target/class groups)\n"), r.out());
        // an output under a missing folder is refused before the proposal is printed, not after
        Path missing = dir.resolve("no-such-folder").resolve("allow.xsm");
        r = CliRun.run("xsm", "audit2allow", "-o", missing.toString(), binary.toString(), log.toString());
        assertEquals(1, r.exitCode(), r.err());
        assertEquals("", r.out());
        assertEquals("xenwb: " + missing + ": cannot write: folder " + missing.getParent() + " does not exist",
                r.err().strip());
    }

    @Test
    void helpTextsMatchTheCommands() {
        String audit = CliRun.run("xsm", "audit2allow", "--help").out();
        assertTrue(audit.startsWith("Usage: xenwb xsm audit2allow [-hV] [-m=NAME] [-o=FILE] POLICY [LOG]\n"), audit);
        assertTrue(audit.contains("a .xsm or .conf"), "no line break inside '.xsm': " + audit);
        String interactions = CliRun.run("xsm", "interactions", "--help").out().replace("\n", " ");
        String categories = interactions.substring(interactions.indexOf("by category:"),
                interactions.indexOf("POLICY is"));
        for (Interactions.Category c : Interactions.Category.values()) {
            assertTrue(categories.matches("(?s).*\\b" + c.label() + "\\b.*"), c.label() + " not in: " + categories);
        }
    }
}
