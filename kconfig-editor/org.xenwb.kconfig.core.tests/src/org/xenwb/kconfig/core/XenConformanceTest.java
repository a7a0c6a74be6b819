package org.xenwb.kconfig.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * Conformance with the C {@code conf} of Debian's linux-kbuild-6.1 on Xen's real Kconfig trees (4.17.7 and 4.22.0,
 * every architecture, every mode, every defconfig, Debian's .config).
 *
 * <p>The reference runs on a copy where Xen 4.17's old forms are rewritten ({@code ---help---} to {@code help}, the
 * {@code DEFCONFIG_LIST} entry removed, {@code KCONFIG_DEFCONFIG_LIST} set to the arch's defconfig): there it gives
 * what Xen's own conf gives. Our engine reads the original files with Xen's own environment (no
 * {@code KCONFIG_DEFCONFIG_LIST}: the {@code option defconfig_list} symbol supplies it). Every output file, standard
 * output and the exit status must be identical.</p>
 *
 * <p>The environment variable {@code XENWB_KCONFIG_ONLY} (a regular expression over case names) narrows the run
 * while developing.</p>
 */
@Tag("conformance")
class XenConformanceTest {

    /** One conformance case. */
    record Case(String version, String srcarch, String arch, ConfMode.Mode mode, String file, String dotConfig,
            Map<String, String> extraEnv, String label) {
        @Override
        public String toString() {
            return label;
        }
    }

    private static final Map<String, String> DEFAULT_DEFCONFIG = Map.of(
            "x86_64", "arch/x86/configs/x86_64_defconfig",
            "arm64", "arch/arm/configs/arm64_defconfig",
            "arm32", "arch/arm/configs/arm32_defconfig",
            "riscv64", "arch/riscv/configs/tiny64_defconfig",
            "ppc64", "arch/ppc/configs/ppc64_defconfig");

    private static final String DEBIAN = "debian-xen-4.17-amd64.config";

    static Stream<Case> cases() throws IOException {
        Path data = SharedData.sharedDir() == null ? null : SharedData.sharedDir().resolve("data");
        List<Case> out = new ArrayList<>();
        for (String version : List.of("4.17", "4.22")) {
            List<String[]> arches = new ArrayList<>(List.of(new String[] {"x86", "x86_64"},
                    new String[] {"arm", "arm64"}, new String[] {"arm", "arm32"}, new String[] {"riscv", "riscv64"}));
            if (version.equals("4.22")) {
                arches.add(new String[] {"ppc", "ppc64"});
            }
            for (String[] a : arches) {
                addArchCases(out, data, version, a[0], a[1]);
            }
        }
        String only = System.getenv("XENWB_KCONFIG_ONLY");
        return out.stream().filter(c -> only == null || c.label().matches(only));
    }

    private static void addArchCases(List<Case> out, Path data, String v, String srcarch, String arch)
            throws IOException {
        String p = v + " " + arch + " ";
        for (ConfMode.Mode m : List.of(ConfMode.Mode.ALLDEFCONFIG, ConfMode.Mode.ALLNOCONFIG,
                ConfMode.Mode.ALLYESCONFIG, ConfMode.Mode.ALLMODCONFIG, ConfMode.Mode.OLDDEFCONFIG,
                ConfMode.Mode.LISTNEWCONFIG, ConfMode.Mode.OLDASKCONFIG, ConfMode.Mode.OLDCONFIG)) {
            out.add(new Case(v, srcarch, arch, m, null, null, Map.of(), p + "--" + m.optionName()));
        }
        out.add(new Case(v, srcarch, arch, ConfMode.Mode.ALLYESCONFIG, null, null,
                Map.of("KCONFIG_ALLCONFIG", ".allconfig.tmp"), p + "--allyesconfig KCONFIG_ALLCONFIG=<empty file>"));
        for (String seed : List.of("1", "42", "0xdeadbeef", "2147483648")) {
            out.add(new Case(v, srcarch, arch, ConfMode.Mode.RANDCONFIG, null, null, Map.of("KCONFIG_SEED", seed),
                    p + "--randconfig KCONFIG_SEED=" + seed));
        }
        out.add(new Case(v, srcarch, arch, ConfMode.Mode.RANDCONFIG, null, null,
                Map.of("KCONFIG_SEED", "3", "KCONFIG_ALLCONFIG", "tools/kconfig/allrandom.config"),
                p + "--randconfig KCONFIG_SEED=3 KCONFIG_ALLCONFIG=allrandom.config (Xen CI)"));
        for (String prob : List.of("10", "90", "20:30", "50:25:25")) {
            out.add(new Case(v, srcarch, arch, ConfMode.Mode.RANDCONFIG, null, null,
                    Map.of("KCONFIG_SEED", "5", "KCONFIG_PROBABILITY", prob),
                    p + "--randconfig KCONFIG_SEED=5 KCONFIG_PROBABILITY=" + prob));
        }
        List<String> defconfigs = new ArrayList<>();
        Path configs = data == null ? null : data.resolve("xen-" + v + "/xen/arch/" + srcarch + "/configs");
        if (configs != null && Files.isDirectory(configs)) {
            try (Stream<Path> s = Files.list(configs)) {
                s.map(x -> "arch/" + srcarch + "/configs/" + x.getFileName()).sorted().forEach(defconfigs::add);
            }
        }
        for (String d : defconfigs) {
            out.add(new Case(v, srcarch, arch, ConfMode.Mode.DEFCONFIG, d, null, Map.of(), p + "--defconfig=" + d));
            for (ConfMode.Mode m : List.of(ConfMode.Mode.OLDDEFCONFIG, ConfMode.Mode.SAVEDEFCONFIG,
                    ConfMode.Mode.LISTNEWCONFIG, ConfMode.Mode.HELPNEWCONFIG, ConfMode.Mode.SYNCCONFIG)) {
                out.add(new Case(v, srcarch, arch, m, m == ConfMode.Mode.SAVEDEFCONFIG ? "defconfig.out" : null, d,
                        Map.of(), p + "--" + m.optionName() + " (.config=" + d + ")"));
            }
        }
        if (arch.equals("x86_64")) {
            out.add(new Case(v, srcarch, arch, ConfMode.Mode.ALLNOCONFIG, null, null, Map.of("KCONFIG_ALLCONFIG", "1"),
                    p + "--allnoconfig KCONFIG_ALLCONFIG=1 (no allno.config: error)"));
            out.add(new Case(v, srcarch, arch, ConfMode.Mode.OLDDEFCONFIG, null, null,
                    Map.of("KCONFIG_CONFIG", "build/xen.config", "KCONFIG_AUTOCONFIG", "build/auto.conf",
                            "KCONFIG_AUTOHEADER", "build/autoconf.h", "KCONFIG_RUSTCCFG", "build/rustc_cfg"),
                    p + "--olddefconfig KCONFIG_CONFIG=build/xen.config KCONFIG_AUTO*=build/..."));
            out.add(new Case(v, srcarch, arch, ConfMode.Mode.DEFCONFIG, "does/not/exist", null, Map.of(),
                    p + "--defconfig=does/not/exist (error)"));
            out.add(new Case(v, srcarch, arch, ConfMode.Mode.OLDDEFCONFIG, null, DEBIAN,
                    Map.of("KCONFIG_OVERWRITECONFIG", "1"),
                    p + "--olddefconfig KCONFIG_OVERWRITECONFIG=1 (.config=Debian's)"));
            out.add(new Case(v, srcarch, arch, ConfMode.Mode.SYNCCONFIG, null, "arch/x86/configs/pvshim_defconfig",
                    Map.of("KCONFIG_NOSILENTUPDATE", "1"),
                    p + "--syncconfig KCONFIG_NOSILENTUPDATE=1 (.config=pvshim_defconfig: needs update, error)"));
            out.add(new Case(v, srcarch, arch, ConfMode.Mode.SYNCCONFIG, null, DEBIAN,
                    Map.of("KCONFIG_NOSILENTUPDATE", "1"),
                    p + "--syncconfig KCONFIG_NOSILENTUPDATE=1 (.config=Debian's)"));
        }
        if (srcarch.equals("x86")) {
            for (ConfMode.Mode m : List.of(ConfMode.Mode.OLDDEFCONFIG, ConfMode.Mode.SAVEDEFCONFIG,
                    ConfMode.Mode.LISTNEWCONFIG, ConfMode.Mode.HELPNEWCONFIG, ConfMode.Mode.SYNCCONFIG,
                    ConfMode.Mode.OLDCONFIG, ConfMode.Mode.MOD2NOCONFIG)) {
                out.add(new Case(v, srcarch, arch, m, m == ConfMode.Mode.SAVEDEFCONFIG ? "defconfig.out" : null,
                        DEBIAN, Map.of(), p + "--" + m.optionName() + " (.config=Debian's)"));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agreesWithConf(Case c) throws Exception {
        Path data = SharedData.requireData();
        Path tools = SharedData.requireTools();
        SharedData.requireConf();
        Path src = data.resolve("xen-" + c.version() + "/xen");
        Assumptions.assumeTrue(Files.isDirectory(src), "no Xen " + c.version() + " tree in " + data);
        Path work = SharedData.targetDir().resolve("conformance/xen/" + c.label().replaceAll("[^A-Za-z0-9._=-]+", "_"));
        ConfRunner.deleteTree(work);
        Path ref = work.resolve("ref");
        Path ours = work.resolve("ours");
        for (Path t : List.of(ref, ours)) {
            XenTree.copyWithScripts(src, tools, t);
            if (c.dotConfig() != null) {
                Path from = c.dotConfig().equals(DEBIAN) ? data.resolve("xen-4.17/" + DEBIAN)
                        : src.resolve(c.dotConfig());
                Files.copy(from, t.resolve(".config"));
            }
            if (".allconfig.tmp".equals(c.extraEnv().get("KCONFIG_ALLCONFIG"))) {
                Files.writeString(t.resolve(".allconfig.tmp"), "");
            }
        }
        makeReferenceCopy(ref);
        Map<String, String> env = ConfRunner.baseEnvironment();
        env.putAll(Map.of("srctree", ".", "ARCH", c.arch(), "SRCARCH", c.srcarch(),
                "XEN_FULLVERSION", c.version().equals("4.17") ? "4.17.7" : "4.22.0", "CC", "gcc", "LD", "ld",
                "XEN_HAS_CHECKPOLICY", "y", "XEN_HAS_BUILD_ID", "y"));
        env.putAll(c.extraEnv());
        Map<String, String> refEnv = new LinkedHashMap<>(env);
        refEnv.put("KCONFIG_DEFCONFIG_LIST", DEFAULT_DEFCONFIG.get(c.arch()));
        ConfRunner.Result r = ConfRunner.runReference(ref, refEnv,
                List.of(ConfRunner.optionOf(c.mode(), c.file()), "Kconfig"), null);
        ConfRunner.Result o = ConfRunner.runOurs(ours, env, c.mode(), c.file(), "Kconfig", null);
        ConfRunner.assertSame(ref, r, ours, o, List.of("defconfig.out", "build/xen.config", "build/xen.config.old",
                "build/auto.conf", "build/auto.conf.cmd", "build/autoconf.h", "build/rustc_cfg"));
    }

    /** The rewrite that makes Linux 6.1's conf accept Xen 4.17's files (line numbers unchanged). */
    static void makeReferenceCopy(Path tree) throws IOException {
        try (Stream<Path> s = Files.walk(tree)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(p) && p.getFileName().toString().startsWith("Kconfig")) {
                    String text = Files.readString(p, StandardCharsets.ISO_8859_1);
                    String fixed = text.replace("---help---", "help");
                    int i = fixed.indexOf("config DEFCONFIG_LIST\n");
                    if (i >= 0) {
                        int j = fixed.indexOf("\n\n", i);
                        // blank lines in its place keep the line numbers conf prints (helpnewconfig) as in ours
                        String block = fixed.substring(i, j + 2);
                        fixed = fixed.substring(0, i) + "\n".repeat((int) block.chars().filter(ch -> ch == '\n')
                                .count()) + fixed.substring(j + 2);
                    }
                    if (!fixed.equals(text)) {
                        Files.writeString(p, fixed, StandardCharsets.ISO_8859_1);
                    }
                }
            }
        }
    }
}
