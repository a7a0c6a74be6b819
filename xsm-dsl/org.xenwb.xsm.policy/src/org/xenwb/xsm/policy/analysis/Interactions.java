package org.xenwb.xsm.policy.analysis;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.xenwb.xsm.policy.AvRule;
import org.xenwb.xsm.policy.Conditional;
import org.xenwb.xsm.policy.Policy;
import org.xenwb.xsm.policy.PolicyIndex;
import org.xenwb.xsm.policy.SecurityClass;
import org.xenwb.xsm.policy.TypeDef;

/**
 * What each domain type can do to each other domain type (and to device/resource types), by category, under the
 * booleans' defaults: the data the UI draws as a graph, also written as JSON or text.
 *
 * <p>Domain types are the types with Xen's {@code domain_type} attribute (when the policy has none: the sources of
 * rules of class {@code domain}); resource types those with {@code resource_type}. An edge A to B of a category
 * exists when the active allow rules give A a permission of that category on B ({@link #category}). Event
 * channels are also found the way Xen's {@code create_channel} macro makes them: a
 * {@code type_transition A B:event C}, A allowed {@code create} on C, and C allowed {@code bind} on B make an
 * {@link Category#EVENT} edge A to B through channel type C. Stateless.</p>
 */
public final class Interactions {

    /** What one domain can do to another, from the classes and permissions of Xen's access_vectors. */
    public enum Category {
        /** {@code domain:create}, {@code domain:transition}, {@code domain2:relabelfrom|relabelto|relabelself}. */
        CREATE,
        /** The other permissions of {@code domain} and {@code domain2}, and {@code hvm}, {@code shadow}. */
        MANAGE,
        /** {@code mmu}: map the other's memory, page tables, physmap. */
        MEMORY,
        /** {@code grant}: map, copy, transfer the other's grants. */
        GRANT,
        /** {@code event}: event channels (directly or through a channel type). */
        EVENT,
        /** {@code resource} and {@code hvm:bind_irq}: devices, I/O ports, memory, IRQs. */
        DEVICE,
        /** {@code argo}: Argo inter-domain messages. */
        ARGO,
        /** Anything else ({@code security}, {@code xen}, {@code xen2}, {@code version}...). */
        OTHER;

        /** @return the lower-case name used in JSON and text */
        public String label() {
            return name().toLowerCase();
        }
    }

    /** A node of the graph: a domain type or a resource type. */
    public record Node(String name, boolean domain) {
    }

    /**
     * An edge: what {@code source} can do to {@code target} in one category.
     *
     * @param source the acting domain type
     * @param target the domain or resource type acted on
     * @param category the category
     * @param permissions the permissions granted directly, by class name (sorted)
     * @param channels for {@link Category#EVENT}: the channel types through which source reaches target
     */
    public record Edge(String source, String target, Category category, Map<String, List<String>> permissions,
            List<String> channels) {
        /** Copies the collections. */
        public Edge {
            permissions = Collections.unmodifiableMap(new TreeMap<>(permissions));
            channels = List.copyOf(channels);
        }
    }

    /** The graph: nodes (domains first, then resources, each sorted by name) and edges (by source, target). */
    public record Graph(List<Node> nodes, List<Edge> edges) {
        /** Copies the lists. */
        public Graph {
            nodes = List.copyOf(nodes);
            edges = List.copyOf(edges);
        }
    }

    private Interactions() {
    }

    /**
     * @param className a class of Xen's access_vectors
     * @param permission one of its permissions
     * @return the category
     */
    public static Category category(String className, String permission) {
        return switch (className) {
            case "domain" -> permission.equals("create") || permission.equals("transition") ? Category.CREATE
                    : Category.MANAGE;
            case "domain2" -> permission.startsWith("relabel") ? Category.CREATE : Category.MANAGE;
            case "hvm" -> permission.equals("bind_irq") ? Category.DEVICE : Category.MANAGE;
            case "shadow" -> Category.MANAGE;
            case "mmu" -> Category.MEMORY;
            case "grant" -> Category.GRANT;
            case "event" -> Category.EVENT;
            case "resource" -> Category.DEVICE;
            case "argo" -> Category.ARGO;
            default -> Category.OTHER;
        };
    }

    /**
     * @param policy a compiled policy
     * @return its interaction graph
     */
    public static Graph of(Policy policy) {
        PolicyIndex ix = policy.index();
        BitSet domains = members(ix, "domain_type");
        if (domains == null) {
            domains = new BitSet();
            SecurityClass domain = ix.securityClass("domain");
            for (AvRule r : activeRules(policy)) {
                if (domain != null && r.tclass() == domain.value() && r.kind() == AvRule.ALLOWED) {
                    domains.or(ix.expand(r.source()));
                }
            }
        }
        BitSet resources = members(ix, "resource_type");
        if (resources == null) {
            resources = new BitSet();
        }
        BitSet targets = (BitSet) domains.clone();
        targets.or(resources);
        // allowed[s][t][class] for s a domain, t a domain or resource (type values - 1)
        Map<Long, Map<Integer, Integer>> allowed = new HashMap<>();
        Map<Long, Set<Integer>> transitions = new HashMap<>();
        SecurityClass event = ix.securityClass("event");
        for (AvRule r : activeRules(policy)) {
            if (r.kind() == AvRule.ALLOWED) {
                BitSet ss = ix.expand(r.source());
                BitSet ts = ix.expand(r.target());
                for (int s = ss.nextSetBit(0); s >= 0; s = ss.nextSetBit(s + 1)) {
                    for (int t = ts.nextSetBit(0); t >= 0; t = ts.nextSetBit(t + 1)) {
                        allowed.computeIfAbsent(pair(s, t), k -> new HashMap<>()).merge(r.tclass(), r.data(),
                                (a, b) -> a | b);
                    }
                }
            } else if (r.kind() == AvRule.TRANSITION && event != null && r.tclass() == event.value()) {
                transitions.computeIfAbsent(pair(r.source() - 1, r.target() - 1), k -> new TreeSet<>())
                        .add(r.data() - 1);
            }
        }
        List<Edge> edges = new ArrayList<>();
        for (int s = domains.nextSetBit(0); s >= 0; s = domains.nextSetBit(s + 1)) {
            for (int t = targets.nextSetBit(0); t >= 0; t = targets.nextSetBit(t + 1)) {
                edges.addAll(edges(ix, s, t, allowed, transitions, event));
            }
        }
        List<Node> nodes = new ArrayList<>();
        names(ix, domains).forEach(n -> nodes.add(new Node(n, true)));
        BitSet onlyResources = (BitSet) resources.clone();
        onlyResources.andNot(domains);
        names(ix, onlyResources).forEach(n -> nodes.add(new Node(n, false)));
        edges.sort(Comparator.comparing(Edge::source).thenComparing(Edge::target)
                .thenComparing(Edge::category));
        return new Graph(nodes, edges);
    }

    private static List<Edge> edges(PolicyIndex ix, int s, int t, Map<Long, Map<Integer, Integer>> allowed,
            Map<Long, Set<Integer>> transitions, SecurityClass event) {
        Map<Category, Map<String, List<String>>> byCategory = new EnumMap<>(Category.class);
        allowed.getOrDefault(pair(s, t), Map.of()).forEach((tclass, bits) -> {
            String cls = ix.className(tclass);
            for (String perm : ix.permissionNames(tclass, bits)) {
                byCategory.computeIfAbsent(category(cls, perm), k -> new TreeMap<>())
                        .computeIfAbsent(cls, k -> new ArrayList<>()).add(perm);
            }
        });
        List<String> channels = new ArrayList<>();
        if (event != null) {
            int create = ix.permissionBit(event.value(), "create");
            int bind = ix.permissionBit(event.value(), "bind");
            for (int c : transitions.getOrDefault(pair(s, t), Set.of())) {
                int own = allowed.getOrDefault(pair(s, c), Map.of()).getOrDefault(event.value(), 0);
                int remote = allowed.getOrDefault(pair(c, t), Map.of()).getOrDefault(event.value(), 0);
                if ((own & create) != 0 && (remote & bind) != 0) {
                    channels.add(ix.typeName(c + 1));
                }
            }
        }
        if (!channels.isEmpty()) {
            byCategory.computeIfAbsent(Category.EVENT, k -> new TreeMap<>());
        }
        List<Edge> out = new ArrayList<>();
        byCategory.forEach((category, perms) -> out.add(new Edge(ix.typeName(s + 1), ix.typeName(t + 1), category,
                perms, category == Category.EVENT ? channels : List.of())));
        return out;
    }

    /** The allow and type rules in force under the booleans' defaults. */
    static List<AvRule> activeRules(Policy policy) {
        List<AvRule> rules = new ArrayList<>(policy.rules());
        for (Conditional c : policy.conditionals()) {
            rules.addAll(c.state() ? c.trueRules() : c.falseRules());
        }
        return rules;
    }

    private static BitSet members(PolicyIndex ix, String attribute) {
        TypeDef a = ix.type(attribute);
        return a == null || a.kind() != TypeDef.Kind.ATTRIBUTE ? null : ix.expand(a.value());
    }

    private static List<String> names(PolicyIndex ix, BitSet types) {
        List<String> names = new ArrayList<>();
        for (int t = types.nextSetBit(0); t >= 0; t = types.nextSetBit(t + 1)) {
            names.add(ix.typeName(t + 1));
        }
        names.sort(null);
        return names;
    }

    private static long pair(int s, int t) {
        return (long) s << 32 | t;
    }
}
