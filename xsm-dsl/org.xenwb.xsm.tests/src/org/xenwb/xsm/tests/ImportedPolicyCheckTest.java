package org.xenwb.xsm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xenwb.xsm.compile.XsmCompiler;
import org.xenwb.xsm.compile.XsmCompiler.Checked;
import org.xenwb.xsm.compile.XsmCompiler.Diagnostic;
import org.xenwb.xsm.importer.XenPolicyImporter;
import org.xenwb.xsm.policy.compile.PolicyDiagnostic;

/**
 * {@code check} on Xen's policy as imported into the language: no diagnostic on Xen's own modules, and a module
 * added beside them gets neverallow violations and lint warnings at lines of the imported {@code .xsm} files, with
 * the call chain through Xen's own macros (create_domain, create_domain_common, manage_domain). Expected lines are
 * looked up in the imported files; the violation is also confirmed by checkpolicy on the generated policy.conf.
 */
class ImportedPolicyCheckTest {

    /** create_domain gives dom0_t "create" on a resource type: Xen's neverallow on domain creation forbids it. */
    private static final String VIOLATING = """
            module bad;
            import xen.*;
            import dom0.*;
            type bad_dev_t, resource_type;
            type bad_dev_t_channel, event_type;
            create_domain(dom0_t, bad_dev_t)
            """;

    /** An unused type and a macro call in a branch that is never taken. */
    private static final String WARNING = """
            module warn;
            import xen.*;
            import dom0.*;
            import domU.*;
            type lonely_t;
            bool warn_b false;
            if (warn_b && !warn_b) {
                manage_domain(dom0_t, domU_t)
            }
            """;

    private static List<Path> imported(String version, String name) throws Exception {
        Path dir = ImportSupport.workDir("check-" + name + "-" + version);
        return new ArrayList<>(XenPolicyImporter.write(XenPolicyImporter.translate(SharedData.xen(version)), dir));
    }

    private static Checked withModule(List<Path> sources, String file, String text) throws IOException {
        Path module = sources.get(0).resolveSibling(file);
        Files.writeString(module, text);
        sources.add(module);
        return ImportSupport.compiler().check(sources);
    }

    /** @return the 1-based line of the first line of the file that starts with the prefix after the given line */
    private static int line(Path file, String prefix, int after) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = after; i < lines.size(); i++) {
            if (lines.get(i).strip().startsWith(prefix)) {
                return i + 1;
            }
        }
        throw new AssertionError(prefix + " not in " + file);
    }

    /** @return the lines where the allow rules of a macro's body start, read from the imported file */
    private static List<Integer> macroRuleLines(Path file, String macro) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<Integer> out = new ArrayList<>();
        int i = line(file, "macro " + macro + "(", 0);
        for (; !lines.get(i).equals("}"); i++) {
            if (lines.get(i).strip().startsWith("allow ")) {
                out.add(i + 1);
            }
        }
        return out;
    }

    private static Path file(List<Path> sources, String name) {
        return sources.stream().filter(p -> p.getFileName().toString().equals(name)).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4.17", "4.22"})
    void xensImportedPolicyHasNoDiagnostic(String version) throws Exception {
        Checked checked = ImportSupport.compiler().check(imported(version, "clean"));
        assertEquals(List.of(), checked.diagnostics());
        assertTrue(checked.analysis() != null && checked.analysis().compilation() != null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4.17", "4.22"})
    void violationThroughXensMacrosAtImportedLines(String version) throws Exception {
        List<Path> sources = imported(version, "violation");
        Checked checked = withModule(sources, "50-bad.xsm", VIOLATING);
        Path xen = file(sources, "10-xen.xsm");
        int neverallow = line(xen, "neverallow * ~domain_type:domain", 0);
        int common = line(xen, "macro create_domain_common(", 0);
        int grant = line(xen, "allow arg1 arg2:domain {", common);
        int call = line(xen, "create_domain_common(priv, target)", line(xen, "macro create_domain(", 0));
        assertEquals(List.of("10-xen.xsm:" + neverallow + ": error: neverallow violated by allow dom0_t bad_dev_t:domain"
                + " { create }; granted at 10-xen.xsm:" + grant + " from create_domain_common(...) at 10-xen.xsm:"
                + call + " from create_domain(...) at 50-bad.xsm:6"),
                checked.diagnostics().stream().map(Diagnostic::toString).toList());
        assertEquals(PolicyDiagnostic.NEVERALLOW_VIOLATED, checked.diagnostics().get(0).code());

        Path conf = sources.get(0).resolveSibling("generated.conf");
        Files.writeString(conf, checked.analysis().policyConf());
        String report = Tools.checkpolicyReport(conf);
        assertTrue(report.contains("violated by allow dom0_t bad_dev_t:domain { create };"), report);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4.17", "4.22"})
    void lintWarningsThroughXensMacrosAtImportedLines(String version) throws Exception {
        List<Path> sources = imported(version, "lint");
        Checked checked = withModule(sources, "50-warn.xsm", WARNING);
        Path xen = file(sources, "10-xen.xsm");
        List<Integer> rules = macroRuleLines(xen, "manage_domain");
        assertEquals(3, rules.size());
        List<String> expected = new ArrayList<>();
        for (int rule : rules.reversed()) {
            expected.add("10-xen.xsm:" + rule + ": warning: rule can never apply: the condition warn_b && !warn_b is"
                    + " always false, so the if branch is never taken (from manage_domain(...) at 50-warn.xsm:8)");
        }
        expected.add("50-warn.xsm:5: warning: type lonely_t is never used: no rule applies to it and no initial SID"
                + " or device context labels it");
        assertEquals(expected, checked.diagnostics().stream().map(Diagnostic::toString).toList());
        assertTrue(checked.diagnostics().stream().limit(3)
                .allMatch(d -> PolicyDiagnostic.DEAD_BRANCH.equals(d.code())));
        assertEquals(PolicyDiagnostic.UNUSED_TYPE, checked.diagnostics().get(3).code());
    }
}
