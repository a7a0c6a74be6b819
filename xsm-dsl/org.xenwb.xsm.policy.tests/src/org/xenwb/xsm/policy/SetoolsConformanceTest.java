package org.xenwb.xsm.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xenwb.xsm.policy.XenPolicyBuild.Output;
import org.xenwb.xsm.policy.XenPolicyBuild.Variant;
import org.xenwb.xsm.policy.binary.PolicyReader;
import org.xenwb.xsm.policy.query.PolicyStatistics;
import org.xenwb.xsm.policy.query.RuleQuery;
import org.xenwb.xsm.policy.query.SeinfoFormat;
import org.xenwb.xsm.policy.query.SesearchFormat;

/**
 * Our counts, listings and rule search against setools 4.4 ({@code seinfo}, {@code sesearch}) on the same binary,
 * for every variant: the statistics block line for line, the component listings of {@code seinfo -x} item for item
 * (names inside one item compared as a set: seinfo prints some in hash order), and every rule of
 * {@code sesearch -A --auditallow --dontaudit -T --type_change --type_member}, sorted.
 */
class SetoolsConformanceTest {

    static List<Variant> variants() {
        return Variants.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void statisticsMatchSeinfo(Variant v) throws IOException {
        ReferenceTools.require("seinfo");
        Output built = BuiltPolicies.get(v);
        Policy policy = new PolicyReader().read(built.binary());
        ReferenceTools.Result r = ReferenceTools.run(List.of("seinfo", built.binary().toString()));
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(r.lines(), PolicyStatistics.of(policy).seinfoLines(built.binary().toString()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void componentListingsMatchSeinfoExpanded(Variant v) throws IOException {
        ReferenceTools.require("seinfo");
        Output built = BuiltPolicies.get(v);
        Policy policy = new PolicyReader().read(built.binary());
        // the policy comes first: seinfo's component options take an optional name and would swallow it
        List<String> args = new ArrayList<>(List.of("seinfo", built.binary().toString(), "-x", "-t", "-a", "-c",
                "-r", "-u", "-b"));
        List<SeinfoFormat.Component> components = new ArrayList<>(List.of(SeinfoFormat.Component.TYPES,
                SeinfoFormat.Component.ATTRIBUTES, SeinfoFormat.Component.CLASSES, SeinfoFormat.Component.ROLES,
                SeinfoFormat.Component.USERS, SeinfoFormat.Component.BOOLEANS));
        if (policy.mls()) {
            args.addAll(List.of("--sensitivity", "--category"));
            components.add(SeinfoFormat.Component.SENSITIVITIES);
            components.add(SeinfoFormat.Component.CATEGORIES);
        }
        ReferenceTools.Result r = ReferenceTools.run(args);
        assertEquals(0, r.exitCode(), () -> "seinfo failed: " + r.stderr());
        List<String> ours = new ArrayList<>();
        for (SeinfoFormat.Component c : components) {
            ours.addAll(SeinfoFormat.lines(policy, c, true));
        }
        List<String> expected = items(r.stdout().lines().toList());
        List<String> actual = items(ours);
        assertFalse(expected.isEmpty());
        LineAssert.assertSameLines(expected, actual, "seinfo -x listing items");
    }

    /** Groups listing lines into items (an item starts with 3 spaces or a heading) as sorted word sets. */
    static List<String> items(List<String> lines) {
        List<String> items = new ArrayList<>();
        StringBuilder current = null;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            boolean starts = line.startsWith("   ") || !line.startsWith("\t") && line.contains(": ");
            if (starts || current == null) {
                if (current != null) {
                    items.add(normalize(current.toString()));
                }
                current = new StringBuilder();
            }
            current.append(line).append(' ');
        }
        if (current != null) {
            items.add(normalize(current.toString()));
        }
        return items;
    }

    private static String normalize(String item) {
        String[] words = item.replace(",", " ").replace(";", " ").replace("{", " ").replace("}", " ").strip()
                .split("\\s+");
        String head = words[0] + " " + (words.length > 1 ? words[1] : "");
        String[] rest = Arrays.copyOfRange(words, Math.min(2, words.length), words.length);
        Arrays.sort(rest);
        return head + " | " + String.join(" ", rest);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void allRulesMatchSesearch(Variant v) throws IOException {
        ReferenceTools.require("sesearch");
        Output built = BuiltPolicies.get(v);
        Policy policy = new PolicyReader().read(built.binary());
        ReferenceTools.Result r = ReferenceTools.run(List.of("sesearch", "-A", "--auditallow", "--dontaudit", "-T",
                "--type_change", "--type_member", built.binary().toString()));
        assertEquals(0, r.exitCode(), r.stderr());
        PolicyIndex ix = policy.index();
        List<String> ours = new ArrayList<>(new RuleQuery().kinds(RuleQuery.Kind.values()).run(ix).stream()
                .map(m -> SesearchFormat.line(ix, m)).toList());
        List<String> expected = new ArrayList<>(r.lines());
        LineAssert.assertSameLines(expected, ours, "sesearch rules");
    }
}
