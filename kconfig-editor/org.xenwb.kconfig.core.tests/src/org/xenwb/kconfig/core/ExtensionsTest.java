package org.xenwb.kconfig.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forms the C conf of Linux 6.1 does not have: Xen 4.17's {@code ---help---} and {@code option defconfig_list}
 * (which Xen's own conf accepts) and Kconfiglib's {@code rsource}, {@code osource} and globbing {@code source}.
 * Expected values follow from the documented semantics of those forms (no reference tool implements them all).
 */
class ExtensionsTest {

    static Path fixture(String name) {
        Path here = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p : List.of(here.resolve("kconfig-editor/org.xenwb.kconfig.core.tests/resources/" + name),
                here.resolve("resources/" + name))) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("fixture " + name + " not found from " + here);
    }

    @Test
    void readsExtensionsAndOldForms(@TempDir Path tmp) throws Exception {
        Path tree = fixture("extensions");
        List<String> out = new ArrayList<>();
        Kconfig kc = Kconfig.load("Kconfig", new Kconfig.Options(tmp, Map.of("srctree", tree.toString(),
                "NAME", "demo"), ShellPolicy.DENY_ALL, out::add, out::add));
        assertEquals("Extensions demo", kc.rootMenu().prompt().text());
        // glob results are read in sorted order, after the rsource'd file; the optional missing file is ignored
        assertEquals(List.of("drivers/b/Kconfig", "drivers/a/Kconfig", "sub/Kconfig", "Kconfig"), kc.files());
        List<String> order = new ArrayList<>();
        for (MenuNode m : kc.rootMenu().children()) {
            if (m.symbol() != null) {
                order.add(m.symbol().name());
            }
        }
        assertEquals("TOP", order.get(0));
        assertTrue(order.indexOf("DRV_A") < order.indexOf("DRV_B"));
        assertEquals("Xen 4.17 style help.\n", kc.symbol("TOP").definitions().get(0).help());

        // no .config: the defconfig_list symbol names the file to start from, as in Xen's own conf
        StringBuilder stdout = new StringBuilder();
        int status = new ConfMode(kc, new BufferedReader(new StringReader("")), stdout::append)
                .run(ConfMode.Mode.OLDDEFCONFIG, null, false, 0);
        assertEquals(0, status);
        assertTrue(out.contains("#\n# using defaults found in defconfig.in\n#"), out.toString());
        String config = Files.readString(tmp.resolve(".config"), StandardCharsets.ISO_8859_1);
        assertTrue(config.contains("# CONFIG_DRV_A is not set\n# CONFIG_DRV_B is not set\n"), config);
        assertTrue(config.contains("CONFIG_SUB=y\n"), config);
        // the defconfig_list symbol is internal: never written, like Xen's conf
        assertFalse(config.contains("DEFCONFIG_LIST"), config);
        assertNull(kc.symbol("NOT_DEFINED"));
    }
}
