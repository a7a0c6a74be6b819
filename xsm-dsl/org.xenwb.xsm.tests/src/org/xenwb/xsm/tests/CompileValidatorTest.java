package org.xenwb.xsm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.xenwb.xsm.importer.XenPolicyImporter;
import org.xenwb.xsm.policy.compile.PolicyDiagnostic;

/**
 * The compiler's diagnostics as validation issues (what the editor marks), through Xtext's validator API as the
 * editor calls it: one file of an imported Xen 4.22 policy folder (with a module added) is validated; the expensive
 * check compiles the folder and reports the issues of that file with their issue codes.
 */
class CompileValidatorTest {

    private static Path folder(String name, String module, String text) throws Exception {
        Path dir = ImportSupport.workDir("validator-" + name);
        XenPolicyImporter.write(XenPolicyImporter.translate(SharedData.xen("4.22")), dir);
        return Files.writeString(dir.resolve(module), text);
    }

    /**
     * The file in a resource set that holds the folder's other files too, as the editor's index makes them visible.
     */
    private static Resource open(Path file) throws Exception {
        XtextResourceSet set = PolicyParser.injector().getInstance(XtextResourceSet.class);
        try (var files = Files.list(file.getParent())) {
            for (Path f : files.sorted().toList()) {
                set.getResource(URI.createFileURI(f.toAbsolutePath().toString()), true);
            }
        }
        return set.getResource(URI.createFileURI(file.toAbsolutePath().toString()), true);
    }

    private static List<Issue> validate(Resource resource, CheckMode mode) {
        return PolicyParser.injector().getInstance(IResourceValidator.class).validate(resource, mode,
                CancelIndicator.NullImpl);
    }

    private static String shown(Issue i) {
        return i.getSeverity() + " " + i.getLineNumber() + " " + i.getCode() + " " + i.getMessage();
    }

    @Test
    void neverallowViolationIsMarkedAtTheCallAndAtTheNeverallow() throws Exception {
        Path bad = folder("neverallow", "50-bad.xsm", """
                module bad;
                import xen.*;
                import dom0.*;
                type bad_dev_t, resource_type;
                type bad_dev_t_channel, event_type;
                create_domain(dom0_t, bad_dev_t)
                """);
        Resource resource = open(bad);
        assertEquals(List.of(), validate(resource, CheckMode.NORMAL_AND_FAST), "as-you-type checks do not compile");

        List<Issue> issues = validate(resource, CheckMode.ALL);
        assertEquals(1, issues.size(), issues.toString());
        Issue call = issues.get(0);
        assertEquals(Severity.ERROR, call.getSeverity());
        assertEquals(6, call.getLineNumber());
        assertEquals(PolicyDiagnostic.NEVERALLOW_VIOLATED, call.getCode());
        assertEquals(Files.readString(bad).indexOf("create_domain("), call.getOffset());
        assertEquals("create_domain(dom0_t, bad_dev_t)".length(), call.getLength());
        Path xen = bad.resolveSibling("10-xen.xsm");
        int neverallow = Files.readAllLines(xen).indexOf("neverallow * ~domain_type:domain {") + 1;
        assertTrue(call.getMessage().startsWith("grants what the neverallow at 10-xen.xsm:" + neverallow
                + " forbids: neverallow violated by allow dom0_t bad_dev_t:domain { create };"), call.getMessage());

        // Xen's file has the violation at the neverallow, and at create_domain's call of create_domain_common
        List<Issue> atNeverallow = validate(resource.getResourceSet().getResource(URI.createFileURI(xen.toString()),
                false), CheckMode.ALL);
        List<String> lines = Files.readAllLines(xen);
        int common = lines.subList(lines.indexOf("macro create_domain(priv, target) {"), lines.size())
                .indexOf("\tcreate_domain_common(priv, target)") + lines.indexOf("macro create_domain(priv, target) {")
                + 1;
        assertEquals(List.of("ERROR " + neverallow + " " + PolicyDiagnostic.NEVERALLOW_VIOLATED,
                "ERROR " + common + " " + PolicyDiagnostic.NEVERALLOW_VIOLATED),
                atNeverallow.stream().map(i -> i.getSeverity() + " " + i.getLineNumber() + " " + i.getCode())
                        .toList());
    }

    @Test
    void lintWarningsAndDuplicateDeclarationsWithTheirCodes() throws Exception {
        Path warn = folder("lint", "50-warn.xsm", """
                module warn;
                import xen.*;
                import dom0.*;
                type lonely_t;
                """);
        assertEquals(List.of("WARNING 4 " + PolicyDiagnostic.UNUSED_TYPE + " type lonely_t is never used: no rule"
                + " applies to it and no initial SID or device context labels it"),
                validate(open(warn), CheckMode.ALL).stream().map(CompileValidatorTest::shown).toList());

        Path dup = folder("duplicate", "50-dup.xsm", "module dup;\n\ntype dom0_t;\n");
        List<Issue> issues = validate(open(dup),
                CheckMode.ALL);
        assertEquals(1, issues.size(), issues.toString());
        assertEquals(PolicyDiagnostic.DUPLICATE_DECLARATION, issues.get(0).getCode());
        assertEquals(3, issues.get(0).getLineNumber());
        // Xen declares dom0_t through its declare_singleton_domain macro
        assertTrue(issues.get(0).getMessage().matches("type dom0_t is declared twice \\(first as a type at"
                + " 10-xen.xsm:\\d+, by declare_singleton_domain\\)"), issues.get(0).getMessage());
    }
}
