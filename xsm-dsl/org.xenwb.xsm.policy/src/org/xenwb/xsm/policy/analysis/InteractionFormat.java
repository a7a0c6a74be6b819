package org.xenwb.xsm.policy.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.xenwb.xsm.policy.analysis.Interactions.Edge;
import org.xenwb.xsm.policy.analysis.Interactions.Graph;
import org.xenwb.xsm.policy.analysis.Interactions.Node;

/** Writes an {@link Interactions.Graph} as JSON (for the UI and scripts) or as text. Stateless. */
public final class InteractionFormat {

    private InteractionFormat() {
    }

    /**
     * JSON: <code>{"nodes": [{"name", "kind": "domain"|"resource"}], "edges": [{"source", "target", "category",
     * "permissions": {class: [perm...]}, "channels": [type...]}]}</code>, one node or edge a line.
     *
     * @param g a graph
     * @return the JSON text, ending in a newline
     */
    public static String json(Graph g) {
        StringBuilder out = new StringBuilder("{\n  \"nodes\": [");
        List<String> items = new ArrayList<>();
        for (Node n : g.nodes()) {
            items.add("\n    {\"name\": " + quote(n.name()) + ", \"kind\": \"" + (n.domain() ? "domain" : "resource")
                    + "\"}");
        }
        out.append(String.join(",", items)).append(items.isEmpty() ? "],\n" : "\n  ],\n").append("  \"edges\": [");
        items.clear();
        for (Edge e : g.edges()) {
            List<String> perms = new ArrayList<>();
            e.permissions().forEach((cls, ps) -> perms.add(quote(cls) + ": " + array(ps)));
            items.add("\n    {\"source\": " + quote(e.source()) + ", \"target\": " + quote(e.target())
                    + ", \"category\": \"" + e.category().label() + "\", \"permissions\": {"
                    + String.join(", ", perms) + "}, \"channels\": " + array(e.channels()) + "}");
        }
        out.append(String.join(",", items)).append(items.isEmpty() ? "]\n" : "\n  ]\n").append("}\n");
        return out.toString();
    }

    /**
     * Text: one line per source and target, {@code A -> B: category (class: perms; ...), ...}.
     *
     * @param g a graph
     * @param permissions whether to list the permissions of each category
     * @return the lines, each ending in a newline
     */
    public static String text(Graph g, boolean permissions) {
        Map<String, List<String>> lines = new LinkedHashMap<>();
        for (Edge e : g.edges()) {
            StringBuilder item = new StringBuilder(e.category().label());
            List<String> details = new ArrayList<>();
            if (permissions) {
                e.permissions().forEach((cls, ps) -> details.add(cls + ": " + String.join(" ", ps)));
            }
            if (!e.channels().isEmpty()) {
                details.add("via " + String.join(" ", e.channels()));
            }
            if (!details.isEmpty()) {
                item.append(" (").append(String.join("; ", details)).append(')');
            }
            lines.computeIfAbsent(e.source() + " -> " + e.target(), k -> new ArrayList<>()).add(item.toString());
        }
        StringBuilder out = new StringBuilder();
        lines.forEach((pair, items) -> out.append(pair).append(": ").append(String.join(", ", items)).append('\n'));
        return out.toString();
    }

    private static String array(List<String> values) {
        List<String> quoted = new ArrayList<>();
        values.forEach(v -> quoted.add(quote(v)));
        return "[" + String.join(", ", quoted) + "]";
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
