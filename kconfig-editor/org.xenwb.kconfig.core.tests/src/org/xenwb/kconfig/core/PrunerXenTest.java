package org.xenwb.kconfig.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Prune on Xen's real x86 trees (4.17.7 and 4.22.0) from Debian's {@code .config}: the result keeps every kept
 * symbol on, is proven minimal, is left unchanged by the reference {@code conf --olddefconfig}, and no single
 * user-settable symbol it enables can be turned off (in the engine) without losing a kept symbol or enabling others.
 */
class PrunerXenTest {

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String version : List.of("4.17", "4.22")) {
            out.add(Arguments.of(version, List.of("SCHED_CREDIT2", "XSM_FLASK", "PV"), List.of()));
            out.add(Arguments.of(version, List.of("SCHED_CREDIT2", "XSM_FLASK", "PV"),
                    List.of("EXPERT", "UNSUPPORTED")));
            out.add(Arguments.of(version, List.of("HVM"), List.of()));
            out.add(Arguments.of(version, List.of("LIVEPATCH", "SHADOW_PAGING", "SCHED_RTDS"), List.of()));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "Xen {0} keep {1} off {2}")
    @MethodSource("cases")
    void prunedConfigurationIsAFixedPointOfConf(String version, List<String> keep, List<String> off)
            throws Exception {
        XenTree tree = XenTree.prepare(version, "prune/" + version + "-" + String.join("_", keep) + "-off-"
                + String.join("_", off));
        Kconfig kc = tree.load();
        Pruner.Result r = new Pruner(kc).prune(keep, off, 60, PruneMonitor.NONE);
        assertTrue(r.provenMinimal(), "proven minimal");
        assertTrue(r.enabledAfter() < r.enabledBefore(), r.enabledBefore() + " -> " + r.enabledAfter());
        assertTrue(!r.removed().isEmpty(), "something removed");
        for (String k : keep) {
            assertEquals(Tristate.YES, kc.tristate(kc.symbol(k)), k + " kept on");
        }
        for (String k : off) {
            assertEquals(Tristate.NO, kc.tristate(kc.symbol(k)), k + " kept off");
        }
        assertEquals(!off.contains("EXPERT"), r.securitySupportLost(), "EXPERT/UNSUPPORTED enabled");
        ConfigFiles files = new ConfigFiles(kc);
        files.setSilent(true);
        files.write("pruned.config");
        String pruned = Files.readString(tree.ours().resolve("pruned.config"), StandardCharsets.ISO_8859_1);
        for (String k : keep) {
            assertTrue(pruned.contains("\nCONFIG_" + k + "=y\n"), k + " in the written file");
        }
        assertEquals(pruned, tree.confOlddefconfig(pruned), "conf --olddefconfig changes the pruned config");
        if (keep.contains("SCHED_RTDS")) {
            assertEquals(Tristate.YES, kc.tristate(kc.symbol("UNSUPPORTED")), "RTDS needs UNSUPPORTED");
        }
        if (off.isEmpty()) {
            checkNoSingleFlipImproves(kc, keep, r.enabledAfter());
        }
    }

    /** Turning any enabled, visible, non-kept symbol off in the engine loses a keep or does not reduce the count. */
    private static void checkNoSingleFlipImproves(Kconfig kc, List<String> keep, int count) {
        List<Symbol> on = new ArrayList<>();
        for (Symbol s : kc.allSymbols()) {
            if (PruneEncoder.encodable(s) && !s.isChoice() && kc.tristate(s) != Tristate.NO
                    && kc.visibility(s) != Tristate.NO && !keep.contains(s.name())) {
                on.add(s);
            }
        }
        assertTrue(!on.isEmpty());
        for (Symbol s : on) {
            s.defTri[Symbol.S_DEF_USER] = 0;
            kc.values.clearAllValid();
            boolean keepsOn = keep.stream().allMatch(k -> kc.tristate(kc.symbol(k)) != Tristate.NO);
            int n = 0;
            for (Symbol t : kc.allSymbols()) {
                if (PruneEncoder.encodable(t) && PruneEncoder.hasPrompt(t) && !t.isChoice()
                        && kc.tristate(t) != Tristate.NO) {
                    n++;
                }
            }
            assertTrue(!keepsOn || n >= count, "turning " + s + " off gives " + n + " < " + count);
            s.defTri[Symbol.S_DEF_USER] = 2;
            kc.values.clearAllValid();
        }
    }

    @ParameterizedTest(name = "Xen {0}")
    @ValueSource(strings = {"4.17", "4.22"})
    void explainsInfeasibleAndUnknownKeeps(String version) throws Exception {
        XenTree tree = XenTree.prepare(version, "prune/" + version + "-errors");
        Kconfig kc = tree.load();
        KconfigException e = assertThrows(KconfigException.class, () -> new Pruner(kc)
                .prune(List.of("SCHED_CREDIT_DEFAULT", "SCHED_CREDIT2_DEFAULT"), List.of(), 60, PruneMonitor.NONE));
        String m = e.getMessage();
        assertTrue(m.contains("no valid configuration keeps SCHED_CREDIT_DEFAULT, SCHED_CREDIT2_DEFAULT"), m);
        assertTrue(m.contains("keep SCHED_CREDIT_DEFAULT on") && m.contains("keep SCHED_CREDIT2_DEFAULT on"), m);
        assertTrue(m.contains("choice at common/sched/Kconfig:"), m);
        e = assertThrows(KconfigException.class, () -> new Pruner(kc).prune(List.of("PV", "NO_SUCH_OPTION"),
                List.of(), 60, PruneMonitor.NONE));
        assertEquals("prune: unknown symbol NO_SUCH_OPTION (not defined by the tree)", e.getMessage());
        e = assertThrows(KconfigException.class, () -> new Pruner(kc).prune(List.of("NR_CPUS"), List.of(), 60,
                PruneMonitor.NONE));
        assertTrue(e.getMessage().contains("only bool and tristate symbols can be kept on: NR_CPUS (integer)"),
                e.getMessage());
        e = assertThrows(KconfigException.class, () -> new Pruner(kc).prune(List.of("ARGO"),
                List.of("UNSUPPORTED"), 60, PruneMonitor.NONE));
        m = e.getMessage();
        assertTrue(m.startsWith("prune: no valid configuration keeps ARGO on and UNSUPPORTED off;"), m);
        assertTrue(m.contains("keep ARGO on") && m.contains("keep UNSUPPORTED off")
                && m.contains("ARGO (common/Kconfig:") && m.contains("settable when UNSUPPORTED"), m);
    }
}
