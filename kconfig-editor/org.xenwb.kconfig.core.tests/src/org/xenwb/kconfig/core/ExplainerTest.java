package org.xenwb.kconfig.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code explain} on Xen 4.17 with Debian's configuration: the values it reports are those the reference
 * {@code conf} writes for the same input.
 */
class ExplainerTest {

    @Test
    void explainsDebianXenConfiguration() throws Exception {
        Path data = SharedData.requireData();
        Path tools = SharedData.requireTools();
        SharedData.requireConf();
        Path work = SharedData.targetDir().resolve("explain");
        ConfRunner.deleteTree(work);
        Path ref = work.resolve("ref");
        ConfRunner.copyTree(data.resolve("xen-4.17/xen"), ref);
        Files.createDirectories(ref.resolve("scripts"));
        for (String s : List.of("gcc-version.sh", "clang-version.sh")) {
            Files.copy(tools.resolve("xen-kconfig-scripts/" + s), ref.resolve("scripts/" + s));
            ref.resolve("scripts/" + s).toFile().setExecutable(true);
        }
        Path ours = work.resolve("ours");
        ConfRunner.copyTree(ref, ours);
        XenConformanceTest.makeReferenceCopy(ref);
        Files.copy(data.resolve("xen-4.17/debian-xen-4.17-amd64.config"), ref.resolve(".config"));
        Files.copy(data.resolve("xen-4.17/debian-xen-4.17-amd64.config"), ours.resolve(".config"));
        Map<String, String> env = ConfRunner.baseEnvironment();
        env.putAll(Map.of("srctree", ".", "ARCH", "x86_64", "SRCARCH", "x86", "XEN_FULLVERSION", "4.17.7",
                "CC", "gcc", "LD", "ld", "XEN_HAS_CHECKPOLICY", "y", "XEN_HAS_BUILD_ID", "y"));
        ConfRunner.runReference(ref, env, List.of("--olddefconfig", "Kconfig"), null);
        String refConfig = Files.readString(ref.resolve(".config"), StandardCharsets.ISO_8859_1);

        Kconfig kc = Kconfig.load("Kconfig", new Kconfig.Options(ours, env, ShellPolicy.ALLOW_ALL, s -> { },
                s -> { }));
        new ConfigFiles(kc).read(null);
        Explainer ex = new Explainer(kc);
        for (String name : List.of("LIVEPATCH", "XSM", "SCHED_CREDIT2", "NR_CPUS", "HVM", "SHADOW_PAGING")) {
            Symbol sym = kc.symbol(name);
            String text = ex.explain(sym);
            String value = kc.value(sym);
            String expected = refConfig.contains("CONFIG_" + name + "=" + value + "\n") ? value
                    : refConfig.contains("# CONFIG_" + name + " is not set\n") ? "n" : "?";
            assertEquals(expected, value, name + " as conf computes it");
            assertTrue(text.startsWith(name + " (" + sym.type().displayName() + ") = " + value + "\n"), text);
            MenuNode def = sym.definitions().get(0);
            assertTrue(text.contains("defined at " + def.file() + ":" + def.line()), text);
            assertTrue(Files.readAllLines(ours.resolve(def.file()), StandardCharsets.ISO_8859_1)
                    .get(def.line() - 1).matches("\\s*(menu)?config " + name + "\\s*"), "definition site of " + name);
        }
        // XSM is off in Debian's build: explain shows it is a user choice, not an unmet dependency
        assertTrue(ex.explain(kc.symbol("XSM")).contains("why n: user value from the configuration"));
        // a selected symbol names its selectors
        String compat = ex.explain(kc.symbol("COMPAT"));
        assertTrue(compat.contains("selected by [y]:"), compat);
        new ConfMode(kc, new BufferedReader(new StringReader("")), s -> { });
    }

    /** A comparison with an empty string reads as one: {@code ""=y}, not C's {@code =y [=y]} (which looks true). */
    @Test
    void comparisonsWithStringsAreReadable(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("Kconfig"), """
                config FEATURE
                \tbool "feature"
                \tdefault y
                \tdepends on "$(HAS_ID)" = "y" && FOO

                config FOO
                \tbool "foo"
                \tdefault y
                """);
        Kconfig kc = Kconfig.load("Kconfig", new Kconfig.Options(dir, Map.of(), ShellPolicy.DENY_ALL, s -> { },
                s -> { }));
        new ConfigFiles(kc).read(null);
        String text = new Explainer(kc).explain(kc.symbol("FEATURE"));
        assertTrue(text.contains("depends on [n]: \"\"=y && FOO [=y]\n"), text);
        assertTrue(text.contains("    unmet: \"\"=y\n"), text);
    }
}
