package org.xenwb.kconfig.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Conformance with the C {@code conf} on the Linux 6.1 tree of Debian's {@code linux-source-6.1} package (x86_64
 * and arm64, every mode, plus Debian's real amd64 kernel config from {@code linux-config-6.1}), run out of tree
 * ({@code srctree} pointing at the extracted sources, as {@code make O=...} does).
 *
 * <p>Skips when the package is not installed. With {@code -Dxenwb.kconfig.fullsweep=true} (or the environment
 * variable {@code XENWB_KCONFIG_FULLSWEEP=true}) every architecture of the tree and every defconfig is added (a
 * longer profile).</p>
 */
@Tag("conformance")
class LinuxConformanceTest {
    static final Path TARBALL = Path.of("/usr/src/linux-source-6.1.tar.xz");
    static final Path DEBIAN_CONFIGS = Path.of("/usr/src/linux-config-6.1");

    /** One case. */
    record Case(String srcarch, ConfMode.Mode mode, String file, String dotConfig, Map<String, String> extraEnv,
            String label) {
        @Override
        public String toString() {
            return label;
        }
    }

    private static final Map<String, String> DEFAULT_DEFCONFIG = Map.of("x86", "x86_64_defconfig",
            "arm64", "defconfig");

    static Stream<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        for (String arch : List.of("x86", "arm64")) {
            addArchCases(out, arch, true);
        }
        out.add(new Case("x86", ConfMode.Mode.OLDDEFCONFIG, null, "debian:config.amd64_none_amd64.xz", Map.of(),
                "6.1 x86 --olddefconfig (.config=Debian amd64)"));
        out.add(new Case("x86", ConfMode.Mode.SAVEDEFCONFIG, "defconfig.out", "debian:config.amd64_none_amd64.xz",
                Map.of(), "6.1 x86 --savedefconfig (.config=Debian amd64)"));
        out.add(new Case("x86", ConfMode.Mode.LISTNEWCONFIG, null, "debian:config.amd64_none_amd64.xz", Map.of(),
                "6.1 x86 --listnewconfig (.config=Debian amd64)"));
        out.add(new Case("x86", ConfMode.Mode.HELPNEWCONFIG, null, "debian:config.amd64_none_amd64.xz", Map.of(),
                "6.1 x86 --helpnewconfig (.config=Debian amd64)"));
        out.add(new Case("x86", ConfMode.Mode.SYNCCONFIG, null, "debian:config.amd64_none_amd64.xz", Map.of(),
                "6.1 x86 --syncconfig (.config=Debian amd64)"));
        for (ConfMode.Mode m : List.of(ConfMode.Mode.OLDCONFIG, ConfMode.Mode.YES2MODCONFIG,
                ConfMode.Mode.MOD2YESCONFIG, ConfMode.Mode.MOD2NOCONFIG)) {
            out.add(new Case("x86", m, null, "debian:config.amd64_none_amd64.xz", Map.of(),
                    "6.1 x86 --" + m.optionName() + " (.config=Debian amd64)"));
        }
        out.add(new Case("x86", ConfMode.Mode.OLDDEFCONFIG, null, "debian:config.amd64_rt_amd64.xz", Map.of(),
                "6.1 x86 --olddefconfig (.config=Debian rt amd64)"));
        out.add(new Case("x86", ConfMode.Mode.OLDDEFCONFIG, null, "debian:config.amd64_none_cloud-amd64.xz",
                Map.of(), "6.1 x86 --olddefconfig (.config=Debian cloud-amd64)"));
        if (Boolean.getBoolean("xenwb.kconfig.fullsweep") || "true".equals(System.getenv("XENWB_KCONFIG_FULLSWEEP"))) {
            Path tree = treeIfPresent();
            if (tree != null) {
                try (Stream<Path> s = Files.list(tree.resolve("arch"))) {
                    for (Path a : s.sorted().toList()) {
                        String arch = a.getFileName().toString();
                        if (Files.isRegularFile(a.resolve("Kconfig")) && !arch.equals("x86") && !arch.equals("arm64")) {
                            addArchCases(out, arch, false);
                        }
                    }
                }
            }
        }
        String only = System.getenv("XENWB_KCONFIG_ONLY");
        return out.stream().filter(c -> only == null || c.label().matches(only));
    }

    private static void addArchCases(List<Case> out, String arch, boolean full) throws IOException {
        String p = "6.1 " + arch + " ";
        for (ConfMode.Mode m : List.of(ConfMode.Mode.ALLDEFCONFIG, ConfMode.Mode.ALLNOCONFIG,
                ConfMode.Mode.ALLYESCONFIG, ConfMode.Mode.ALLMODCONFIG)) {
            out.add(new Case(arch, m, null, null, Map.of(), p + "--" + m.optionName()));
        }
        String def = "arch/" + arch + "/configs/" + DEFAULT_DEFCONFIG.getOrDefault(arch, "defconfig");
        if (full) {
            out.add(new Case(arch, ConfMode.Mode.OLDDEFCONFIG, null, null, Map.of(), p + "--olddefconfig"));
            for (String seed : List.of("1", "12345")) {
                out.add(new Case(arch, ConfMode.Mode.RANDCONFIG, null, null, Map.of("KCONFIG_SEED", seed),
                        p + "--randconfig KCONFIG_SEED=" + seed));
            }
            out.add(new Case(arch, ConfMode.Mode.DEFCONFIG, def, null, Map.of(), p + "--defconfig=" + def));
            for (ConfMode.Mode m : List.of(ConfMode.Mode.OLDDEFCONFIG, ConfMode.Mode.SAVEDEFCONFIG,
                    ConfMode.Mode.LISTNEWCONFIG, ConfMode.Mode.HELPNEWCONFIG, ConfMode.Mode.SYNCCONFIG)) {
                out.add(new Case(arch, m, m == ConfMode.Mode.SAVEDEFCONFIG ? "defconfig.out" : null, def, Map.of(),
                        p + "--" + m.optionName() + " (.config=" + def + ")"));
            }
        } else {
            Path tree = treeIfPresent();
            Path configs = tree == null ? null : tree.resolve("arch/" + arch + "/configs");
            if (configs != null && Files.isDirectory(configs)) {
                try (Stream<Path> s = Files.list(configs)) {
                    for (Path c : s.sorted().toList()) {
                        String d = "arch/" + arch + "/configs/" + c.getFileName();
                        out.add(new Case(arch, ConfMode.Mode.DEFCONFIG, d, null, Map.of(), p + "--defconfig=" + d));
                    }
                }
            }
        }
    }

    private static Path treeIfPresent() {
        Path t = SharedData.targetDir().resolve("linux-6.1/linux-source-6.1");
        return Files.isRegularFile(t.resolve("Kconfig")) ? t : null;
    }

    /** Extracts the Kconfig files, scripts and defconfigs of the tarball once into target/. */
    static synchronized Path tree() throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isRegularFile(TARBALL),
                TARBALL + " not installed (apt-get install linux-source-6.1)");
        Path t = treeIfPresent();
        if (t != null) {
            return t;
        }
        Path dir = SharedData.targetDir().resolve("linux-6.1");
        Files.createDirectories(dir);
        Process p = new ProcessBuilder("tar", "xJf", TARBALL.toString(), "--wildcards",
                "linux-source-6.1/*Kconfig*", "linux-source-6.1/scripts/*", "linux-source-6.1/arch/*/configs/*")
                .directory(dir.toFile()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException("tar failed on " + TARBALL);
        }
        return dir.resolve("linux-source-6.1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agreesWithConf(Case c) throws Exception {
        SharedData.requireConf();
        Path tree = tree().toAbsolutePath();
        Path work = SharedData.targetDir().resolve("conformance/linux/"
                + c.label().replaceAll("[^A-Za-z0-9._=-]+", "_")).toAbsolutePath();
        ConfRunner.deleteTree(work);
        Path ref = work.resolve("ref");
        Path ours = work.resolve("ours");
        for (Path d : List.of(ref, ours)) {
            Files.createDirectories(d);
            if (c.dotConfig() != null) {
                if (c.dotConfig().startsWith("debian:")) {
                    Path xz = DEBIAN_CONFIGS.resolve(c.dotConfig().substring(7));
                    Assumptions.assumeTrue(Files.isRegularFile(xz), xz + " not installed (linux-config-6.1)");
                    Process p = new ProcessBuilder("xz", "-dc", xz.toString())
                            .redirectOutput(d.resolve(".config").toFile()).start();
                    if (p.waitFor() != 0) {
                        throw new IOException("xz failed on " + xz);
                    }
                } else {
                    Files.copy(tree.resolve(c.dotConfig()), d.resolve(".config"));
                }
            }
        }
        Map<String, String> env = environment(tree, c.srcarch());
        env.putAll(c.extraEnv());
        String file = c.file();
        if (c.mode() == ConfMode.Mode.DEFCONFIG) {
            file = tree.resolve(c.file()).toString();
        }
        ConfRunner.Result r = ConfRunner.runReference(ref, new LinkedHashMap<>(env),
                List.of(ConfRunner.optionOf(c.mode(), file), "Kconfig"), null);
        ConfRunner.Result o = ConfRunner.runOurs(ours, env, c.mode(), file, "Kconfig", null);
        ConfRunner.assertSame(ref, r, ours, o, List.of("defconfig.out"));
    }

    /** The environment kbuild passes to conf for {@code srcarch}, with {@code srctree} pointing at {@code tree}. */
    static Map<String, String> environment(Path tree, String srcarch) throws IOException, InterruptedException {
        Map<String, String> env = ConfRunner.baseEnvironment();
        env.putAll(Map.of("srctree", tree.toString(), "ARCH", srcarch, "SRCARCH", srcarch,
                "KERNELVERSION", "6.1.0", "CC", "gcc", "LD", "ld", "HOSTCC", "gcc", "HOSTCXX", "g++",
                "RUSTC", "rustc", "BINDGEN", "bindgen"));
        env.put("CC_VERSION_TEXT", gccVersionText());
        env.put("KCONFIG_DEFCONFIG_LIST", "arch/" + srcarch + "/configs/"
                + DEFAULT_DEFCONFIG.getOrDefault(srcarch, "defconfig"));
        return env;
    }

    private static String gccVersionText() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("gcc", "--version").start();
        String text = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
