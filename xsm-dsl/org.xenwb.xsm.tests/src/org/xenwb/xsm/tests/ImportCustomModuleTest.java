package org.xenwb.xsm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xenwb.xsm.compile.XsmCompiler;
import org.xenwb.xsm.importer.PolicyImportException;
import org.xenwb.xsm.importer.XenPolicyImporter;
import org.xenwb.xsm.policy.compile.XenPolicySources;
import org.xenwb.xsm.xsm.Macro;
import org.xenwb.xsm.xsm.MacroCall;
import org.xenwb.xsm.xsm.Policy;

/**
 * Import of a Xen tree whose modules.conf was edited: a custom module added (written in m4 with Xen's macros, a
 * boolean and a user) and nic_dev switched off. The import must keep Xen's macros as macros and the modules' on/off,
 * and compile to checkpolicy's bytes for the same tree built with Xen's m4 recipe.
 */
class ImportCustomModuleTest {

    private static final String CUSTOM_TE = """
            # A custom guest built through a build label, with its own device model and device.
            declare_domain(custom_t, mls_priv, domain_target_type)
            declare_build_label(custom_t)
            create_domain_build_label(dom0_t, custom_t)
            manage_domain(dom0_t, custom_t)
            domain_comms(dom0_t, custom_t)
            declare_domain(custom_dm_t)
            create_domain(dom0_t, custom_dm_t)
            make_device_model(dom0_t, custom_dm_t, custom_t)
            gen_bool(custom_locked, false)
            if (!custom_locked) {
            	migrate_domain_out(dom0_t, custom_t)
            }
            type custom_dev_t, resource_type;
            use_device_iommu(custom_t, custom_dev_t)
            delegate_devices(dom0_t, custom_t)
            role custom_r;
            role custom_r types { custom_t custom_dm_t };
            gen_user(custom_u,, custom_r, s0, s0)
            """;

    private static final List<String> PUBLIC_MACROS = List.of("declare_domain", "create_domain", "manage_domain",
            "migrate_domain_out", "device_model", "delegate_devices", "declare_build_label", "domain_comms");

    @ParameterizedTest
    @ValueSource(strings = {"4.17", "4.22"})
    void customModuleAndModuleSwitchedOff(String version) throws Exception {
        Path dir = ImportSupport.workDir("custom-" + version);
        Path tree = copyPolicyTree(SharedData.xen(version), dir.resolve("xen"));
        Path modules = tree.resolve("tools/flask/policy/modules");
        Files.writeString(modules.resolve("custom.te"), CUSTOM_TE);
        Files.writeString(modules.resolve("modules.conf"), Files.readString(modules.resolve("modules.conf"))
                .replace("nic_dev = on", "nic_dev = off") + "\ncustom = on\n");

        List<Path> sources = XenPolicyImporter.write(XenPolicyImporter.translate(tree), dir.resolve("src"));

        assertTrue(Files.readString(file(sources, "nic_dev")).contains("\nmodule nic_dev = off;\n"), "nic_dev off");
        assertTrue(Files.readString(file(sources, "custom")).contains("\nmodule custom;\n"), "custom module on");
        ImportSupport.assertConforms(tree, XenPolicySources.enabledModules(tree), sources, dir);

        XsmCompiler.Checked checked = ImportSupport.compiler().check(sources);
        Policy xen = policy(checked, "xen");
        Set<String> macros = xen.getStatements().stream().filter(Macro.class::isInstance).map(s -> ((Macro) s)
                .getName()).collect(Collectors.toSet());
        assertTrue(macros.containsAll(PUBLIC_MACROS), "Xen's public macros are macros: " + macros);
        List<String> called = policy(checked, "custom").getStatements().stream().filter(MacroCall.class::isInstance)
                .map(s -> ((MacroCall) s).getMacro()).filter(m -> !m.eIsProxy() && m.eContainer() == xen)
                .map(Macro::getName).distinct().toList();
        assertEquals(List.of("declare_domain", "declare_build_label", "create_domain_build_label", "manage_domain",
                "domain_comms", "create_domain", "make_device_model", "use_device_iommu", "delegate_devices"),
                called);
    }

    @Test
    void unsupportedM4IsRefusedWithFileAndLine() throws Exception {
        Path dir = ImportSupport.workDir("unsupported");
        Path tree = copyPolicyTree(SharedData.xen("4.22"), dir.resolve("xen"));
        Path modules = tree.resolve("tools/flask/policy/modules");
        Files.writeString(modules.resolve("custom.te"), "declare_domain(custom_t)\n"
                + "ifelse(`a', `b', `type x_t;', `type y_t;')\n");
        Files.writeString(modules.resolve("xen.if"), Files.readString(modules.resolve("xen.if"))
                + "\n# counted(dom)\ndefine(`counted', `\n\ttype $1_`'incr(1);\n')\n");
        Files.writeString(modules.resolve("modules.conf"), Files.readString(modules.resolve("modules.conf"))
                + "\ncustom = on\n");

        PolicyImportException error = assertThrows(PolicyImportException.class,
                () -> XenPolicyImporter.translate(tree));
        int line = (int) Files.readString(modules.resolve("xen.if")).lines().count() - 1;
        assertEquals("tools/flask/policy/modules/xen.if:" + line + ": macro counted: m4 construct 'incr(' has no"
                + " equivalent in the language", error.getMessage());

        Files.writeString(modules.resolve("xen.if"), Files.readString(SharedData.xen("4.22").resolve(
                "tools/flask/policy/modules/xen.if")));
        error = assertThrows(PolicyImportException.class, () -> XenPolicyImporter.translate(tree));
        assertEquals("tools/flask/policy/modules/custom.te:2: m4 construct ifelse is not supported",
                error.getMessage());
    }

    private static Policy policy(XsmCompiler.Checked checked, String module) {
        return checked.policies().stream().filter(p -> module.equals(p.getName())).findFirst().orElseThrow();
    }

    private static Path file(List<Path> sources, String module) {
        return sources.stream().filter(p -> p.getFileName().toString().endsWith("-" + module + ".xsm")).findFirst()
                .orElseThrow();
    }

    /** Copies a tree's policy folders (not the rest of the data) into the test's work folder. */
    private static Path copyPolicyTree(Path tree, Path copy) throws IOException {
        for (String folder : List.of("tools/flask/policy", "xen/xsm/flask/policy")) {
            try (Stream<Path> files = Files.walk(tree.resolve(folder))) {
                for (Path source : files.toList()) {
                    Path target = copy.resolve(tree.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                }
            }
        }
        return copy;
    }
}
