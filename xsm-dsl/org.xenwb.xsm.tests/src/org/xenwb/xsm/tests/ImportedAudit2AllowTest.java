package org.xenwb.xsm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xenwb.xsm.compile.MacroTemplates;
import org.xenwb.xsm.compile.XsmCompiler;
import org.xenwb.xsm.importer.XenPolicyImporter;
import org.xenwb.xsm.policy.analysis.AllowProposal;
import org.xenwb.xsm.policy.analysis.AllowProposal.Proposal;
import org.xenwb.xsm.policy.analysis.AllowProposal.Verification;
import org.xenwb.xsm.policy.analysis.AvcDenials;

/**
 * audit2allow with Xen's own macros, once imported: Xen's policy without its {@code create_domain(dom0_t, domU_t)}
 * call gets a denial for every permission sesearch shows that call granted (the difference between sesearch -A of
 * the policy with and without it); the proposal is exactly that call, and the policy recompiled with it allows
 * every denial and nothing more.
 */
class ImportedAudit2AllowTest {

    private static final String CALL = "create_domain(dom0_t, domU_t)";
    private static final Pattern RULE = Pattern.compile("allow (\\S+) (\\S+):(\\S+) (?:\\{ ([^}]*) \\}|(\\S+));");

    @ParameterizedTest
    @ValueSource(strings = {"4.17", "4.22"})
    void denialsOfCreateDomainProposeXensMacro(String version) throws Exception {
        Path dir = ImportSupport.workDir("audit2allow-" + version);
        List<Path> sources = XenPolicyImporter.write(XenPolicyImporter.translate(SharedData.xen(version)),
                dir.resolve("src"));
        XsmCompiler compiler = ImportSupport.compiler();
        Path full = Files.write(dir.resolve("xenpolicy.full"),
                compiler.compile(sources, XsmCompiler.XEN_POLICY_VERSION).binary());

        Path domU = sources.stream().filter(p -> p.getFileName().toString().equals("13-domU.xsm")).findFirst()
                .orElseThrow();
        String text = Files.readString(domU);
        assertEquals(1, text.split("\n" + Pattern.quote(CALL) + "\n", -1).length - 1, "one call in " + domU);
        Files.writeString(domU, text.replace("\n" + CALL + "\n", "\n\n"));
        XsmCompiler.Checked checked = ImportSupport.compiler().check(sources);
        assertEquals(List.of(), checked.diagnostics());
        Path reduced = Files.write(dir.resolve("xenpolicy.reduced"),
                ImportSupport.compiler().compile(sources, XsmCompiler.XEN_POLICY_VERSION).binary());

        StringBuilder dmesg = new StringBuilder("(XEN) Xen version " + version + "\n");
        Map<String, Set<String>> before = allowed(full);
        Map<String, Set<String>> after = allowed(reduced);
        before.forEach((key, perms) -> {
            Set<String> lost = new TreeSet<>(perms);
            lost.removeAll(after.getOrDefault(key, Set.of()));
            if (!lost.isEmpty()) {
                String[] stc = key.split(" ");
                dmesg.append("(XEN) avc:  denied  { ").append(String.join(" ", lost)).append(" } for domid=0")
                        .append(" scontext=system_u:system_r:").append(stc[0]).append(" tcontext=system_u:system_r:")
                        .append(stc[1]).append(" tclass=").append(stc[2]).append('\n');
            }
        });
        List<AvcDenials.Denial> denials = AvcDenials.parse(dmesg.toString(), "dmesg").denials();
        assertFalse(denials.isEmpty());

        Proposal p = AllowProposal.propose(checked.analysis().compilation().policy(), denials,
                MacroTemplates.of(checked.policies()));
        assertEquals(List.of(CALL), p.calls().stream().map(AllowProposal.Call::text).toList(),
                AllowProposal.text(p, "dmesg"));
        assertEquals(List.of(), p.rules());
        assertEquals(List.of(), p.notes());
        Verification v = AllowProposal.verify(checked.analysis().policyConf(), false, p);
        assertEquals(List.of(), v.errors());
        assertEquals(List.of(), v.stillDenied());
        assertEquals(List.of(), v.alsoAllowed());
    }

    /** sesearch -A of a binary: "source target class" to permissions, for rules between types (not attributes). */
    private static Map<String, Set<String>> allowed(Path binary) throws Exception {
        Map<String, Set<String>> out = new TreeMap<>();
        for (String line : Tools.run(List.of("sesearch", "-A", binary.toString())).split("\n")) {
            Matcher m = RULE.matcher(line.strip());
            if (m.matches()) {
                String perms = m.group(4) != null ? m.group(4) : m.group(5);
                out.computeIfAbsent(m.group(1) + " " + m.group(2) + " " + m.group(3), k -> new TreeSet<>())
                        .addAll(List.of(perms.strip().split("\\s+")));
            }
        }
        return out;
    }
}
