package org.xenwb.xsm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xenwb.xsm.compile.XsmCompiler.Checked;
import org.xenwb.xsm.compile.XsmCompiler.Diagnostic;
import org.xenwb.xsm.importer.XenPolicyImporter;
import org.xenwb.xsm.validation.XsmValidator;

/**
 * A type declared again in another file of Xen's imported policy ({@code type dom0_t, domain_type;} appended to a
 * module, where {@code declare_singleton_domain(dom0_t, ...)} in 10-xen.xsm declared it) is one error at the
 * duplicate, naming the first declaration; not an "unknown attribute" in some file that the ambiguous name put
 * out of order.
 */
class ImportedDuplicateDeclarationTest {

    @ParameterizedTest
    @ValueSource(strings = {"13-domU.xsm", "20-vm_role.xsm"})
    void duplicateTypeInAnotherFileIsReportedAtTheDuplicate(String module) throws Exception {
        Path dir = ImportSupport.workDir("duplicate-" + module);
        List<Path> sources = XenPolicyImporter.write(XenPolicyImporter.translate(SharedData.xen("4.17")), dir);
        Path file = dir.resolve(module);
        int line = Files.readAllLines(file).size() + 1;
        Files.writeString(file, "type dom0_t, domain_type;\n", StandardOpenOption.APPEND);
        List<String> xen = Files.readAllLines(dir.resolve("10-xen.xsm"));
        int first = xen.indexOf("declare_singleton_domain(dom0_t, mls_priv);") + 1;

        Checked checked = ImportSupport.compiler().check(sources);

        assertEquals(List.of(module + ":" + line + ": error: type dom0_t is declared twice (first as a type at"
                + " 10-xen.xsm:" + first + ", by declare_singleton_domain)"),
                checked.diagnostics().stream().map(Diagnostic::toString).toList());
        assertEquals(XsmValidator.DUPLICATE_DECLARATION, checked.diagnostics().get(0).code());
    }
}
