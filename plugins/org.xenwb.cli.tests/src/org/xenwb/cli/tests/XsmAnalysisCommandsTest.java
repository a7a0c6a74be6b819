package org.xenwb.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xenwb.cli.Main;
import org.xenwb.xsm.policy.compile.XenPolicySources;

/**
 * {@code xenwb xsm can|interactions|audit2allow|check} on Xen 4.17's default policy (m4-expanded from the shared
 * data, compiled by {@code xenwb xsm compile-conf}) and on sources with a module of macros.
 */
class XsmAnalysisCommandsTest {

    private static final String MODULE = """
            module guests;
            macro create_guest(creator, guest) {
                type guest, domain_type;
                role system_r types guest;
                allow creator guest:domain { create pause unpause };
            }
            create_guest(dom0_t, test_guest_t)
            macro pause_peer(a, b) {
                allow a b:domain { pause unpause };
            }
            """;

    private static final String LOG = """
            (XEN) avc:  denied  { pause } for domid=1 scontext=system_u:system_r:domU_t \
            tcontext=system_u:system_r:dom0_t tclass=domain
            (XEN) avc:  denied  { unpause } for domid=1 scontext=system_u:system_r:domU_t \
            tcontext=system_u:system_r:dom0_t tclass=domain
            """;

    @TempDir
    static Path dir;
    private static Path binary;
    private static Path sources;

    private record Result(int exitCode, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void policy() throws IOException {
        Path tree = XenPolicyTree.require();
        sources = Files.createDirectories(dir.resolve("src"));
        Files.writeString(sources.resolve("xen.conf"), XenPolicySources.expand(tree));
        Files.writeString(sources.resolve("guests.xsm"), MODULE);
        binary = dir.resolve("xenpolicy");
        Result r = run("xsm", "compile-conf", sources.resolve("xen.conf").toString(), "-o", binary.toString());
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void canOnTheBinary() {
        Result r = run("xsm", "can", binary.toString(), "domU_t", "xen:writeconsole", "xen_t");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("domU_t xen_t:xen writeconsole: allowed\n"), r.out());
        assertTrue(r.out().contains("allow domain_type xen_t:xen writeconsole; [ guest_writeconsole ]:True"), r.out());
        assertTrue(r.out().contains("via source domain_type: an attribute of domU_t"), r.out());
        // a name the policy lacks is a failure (1) in one line, as in 'xsm query', not a usage error with the help
        Result bad = run("xsm", "can", binary.toString(), "nobody_t", "domain:create", "xen_t");
        assertEquals(1, bad.exitCode());
        assertEquals("xenwb: " + binary + ": no type named nobody_t\n", bad.err());
    }

    @Test
    void canOnSourcesNamesTheMacroCall() {
        Result r = run("xsm", "can", sources.toString(), "dom0_t", "domain:create", "test_guest_t");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("guests.xsm:5 from create_guest(...) at guests.xsm:7: allow dom0_t test_guest_t"
                + ":domain create"), r.out());
    }

    @Test
    void interactionsAsJson() {
        Result r = run("xsm", "interactions", binary.toString(), "--format", "json");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("{\n  \"nodes\": ["), r.out());
        assertTrue(r.out().contains("{\"source\": \"dom0_t\", \"target\": \"domU_t\", \"category\": \"create\","
                + " \"permissions\": {\"domain\": [\"create\"]}, \"channels\": []}"), r.out());
        Result text = run("xsm", "interactions", binary.toString());
        assertTrue(text.out().contains("domU_t -> dom0_t: grant, event (via domU_t_channel), argo\n"), text.out());
    }

    @Test
    void audit2allowOnSourcesProposesTheMacro() throws IOException {
        Path log = dir.resolve("dmesg.txt");
        Files.writeString(log, LOG);
        Path module = dir.resolve("fix.xsm");
        Result r = run("xsm", "audit2allow", sources.toString(), log.toString(), "-m", "fix", "-o", module.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("module fix;\n# pause_peer(domU_t, dom0_t) allows exactly 1 group of denials"
                + " (1, 2)\npause_peer(domU_t, dom0_t)\n"), r.out());
        assertTrue(r.out().contains("# check: recompiled with the proposal, the policy allows every denial; it also"
                + " allows nothing else"), r.out());
        assertTrue(Files.readString(module).contains("pause_peer(domU_t, dom0_t)"));
    }

    @Test
    void audit2allowFailsWhenTheProposalViolatesANeverallow() throws IOException {
        Path log = dir.resolve("create.txt");
        Files.writeString(log, "avc:  denied  { create } for domid=0 scontext=system_u:system_r:dom0_t"
                + " tcontext=system_u:system_r:xen_t tclass=domain\n");
        Result r = run("xsm", "audit2allow", sources.toString(), log.toString());
        assertEquals(1, r.exitCode(), r.out());
        assertTrue(r.out().contains("xen.te:68: error: neverallow violated by allow dom0_t xen_t:domain { create }"),
                r.out());
        // a binary policy has no neverallow rules left: the command says it could not check them
        Result binaryRun = run("xsm", "audit2allow", binary.toString(), log.toString());
        assertEquals(0, binaryRun.exitCode(), binaryRun.out());
        assertTrue(binaryRun.out().contains("# note: a binary policy does not keep its neverallow rules"),
                binaryRun.out());
    }
}
