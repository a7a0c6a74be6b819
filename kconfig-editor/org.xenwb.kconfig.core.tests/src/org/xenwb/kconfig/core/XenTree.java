package org.xenwb.kconfig.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;

/**
 * A working copy of Xen's x86 Kconfig tree for one test: {@code ours} (the original files, read by the engine) and
 * {@code ref} (rewritten so that Linux 6.1's conf accepts it), each with Debian's {@code .config}, and the
 * environment Xen's build passes to conf.
 *
 * @param ours the engine's copy
 * @param ref the reference conf's copy
 * @param env the environment for the engine
 * @param refEnv the environment for conf (with {@code KCONFIG_DEFCONFIG_LIST})
 */
record XenTree(Path ours, Path ref, Map<String, String> env, Map<String, String> refEnv) {

    static final String DEBIAN = "debian-xen-4.17-amd64.config";

    /**
     * @param version 4.17 or 4.22
     * @param name the work folder under the test bundle's target
     */
    static XenTree prepare(String version, String name) throws Exception {
        Path data = SharedData.requireData();
        Path tools = SharedData.requireTools();
        SharedData.requireConf();
        Path src = data.resolve("xen-" + version + "/xen");
        Assumptions.assumeTrue(Files.isDirectory(src), "no Xen " + version + " tree in " + data);
        Path work = SharedData.targetDir().resolve(name);
        ConfRunner.deleteTree(work);
        Path ref = work.resolve("ref");
        Path ours = work.resolve("ours");
        for (Path t : List.of(ref, ours)) {
            copyWithScripts(src, tools, t);
            Files.copy(data.resolve("xen-4.17/" + DEBIAN), t.resolve(".config"));
        }
        XenConformanceTest.makeReferenceCopy(ref);
        Map<String, String> env = ConfRunner.baseEnvironment();
        env.putAll(Map.of("srctree", ".", "ARCH", "x86_64", "SRCARCH", "x86", "XEN_FULLVERSION",
                version.equals("4.17") ? "4.17.7" : "4.22.0", "CC", "gcc", "LD", "ld", "XEN_HAS_CHECKPOLICY", "y",
                "XEN_HAS_BUILD_ID", "y"));
        Map<String, String> refEnv = new LinkedHashMap<>(env);
        refEnv.put("KCONFIG_DEFCONFIG_LIST", "arch/x86/configs/x86_64_defconfig");
        return new XenTree(ours, ref, env, refEnv);
    }

    /** Copies Xen's {@code xen/} folder {@code src} to {@code t} with the compiler-version scripts it runs. */
    static void copyWithScripts(Path src, Path tools, Path t) throws java.io.IOException {
        ConfRunner.copyTree(src, t);
        Files.createDirectories(t.resolve("scripts"));
        for (String s : List.of("gcc-version.sh", "clang-version.sh")) {
            Path script = t.resolve("scripts/" + s);
            Files.copy(tools.resolve("xen-kconfig-scripts/" + s), script);
            script.toFile().setExecutable(true);
        }
    }

    /** Loads the engine's copy and reads its {@code .config}. */
    Kconfig load() {
        Kconfig kc = Kconfig.load("Kconfig", new Kconfig.Options(ours, env, ShellPolicy.ALLOW_ALL, s -> { },
                s -> { }));
        ConfigFiles files = new ConfigFiles(kc);
        files.setSilent(true);
        files.read(null);
        return kc;
    }

    /**
     * Runs the reference {@code conf --olddefconfig} on {@code config} (copied to the reference tree's
     * {@code .config}) and returns the {@code .config} it writes.
     */
    String confOlddefconfig(String config) throws Exception {
        Files.writeString(ref.resolve(".config"), config, java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.deleteIfExists(ref.resolve(".config.old"));
        ConfRunner.Result r = ConfRunner.runReference(ref, refEnv, List.of("--olddefconfig", "Kconfig"), null);
        if (r.status() != 0) {
            throw new AssertionError("conf --olddefconfig failed with status " + r.status() + ": "
                    + Files.readString(ref.resolve("conf.stderr")));
        }
        return Files.readString(ref.resolve(".config"), java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
