package org.xenwb.xsm.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xenwb.xsm.policy.XenPolicyBuild.Output;
import org.xenwb.xsm.policy.XenPolicyBuild.Variant;
import org.xenwb.xsm.policy.analysis.InteractionFormat;
import org.xenwb.xsm.policy.analysis.Interactions;
import org.xenwb.xsm.policy.binary.PolicyReader;

/**
 * The interaction graph of Xen's default policies against one derived independently from setools' output on
 * checkpolicy's binary: attribute members from {@code seinfo -a -x}, boolean defaults from {@code seinfo -b -x},
 * every allow rule from {@code sesearch -A} (conditional ones kept when their branch matches the defaults) and
 * the event type transitions from {@code sesearch -T -c event}, categorised with {@link Interactions#category}.
 */
class InteractionsTest {

    private static final Pattern RULE = Pattern.compile(
            "(allow|type_transition) (\\S+) (\\S+):(\\S+) (\\{ [^}]* \\}|\\S+);(?: \\[ (!? ?\\w+) \\]:(True|False))?");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"4.17", "4.22"})
    void graphIsWhatSetoolsShows(String xen) throws IOException {
        Output built = BuiltPolicies.get(Variant.defaults(xen));
        ReferenceTools.require("sesearch", "seinfo");
        Path bin = built.binary();
        Map<String, List<String>> members = attributes(tool("seinfo", "-a", "-x", bin.toString()));
        Map<String, Boolean> bools = new HashMap<>();
        for (String l : tool("seinfo", "-b", "-x", bin.toString())) {
            String[] w = l.strip().replace(";", "").split(" ");
            if (w.length == 3 && w[0].equals("bool")) {
                bools.put(w[1], Boolean.parseBoolean(w[2]));
            }
        }
        Set<String> domains = new TreeSet<>(members.get("domain_type"));
        Set<String> targets = new TreeSet<>(domains);
        targets.addAll(members.get("resource_type"));
        // (source, target) -> class -> permissions, and (source, target) -> channel types by type_transition
        Map<String, Map<String, Set<String>>> allowed = new HashMap<>();
        Map<String, Set<String>> transitions = new HashMap<>();
        List<String> lines = new ArrayList<>(tool("sesearch", "-A", bin.toString()));
        lines.addAll(tool("sesearch", "-T", "-c", "event", bin.toString()));
        for (String line : lines) {
            Matcher m = RULE.matcher(line);
            assertTrue(m.matches(), "unexpected sesearch line: " + line);
            if (m.group(6) != null) {
                String cond = m.group(6).replace(" ", "");
                boolean value = cond.startsWith("!") ? !bools.get(cond.substring(1)) : bools.get(cond);
                if (value != m.group(7).equals("True")) {
                    continue;
                }
            }
            for (String s : expand(members, m.group(2))) {
                for (String t : expand(members, m.group(3))) {
                    if (m.group(1).equals("allow")) {
                        allowed.computeIfAbsent(s + " " + t, k -> new TreeMap<>())
                                .computeIfAbsent(m.group(4), k -> new TreeSet<>())
                                .addAll(List.of(m.group(5).replace("{", "").replace("}", "").strip().split(" ")));
                    } else {
                        transitions.computeIfAbsent(s + " " + t, k -> new TreeSet<>()).add(m.group(5));
                    }
                }
            }
        }
        Set<String> expected = new TreeSet<>();
        for (String s : domains) {
            for (String t : targets) {
                Map<String, Map<String, Set<String>>> byCategory = new TreeMap<>();
                allowed.getOrDefault(s + " " + t, Map.of()).forEach((cls, perms) -> perms.forEach(p -> byCategory
                        .computeIfAbsent(Interactions.category(cls, p).label(), k -> new TreeMap<>())
                        .computeIfAbsent(cls, k -> new TreeSet<>()).add(p)));
                Set<String> channels = new TreeSet<>();
                for (String c : transitions.getOrDefault(s + " " + t, Set.of())) {
                    if (allowed.getOrDefault(s + " " + c, Map.of()).getOrDefault("event", Set.of()).contains("create")
                            && allowed.getOrDefault(c + " " + t, Map.of()).getOrDefault("event", Set.of())
                                    .contains("bind")) {
                        channels.add(c);
                    }
                }
                if (!channels.isEmpty()) {
                    byCategory.computeIfAbsent("event", k -> new TreeMap<>());
                }
                byCategory.forEach((cat, perms) -> expected.add(s + " -> " + t + " " + cat + " " + perms
                        + (cat.equals("event") ? " via " + channels : "")));
            }
        }
        Interactions.Graph graph = Interactions.of(new PolicyReader().read(bin));
        Set<String> ours = new TreeSet<>();
        for (Interactions.Edge e : graph.edges()) {
            Map<String, Set<String>> perms = new TreeMap<>();
            e.permissions().forEach((cls, ps) -> perms.put(cls, new TreeSet<>(ps)));
            ours.add(e.source() + " -> " + e.target() + " " + e.category().label() + " " + perms
                    + (e.category() == Interactions.Category.EVENT ? " via " + new TreeSet<>(e.channels()) : ""));
        }
        assertEquals(String.join("\n", expected), String.join("\n", ours));
        assertEquals(graph.edges().size(), ours.size(), "one edge per source, target and category");
        // a few facts checked by hand in Xen's modules: dom0 creates and manages guests, guests reach dom0
        // through their channel type, xenstore maps every domain's grants
        assertTrue(ours.stream().anyMatch(l -> l.startsWith("dom0_t -> domU_t create {domain=[create]}")));
        assertTrue(ours.contains("domU_t -> dom0_t event {} via [domU_t_channel]"), ours.toString());
        assertTrue(ours.contains("xenstore_t -> domU_t grant {grant=[map_read, map_write, unmap]}"));
        String json = InteractionFormat.json(graph);
        assertEquals(graph.edges().size(), json.split("\"source\": ").length - 1);
        assertEquals(graph.nodes().size(), json.split("\"kind\": ").length - 1);
    }

    private static List<String> expand(Map<String, List<String>> members, String name) {
        return members.getOrDefault(name, List.of(name));
    }

    private static Map<String, List<String>> attributes(List<String> lines) {
        Map<String, List<String>> out = new HashMap<>();
        List<String> current = null;
        for (String l : lines) {
            if (l.strip().startsWith("attribute ")) {
                current = new ArrayList<>();
                out.put(l.strip().substring(10).replace(";", ""), current);
            } else if (current != null && l.startsWith("\t")) {
                current.add(l.strip());
            }
        }
        return out;
    }

    private static List<String> tool(String... command) throws IOException {
        ReferenceTools.Result r = ReferenceTools.run(List.of(command));
        assertEquals(0, r.exitCode(), r.stderr());
        return r.lines();
    }
}
