package org.xenwb.kconfig.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Conformance with the C {@code conf} on the kconfig unit-test fixtures Xen ships ({@code xen/tools/kconfig/tests}:
 * choices, nested choices, auto sub-menus, unmet dependencies, recursive dependencies, recursive inclusion and the
 * preprocessor), in every mode. Output files, standard output, exit status and (for the error and preprocessor
 * fixtures) standard error must be identical.
 */
@Tag("conformance")
class FixtureConformanceTest {

    /** One fixture run. */
    record Case(String fixture, ConfMode.Mode mode, String file, String dotConfig, String seed, String label) {
        @Override
        public String toString() {
            return label;
        }
    }

    private static Path fixtures() {
        Path s = SharedData.sharedDir();
        return s == null ? null : s.resolve("data/xen-4.17/xen/tools/kconfig/tests");
    }

    static Stream<Case> cases() throws IOException {
        Path root = fixtures();
        List<Case> out = new ArrayList<>();
        if (root == null || !Files.isDirectory(root)) {
            out.add(new Case("(absent)", ConfMode.Mode.ALLDEFCONFIG, null, null, null, "fixtures absent"));
            return out.stream();
        }
        List<String> dirs = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(p -> Files.isRegularFile(p.resolve("Kconfig")))
                    .map(p -> root.relativize(p).toString()).sorted().forEach(dirs::add);
        }
        for (String d : dirs) {
            for (ConfMode.Mode m : List.of(ConfMode.Mode.ALLDEFCONFIG, ConfMode.Mode.ALLNOCONFIG,
                    ConfMode.Mode.ALLYESCONFIG, ConfMode.Mode.ALLMODCONFIG, ConfMode.Mode.OLDDEFCONFIG,
                    ConfMode.Mode.LISTNEWCONFIG, ConfMode.Mode.HELPNEWCONFIG, ConfMode.Mode.OLDASKCONFIG)) {
                out.add(new Case(d, m, null, null, null, d + " --" + m.optionName()));
            }
            for (String seed : List.of("1", "2", "3", "4", "5")) {
                out.add(new Case(d, ConfMode.Mode.RANDCONFIG, null, null, seed,
                        d + " --randconfig KCONFIG_SEED=" + seed));
            }
            for (String cfg : List.of("config", "oldask1_config")) {
                if (Files.isRegularFile(root.resolve(d).resolve(cfg))) {
                    for (ConfMode.Mode m : List.of(ConfMode.Mode.OLDDEFCONFIG, ConfMode.Mode.OLDCONFIG,
                            ConfMode.Mode.OLDASKCONFIG, ConfMode.Mode.LISTNEWCONFIG, ConfMode.Mode.HELPNEWCONFIG,
                            ConfMode.Mode.SAVEDEFCONFIG,
                            ConfMode.Mode.SYNCCONFIG)) {
                        out.add(new Case(d, m, m == ConfMode.Mode.SAVEDEFCONFIG ? "defconfig.out" : null, cfg, null,
                                d + " --" + m.optionName() + " (.config=" + cfg + ")"));
                    }
                }
            }
            if (Files.isRegularFile(root.resolve(d).resolve("defconfig"))) {
                out.add(new Case(d, ConfMode.Mode.DEFCONFIG, "defconfig", null, null, d + " --defconfig=defconfig"));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agreesWithConf(Case c) throws Exception {
        SharedData.requireData();
        SharedData.requireConf();
        Path src = fixtures().resolve(c.fixture());
        Assumptions.assumeTrue(Files.isDirectory(src), "fixture missing");
        Path work = SharedData.targetDir().resolve("conformance/fixtures/"
                + c.label().replaceAll("[^A-Za-z0-9._=-]+", "_"));
        ConfRunner.deleteTree(work);
        Path ref = work.resolve("ref");
        Path ours = work.resolve("ours");
        for (Path t : List.of(ref, ours)) {
            ConfRunner.copyTree(src, t);
            if (c.dotConfig() != null) {
                Files.copy(src.resolve(c.dotConfig()), t.resolve(".config"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        // Linux 6.1 dropped 'option modules' (Xen's own conf still takes it): rewrite it for the reference only
        for (Path k : List.of(ref.resolve("Kconfig"))) {
            String text = Files.readString(k, StandardCharsets.ISO_8859_1);
            Files.writeString(k, text.replace("\toption modules\n", "\tmodules\n"), StandardCharsets.ISO_8859_1);
        }
        Map<String, String> env = ConfRunner.baseEnvironment();
        if (c.seed() != null) {
            env.put("KCONFIG_SEED", c.seed());
        }
        ConfRunner.Result r = ConfRunner.runReference(ref, env,
                List.of(ConfRunner.optionOf(c.mode(), c.file()), "Kconfig"), "");
        ConfRunner.Result o = ConfRunner.runOurs(ours, env, c.mode(), c.file(), "Kconfig", "");
        ConfRunner.assertSame(ref, r, ours, o, List.of("defconfig.out"));
        if (c.fixture().startsWith("err_") || c.fixture().startsWith("preprocess")) {
            assertEquals(Files.readString(ref.resolve("conf.stderr"), StandardCharsets.ISO_8859_1),
                    Files.readString(ours.resolve("ours.stderr"), StandardCharsets.ISO_8859_1), "standard error");
        }
    }
}
