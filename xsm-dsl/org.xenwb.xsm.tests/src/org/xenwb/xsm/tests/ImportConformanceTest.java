package org.xenwb.xsm.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.xenwb.xsm.compile.PolicySourceException;
import org.xenwb.xsm.compile.XsmCompiler;
import org.xenwb.xsm.importer.XenPolicyImporter;
import org.xenwb.xsm.policy.compile.XenPolicySources;

/**
 * Conformance through import (issue 5, point 3): Xen's real policy imported into the language, compiled, gives a
 * policy.conf that checkpolicy accepts and a binary byte-identical to {@code checkpolicy -t Xen -c 30} on the
 * policy.conf of Xen's own m4 recipe; checkpolicy's compilation of our policy.conf lists the same rules and
 * declarations in sesearch -A, sesearch -T and seinfo -x as its compilation of m4's. For Xen 4.17 and 4.22, with
 * the default modules.conf and with modules switched off in the imported sources.
 */
class ImportConformanceTest {

    static Stream<Arguments> variants() {
        return Stream.of("4.17", "4.22").flatMap(version -> Stream.of(
                Arguments.of(version, List.of()),
                Arguments.of(version, List.of("nic_dev")),
                Arguments.of(version, List.of("prot_domU", "nomigrate", "isolated_domU")),
                Arguments.of(version, List.of("vm_role", "all_system_role"))));
    }

    @ParameterizedTest(name = "Xen {0} without {1}")
    @MethodSource("variants")
    void importedPolicyCompilesLikeXensBuild(String version, List<String> off) throws Exception {
        Path tree = SharedData.xen(version);
        Path dir = ImportSupport.workDir("xen-" + version + "-" + String.join("-", off));
        List<Path> sources = XenPolicyImporter.write(XenPolicyImporter.translate(tree), dir.resolve("src"));
        for (String module : off) {
            Path file = sources.stream().filter(p -> p.getFileName().toString().endsWith("-" + module + ".xsm"))
                    .findFirst().orElseThrow();
            String text = Files.readString(file);
            assertTrue(text.contains("module " + module + ";\n"), file + " declares its module");
            Files.writeString(file, text.replace("module " + module + ";\n", "module " + module + " = off;\n"));
        }
        Map<String, Path> modules = new LinkedHashMap<>(XenPolicySources.enabledModules(tree));
        off.forEach(modules::remove);

        ImportSupport.assertConforms(tree, modules, sources, dir);
    }

    @Test
    void usingAModuleThatIsOffIsAnErrorNamingTheUse() throws Exception {
        Path dir = ImportSupport.workDir("xen-off");
        List<Path> sources = XenPolicyImporter.write(XenPolicyImporter.translate(SharedData.xen("4.22")), dir);
        Path xen = sources.stream().filter(p -> p.getFileName().toString().equals("10-xen.xsm")).findFirst()
                .orElseThrow();
        Files.writeString(xen, Files.readString(xen).replace("module xen;", "module xen = off;"));

        PolicySourceException error = assertThrows(PolicySourceException.class,
                () -> ImportSupport.compiler().compile(sources, XsmCompiler.XEN_POLICY_VERSION));
        String first = error.getMessage().lines().findFirst().orElseThrow();
        // 11-dom0.xsm's first rule, "allow dom0_t xen_t:xen {" (line 24 of the import), uses types of module xen.
        assertEquals("11-dom0.xsm:24: error: dom0_t is declared in module xen, which is off", first);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4.17", "4.22"})
    void importIsDeterministicAndFreeOfErrors(String version) throws Exception {
        Path tree = SharedData.xen(version);
        List<XenPolicyImporter.ImportedFile> first = XenPolicyImporter.translate(tree);
        assertEquals(first, XenPolicyImporter.translate(tree));
        Path dir = ImportSupport.workDir("twice-" + version);
        List<Path> once = XenPolicyImporter.write(first, dir.resolve("a"));
        List<Path> twice = XenPolicyImporter.write(XenPolicyImporter.translate(tree), dir.resolve("b"));
        assertEquals(once.size(), twice.size());
        for (int i = 0; i < once.size(); i++) {
            assertArrayEquals(Files.readAllBytes(once.get(i)), Files.readAllBytes(twice.get(i)), once.get(i)
                    .toString());
        }
        XsmCompiler.Checked checked = ImportSupport.compiler().check(once);
        List<String> errors = checked.diagnostics().stream().filter(XsmCompiler.Diagnostic::error)
                .map(Object::toString).toList();
        assertEquals(List.of(), errors);
    }
}
