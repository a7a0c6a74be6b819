package org.xenwb.kconfig.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Prune on Linux 6.1 x86_64 with loadable modules: the input is the reference conf's {@code --defconfig} of
 * {@code x86_64_defconfig} (MODULES=y), and the pruned configuration must keep the kept symbols enabled, keep
 * MODULES on, and be left unchanged by the reference {@code conf --olddefconfig}. Proving minimality on this tree
 * may not finish within the time limit; then the result must say "not proven minimal", which a short limit forces.
 * Cancellation through the monitor must leave the tree's values untouched.
 */
@Tag("conformance")
class PrunerLinuxTest {

    private static final List<String> KEEP = List.of("EXT4_FS", "VIRTIO_NET");

    /** A work folder with the reference conf's defconfig as {@code .config}, and the environment. */
    private record Work(Path dir, Map<String, String> env) {
    }

    private static Work prepare(String name) throws Exception {
        SharedData.requireConf();
        Path tree = LinuxConformanceTest.tree().toAbsolutePath();
        Path dir = SharedData.targetDir().resolve("prune/linux-" + name).toAbsolutePath();
        ConfRunner.deleteTree(dir);
        Files.createDirectories(dir);
        Map<String, String> env = LinuxConformanceTest.environment(tree, "x86");
        ConfRunner.Result r = ConfRunner.runReference(dir, env,
                List.of("--defconfig=" + tree.resolve("arch/x86/configs/x86_64_defconfig"), "Kconfig"), null);
        assertEquals(0, r.status(), "conf --defconfig");
        return new Work(dir, env);
    }

    private static Kconfig load(Work w) {
        Kconfig kc = Kconfig.load("Kconfig", new Kconfig.Options(w.dir(), w.env(), ShellPolicy.ALLOW_ALL, s -> { },
                s -> { }));
        ConfigFiles files = new ConfigFiles(kc);
        files.setSilent(true);
        assertTrue(files.read(null), "reads .config");
        return kc;
    }

    /** Writes the tree's configuration and checks that the reference conf --olddefconfig leaves it unchanged. */
    private static String writeAndCheck(Kconfig kc, Work w) throws Exception {
        ConfigFiles files = new ConfigFiles(kc);
        files.setSilent(true);
        files.write("pruned.config");
        String pruned = Files.readString(w.dir().resolve("pruned.config"), StandardCharsets.ISO_8859_1);
        Path ref = w.dir().resolve("ref");
        Files.createDirectories(ref);
        Files.writeString(ref.resolve(".config"), pruned, StandardCharsets.ISO_8859_1);
        ConfRunner.Result r = ConfRunner.runReference(ref, w.env(), List.of("--olddefconfig", "Kconfig"), null);
        assertEquals(0, r.status(), "conf --olddefconfig");
        String after = Files.readString(ref.resolve(".config"), StandardCharsets.ISO_8859_1);
        assertEquals(pruned, after, "conf --olddefconfig changes the pruned config: "
                + ConfRunner.firstDifference(pruned, after));
        return pruned;
    }

    private static void checkResult(Kconfig kc, Pruner.Result r, String pruned) {
        assertEquals(KEEP, r.kept());
        assertTrue(r.enabledAfter() < r.enabledBefore() / 2, r.enabledBefore() + " -> " + r.enabledAfter());
        assertEquals(Tristate.YES, kc.tristate(kc.modulesSymbol()), "MODULES held on");
        assertTrue(pruned.contains("\nCONFIG_MODULES=y\n"), "MODULES in the written file");
        for (String k : KEEP) {
            assertNotEquals(Tristate.NO, kc.tristate(kc.symbol(k)), k + " kept enabled");
            assertTrue(pruned.contains("\nCONFIG_" + k + "=y\n") || pruned.contains("\nCONFIG_" + k + "=m\n"),
                    k + " in the written file");
        }
        int enabled = 0;
        for (Symbol s : kc.allSymbols()) {
            if (PruneEncoder.encodable(s) && PruneEncoder.hasPrompt(s) && !s.isChoice()
                    && kc.tristate(s) != Tristate.NO) {
                enabled++;
            }
        }
        assertEquals(r.enabledAfter(), enabled, "the engine's count of enabled user-settable symbols");
    }

    @Test
    void prunedDefconfigIsAFixedPointOfConf() throws Exception {
        Work w = prepare("keep");
        Kconfig kc = load(w);
        List<Integer> improvements = new ArrayList<>();
        long start = System.nanoTime();
        Pruner.Result r = new Pruner(kc).prune(KEEP, List.of(), 60, new PruneMonitor() {
            @Override
            public void improved(int enabled) {
                improvements.add(enabled);
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        });
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("Linux 6.1 x86_64 defconfig prune " + KEEP + ": " + r.enabledBefore() + " -> "
                + r.enabledAfter() + (r.provenMinimal() ? " proven minimal" : " NOT proven minimal") + " in " + ms
                + " ms; improvements " + improvements + "; " + r.approximations().size() + " holds/approximations");
        String pruned = writeAndCheck(kc, w);
        checkResult(kc, r, pruned);
        for (int i = 1; i < improvements.size(); i++) {
            assertTrue(improvements.get(i) < improvements.get(i - 1), "improvements decrease: " + improvements);
        }
        assertEquals(r.enabledAfter(), improvements.get(improvements.size() - 1));
    }

    @Test
    void timeLimitGivesBestFoundNotProvenMinimal() throws Exception {
        Work w = prepare("timeout");
        Kconfig kc = load(w);
        Pruner.Result r = new Pruner(kc).prune(KEEP, List.of(), 8, PruneMonitor.NONE);
        assertFalse(r.provenMinimal(), "an 8 s limit does not prove the minimum on Linux");
        checkResult(kc, r, writeAndCheck(kc, w));
    }

    @Test
    void cancelLeavesValuesAndReportsIt() throws Exception {
        Work w = prepare("cancel");
        Kconfig kc = load(w);
        ConfigFiles files = new ConfigFiles(kc);
        files.setSilent(true);
        files.write("before.config");
        int[] calls = new int[1];
        Pruner.Cancelled e = assertThrows(Pruner.Cancelled.class, () -> new Pruner(kc).prune(KEEP, List.of(), 120,
                new PruneMonitor() {
                    @Override
                    public void improved(int enabled) {
                        calls[0]++;
                    }

                    @Override
                    public boolean cancelled() {
                        return calls[0] >= 2;
                    }
                }));
        assertTrue(e.getMessage().startsWith("prune: cancelled after a valid configuration with "), e.getMessage());
        assertTrue(e.getMessage().endsWith("(not proven minimal); nothing written"), e.getMessage());
        assertEquals(2, calls[0], "cancelled at the second improvement");
        kc.values.clearAllValid();
        files.write("after.config");
        assertEquals(Files.readString(w.dir().resolve("before.config")),
                Files.readString(w.dir().resolve("after.config")), "values untouched by a cancelled prune");
    }
}
