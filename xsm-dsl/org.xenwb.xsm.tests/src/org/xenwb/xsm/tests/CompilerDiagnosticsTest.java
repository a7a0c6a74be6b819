package org.xenwb.xsm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.xenwb.xsm.compile.XsmCompiler;
import org.xenwb.xsm.compile.XsmCompiler.Checked;
import org.xenwb.xsm.compile.XsmCompiler.Diagnostic;
import org.xenwb.xsm.policy.compile.PolicyDiagnostic;

/**
 * The compiler's diagnostics on sources: neverallow violations (checked against checkpolicy on the generated
 * policy.conf) and warnings, reported at the source file and line through macro expansion and m4 {@code #line}
 * markers, with the macro call chain of the allow statement that violates.
 */
class CompilerDiagnosticsTest {

    private static final String MODULE = """
            module bad;
            macro grant_create(src, dst) {
                allow src dst:domain create;
            }
            macro wrap(a, b) {
                grant_create(a, b)
            }
            wrap(dom0_t, xen_t)
            type lonely_t;
            bool bad_b false;
            macro locked(a) {
                if (bad_b && !bad_b) {
                    allow a xen_t:xen getidle;
                }
            }
            locked(dom0_t)
            """;

    private static Path xenConf(Path dir) throws IOException {
        Path xen = dir.resolve("xen.conf");
        Files.writeString(xen, XenPolicy.expand(SharedData.xen("4.17")));
        return xen;
    }

    private static Checked check(List<Path> sources) throws IOException {
        return PolicyParser.injector().getInstance(XsmCompiler.class).check(sources);
    }

    @Test
    void xensDefaultPolicyHasNoDiagnostic() throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "xsm-diagnostics", "clean").toAbsolutePath());
        Checked checked = check(List.of(xenConf(dir)));
        assertEquals(List.of(), checked.diagnostics());
        assertNotNull(checked.analysis());
    }

    @Test
    void violationAndWarningsAtTheirSourceLines() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "xsm-diagnostics", "bad").toAbsolutePath());
        Path module = dir.resolve("bad.xsm");
        Files.writeString(module, MODULE);
        Checked checked = check(List.of(xenConf(dir), module));
        List<Diagnostic> diagnostics = checked.diagnostics();
        assertEquals(1, diagnostics.size(), diagnostics.toString());
        Diagnostic violation = diagnostics.get(0);
        // xen.te line 68 of Xen 4.17: neverallow * ~domain_type:domain { create transition };
        assertTrue(violation.file().endsWith("tools/flask/policy/modules/xen.te"), violation.file());
        assertEquals(68, violation.line());
        assertTrue(violation.error());
        assertEquals(PolicyDiagnostic.NEVERALLOW_VIOLATED, violation.code());
        assertEquals("neverallow violated by allow dom0_t xen_t:domain { create }; granted at bad.xsm:3 from"
                + " grant_create(...) at bad.xsm:6 from wrap(...) at bad.xsm:8", violation.message());

        // checkpolicy, given the same generated policy.conf, reports the same violation
        Path conf = dir.resolve("generated.conf");
        Files.writeString(conf, checked.analysis().policyConf());
        String report = checkpolicy(conf);
        assertTrue(report.contains("violated by allow dom0_t xen_t:domain { create };"), report);
    }

    @Test
    void warningsOfACleanModule() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "xsm-diagnostics", "warn").toAbsolutePath());
        Path module = dir.resolve("warn.xsm");
        Files.writeString(module, MODULE.replace("wrap(dom0_t, xen_t)", "wrap(dom0_t, domU_t)"));
        Checked checked = check(List.of(xenConf(dir), module));
        assertEquals(List.of(
                "warn.xsm:13: warning: rule can never apply: the condition bad_b && !bad_b is always false, so the if"
                        + " branch is never taken (from locked(...) at warn.xsm:16)",
                "warn.xsm:9: warning: type lonely_t is never used: no rule applies to it and no initial SID or"
                        + " device context labels it"),
                checked.diagnostics().stream().map(Diagnostic::toString).toList());
        assertEquals(PolicyDiagnostic.DEAD_BRANCH, checked.diagnostics().get(0).code());
        assertEquals(PolicyDiagnostic.UNUSED_TYPE, checked.diagnostics().get(1).code());
    }

    private static String checkpolicy(Path conf) throws IOException, InterruptedException {
        Path tool = Path.of("/usr/bin/checkpolicy");
        Assumptions.assumeTrue(Files.isExecutable(tool), "checkpolicy not installed: skipped");
        Process p = new ProcessBuilder(tool.toString(), "-t", "Xen", "-c", "30", "-o",
                conf.resolveSibling("out.bin").toString(), conf.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    @Test
    void declarationDuplicatedInAnotherFileNamesBoth() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "xsm-diagnostics", "dup").toAbsolutePath());
        Path module = dir.resolve("dup.xsm");
        Files.writeString(module, "module dup;\n\ntype dom0_t;\n");
        List<Diagnostic> diagnostics = check(List.of(xenConf(dir), module)).diagnostics();
        assertEquals(1, diagnostics.size(), diagnostics.toString());
        Diagnostic d = diagnostics.get(0);
        assertEquals(PolicyDiagnostic.DUPLICATE_DECLARATION, d.code());
        assertTrue(d.error());
        // reported at the second declaration, as checkpolicy does, naming the first (Xen's xen.te:31)
        assertEquals("dup.xsm", d.file());
        assertEquals(3, d.line());
        assertTrue(d.message().startsWith("duplicate declaration of type/attribute dom0_t; first declared at "),
                d.message());
        assertTrue(d.message().endsWith("tools/flask/policy/modules/xen.te:31"), d.message());
    }
}
