package org.xenwb.xsm.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xenwb.xsm.policy.XenPolicyBuild.Output;
import org.xenwb.xsm.policy.XenPolicyBuild.Variant;
import org.xenwb.xsm.policy.binary.PolicyReader;
import org.xenwb.xsm.policy.query.RuleQuery;
import org.xenwb.xsm.policy.query.RuleQuery.Kind;
import org.xenwb.xsm.policy.query.SesearchFormat;

/**
 * Rule searches with criteria against {@code sesearch} on the variant with custom features (aliases, attributes,
 * conditionals with two booleans, every rule kind): by source and target with and without attribute expansion, by
 * class and permission, by boolean and by default type.
 */
class QueryConformanceTest {

    /**
     * One search.
     *
     * @param args sesearch's options (without the policy)
     * @param query the same search configured on our query
     */
    record Case(List<String> args, Consumer<RuleQuery> query) {
        @Override
        public String toString() {
            return String.join(" ", args);
        }
    }

    private static Variant variant() {
        return Variants.all().stream().filter(v -> v.name().equals("features-4.17")).findFirst().orElseThrow();
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        List<String> attributes = List.of("domain_type", "domain_self_type", "domain_target_type", "event_type",
                "mls_priv", "resource_type", "xen_type", "feat_attr");
        List<String> types = List.of("dom0_t", "domU_t", "feat_t", "feat_alias_t", "xen_t", "feat_obj_t");
        for (String name : Stream.concat(attributes.stream(), types.stream()).toList()) {
            cases.add(new Case(List.of("-A", "--dontaudit", "--auditallow", "-T", "-s", name),
                    q -> q.kinds(Kind.ALLOW, Kind.DONTAUDIT, Kind.AUDITALLOW, Kind.TYPE_TRANSITION)
                            .source(name, false)));
            cases.add(new Case(List.of("-A", "-T", "--type_change", "--type_member", "-t", name),
                    q -> q.kinds(Kind.ALLOW, Kind.TYPE_TRANSITION, Kind.TYPE_CHANGE, Kind.TYPE_MEMBER)
                            .target(name, false)));
        }
        for (String name : List.of("domain_type", "xen_type", "feat_attr", "event_type")) {
            cases.add(new Case(List.of("-A", "-T", "-s", name, "-ds"),
                    q -> q.kinds(Kind.ALLOW, Kind.TYPE_TRANSITION).source(name, true)));
            cases.add(new Case(List.of("-A", "-T", "-t", name, "-dt"),
                    q -> q.kinds(Kind.ALLOW, Kind.TYPE_TRANSITION).target(name, true)));
        }
        cases.add(new Case(List.of("-A", "-c", "domain", "-p", "create"),
                q -> q.kinds(Kind.ALLOW).classes(List.of("domain")).permissions(List.of("create"))));
        cases.add(new Case(List.of("-A", "-T", "-c", "domain,grant", "-p", "map_read,create"),
                q -> q.kinds(Kind.ALLOW, Kind.TYPE_TRANSITION).classes(List.of("domain", "grant"))
                        .permissions(List.of("map_read", "create"))));
        cases.add(new Case(List.of("-A", "-p", "pause", "-ep"),
                q -> q.kinds(Kind.ALLOW).permissions(List.of("pause")).permissionsEqual(true)));
        cases.add(new Case(List.of("--dontaudit", "-p", "unpause"),
                q -> q.kinds(Kind.DONTAUDIT).permissions(List.of("unpause"))));
        cases.add(new Case(List.of("-A", "--dontaudit", "-T", "-b", "feat_on"),
                q -> q.kinds(Kind.ALLOW, Kind.DONTAUDIT, Kind.TYPE_TRANSITION).booleans(List.of("feat_on"))));
        cases.add(new Case(List.of("-A", "-T", "-b", "guest_writeconsole,prot_doms_locked"),
                q -> q.kinds(Kind.ALLOW, Kind.TYPE_TRANSITION)
                        .booleans(List.of("guest_writeconsole", "prot_doms_locked"))));
        cases.add(new Case(List.of("-T", "--type_member", "--type_change", "-D", "feat_obj_t"),
                q -> q.kinds(Kind.TYPE_TRANSITION, Kind.TYPE_MEMBER, Kind.TYPE_CHANGE).defaultType("feat_obj_t")));
        cases.add(new Case(List.of("-T", "-s", "domain_type", "-t", "feat_t", "-c", "event"),
                q -> q.kinds(Kind.TYPE_TRANSITION).source("domain_type", false).target("feat_t", false)
                        .classes(List.of("event"))));
        return cases.stream();
    }

    @ParameterizedTest(name = "sesearch {0}")
    @MethodSource("cases")
    void searchMatchesSesearch(Case c) throws IOException {
        ReferenceTools.require("sesearch");
        Output built = BuiltPolicies.get(variant());
        Policy policy = new PolicyReader().read(built.binary());
        List<String> cmd = new ArrayList<>(List.of("sesearch"));
        cmd.addAll(c.args());
        cmd.add(built.binary().toString());
        ReferenceTools.Result r = ReferenceTools.run(cmd);
        assertEquals(0, r.exitCode(), r.stderr());
        RuleQuery q = new RuleQuery();
        c.query().accept(q);
        PolicyIndex ix = policy.index();
        List<String> ours = q.run(ix).stream().map(m -> SesearchFormat.line(ix, m)).toList();
        LineAssert.assertSameLines(r.lines(), ours, "sesearch " + c);
    }

    @Test
    void unknownNamesAreReported() throws IOException {
        Output built = BuiltPolicies.get(variant());
        PolicyIndex ix = new PolicyReader().read(built.binary()).index();
        for (Consumer<RuleQuery> bad : Arrays.<Consumer<RuleQuery>>asList(
                q -> q.source("no_such_t", false), q -> q.classes(List.of("no_class")),
                q -> q.permissions(List.of("no_perm")), q -> q.booleans(List.of("no_bool")))) {
            RuleQuery q = new RuleQuery().kinds(Kind.ALLOW);
            bad.accept(q);
            assertThrows(IllegalArgumentException.class, () -> q.run(ix));
        }
    }
}
