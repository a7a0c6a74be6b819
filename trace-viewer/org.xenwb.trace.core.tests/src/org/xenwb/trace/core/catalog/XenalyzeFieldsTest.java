package org.xenwb.trace.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xenwb.trace.core.SharedData;
import org.xenwb.trace.core.Xenalyze;
import org.xenwb.trace.core.dump.CanonicalDump;
import org.xenwb.trace.core.read.TraceReader;

/**
 * Our decoded field values equal the ones {@code xenalyze --dump-all} prints, for every event both decode, over
 * whole captures: for each kind of line, the sequence of values xenalyze prints (in its order, which is ours, see
 * ReaderConformanceTest) equals the sequence our canonical dump gives for the same event.
 *
 * <p>Where xenalyze does not decode a record's fields it prints raw words ({@code emulate privop[ ... ]}); those
 * are compared too, as the 64-bit values our layout builds from them. Not compared: xenalyze's IRQ vector-binding
 * lines (it reads Xen 4.17's {@code irq:16, vec:16} word as two words) and hypercall arguments.</p>
 */
class XenalyzeFieldsTest {

    /** One kind of line: our event name, xenalyze's pattern, and the two ways to the same value string. */
    private record Rule(String event, Pattern xenalyze, Function<Matcher, String> fromXenalyze,
            Function<Map<String, String>, String> fromOurs) {
    }

    private static final String DV = "(d\\d+v\\d+)";
    private static final Pattern OUR_FIELD = Pattern.compile(" (\\w+)=(\\S+)");
    private static final Map<String, Long> SYMBOL_VALUES = symbolValues();
    private static final List<Rule> RULES = rules();

    static List<String> traces() {
        return SharedData.traceNames();
    }

    @ParameterizedTest
    @MethodSource("traces")
    void decodedFieldsMatchXenalyzeDumpAll(String name) throws IOException {
        Xenalyze.assumeInstalled();
        Path file = SharedData.trace(name);
        Map<String, List<String>> expected = new LinkedHashMap<>();
        List<String> args = new ArrayList<>(Xenalyze.options(file.getParent()));
        args.add("--dump-all");
        args.add(file.toString());
        try (BufferedReader x = Xenalyze.start(args)) {
            for (String line = x.readLine(); line != null; line = x.readLine()) {
                for (Rule r : RULES) {
                    Matcher m = r.xenalyze.matcher(line);
                    if (m.find()) {
                        expected.computeIfAbsent(r.event, k -> new ArrayList<>()).add(r.fromXenalyze.apply(m));
                        break;
                    }
                }
            }
        }
        Map<String, List<String>> actual = new LinkedHashMap<>();
        Map<String, List<Rule>> byEvent = new HashMap<>();
        for (Rule r : RULES) {
            byEvent.computeIfAbsent(r.event, k -> new ArrayList<>()).add(r);
        }
        try (TraceReader reader = TraceReader.open(file)) {
            CanonicalDump dump = new CanonicalDump(new EventFormatter(TraceLayouts.forTrace(name)));
            while (reader.next()) {
                if (reader.kind() != TraceReader.Kind.RECORD) {
                    continue;
                }
                String line = dump.format(reader);
                String[] parts = line.split(" ", 4);
                List<Rule> rules = parts.length > 2 ? byEvent.get(parts[2]) : null;
                if (rules == null) {
                    continue;
                }
                Map<String, String> fields = new HashMap<>();
                Matcher m = OUR_FIELD.matcher(line);
                while (m.find()) {
                    fields.put(m.group(1), m.group(2));
                }
                actual.computeIfAbsent(parts[2], k -> new ArrayList<>()).add(rules.get(0).fromOurs.apply(fields));
            }
        }
        TreeMap<String, Integer> counts = new TreeMap<>();
        for (String event : actual.keySet()) {
            List<String> ours = actual.get(event);
            List<String> theirs = expected.getOrDefault(event, List.of());
            counts.put(event, ours.size());
            for (int i = 0; i < Math.min(ours.size(), theirs.size()); i++) {
                assertEquals(theirs.get(i), ours.get(i), name + ": " + event + " #" + i);
            }
            assertEquals(theirs.size(), ours.size(), name + ": number of " + event + " lines");
        }
        for (String event : expected.keySet()) {
            assertTrue(actual.containsKey(event), name + ": xenalyze printed " + event + " lines, we have none");
        }
        assertTrue(counts.values().stream().mapToInt(Integer::intValue).sum() > 1000, name + ": " + counts);
    }

    // ---- the rules -------------------------------------------------------------------------------------------

    private static List<Rule> rules() {
        List<Rule> r = new ArrayList<>();
        // scheduler core
        r.add(rule("switch_infprev", "sched_switch prev (d\\d+v-?\\d+), run for ([\\d.]+)us$",
                f -> dv(f) + "|" + us(f.get("runtime_ns"))));
        r.add(rule("switch_infcont",
                "sched_switch continue " + DV + ", run for ([\\d.]+)us(?:, next slice ([\\d.]+)us)?$",
                f -> dv(f) + "|" + us(f.get("runtime_ns")) + "|" + usPositive(f.get("slice_ns"))));
        r.add(rule("switch_infnext",
                "sched_switch next " + DV + "(?:, was runnable for ([\\d.]+)us)?(?:, next slice ([\\d.]+)us)?$",
                f -> dv(f) + "|" + (f.get("waited_ns").equals("0") ? "" : us(f.get("waited_ns"))) + "|"
                        + usPositive(f.get("slice_ns"))));
        for (String action : new String[] {"wake", "block", "sleep", "yield"}) {
            r.add(rule(action, " vcpu_" + action + " " + DV + "$", XenalyzeFieldsTest::dv));
        }
        r.add(rule("dom_add", " sched_init_domain d(\\d+)$", f -> f.get("dom")));
        r.add(rule("dom_rem", " sched_destroy_domain d(\\d+)$", f -> f.get("dom")));
        r.add(rule("adjdom", " sched_adjust d(\\d+)$", f -> f.get("dom")));
        // credit
        r.add(rule("csched:account_start", "csched:acct_start d(\\d+)v(\\d+), active_vcpus (\\d+)",
                f -> f.get("dom") + "|" + f.get("vcpu") + "|" + f.get("active_vcpus")));
        r.add(rule("csched:account_stop", "csched:acct_stop d(\\d+)v(\\d+), active_vcpus (\\d+)",
                f -> f.get("dom") + "|" + f.get("vcpu") + "|" + f.get("active_vcpus")));
        r.add(rule("csched:stolen_vcpu", "csched:stolen_vcpu d(\\d+)v(\\d+) from cpu (\\d+)",
                f -> f.get("dom") + "|" + f.get("vcpu") + "|" + f.get("peer_cpu")));
        r.add(rule("csched:picked_cpu", "csched:pick_cpu (\\d+) for d(\\d+)v(\\d+)",
                f -> f.get("cpu") + "|" + f.get("dom") + "|" + f.get("vcpu")));
        r.add(rule("csched:tickle", "csched:runq_tickle, cpu (\\d+)", f -> f.get("cpu")));
        r.add(rule("csched:boost_start", "csched: d(\\d+)v(\\d+) boosted", f -> f.get("dom") + "|" + f.get("vcpu")));
        r.add(rule("csched:boost_end", "csched: d(\\d+)v(\\d+) unboosted", f -> f.get("dom") + "|" + f.get("vcpu")));
        r.add(rule("csched:schedule", "csched:schedule cpu (\\d+)(, tasklet scheduled)?, (idle|busy)",
                f -> f.get("cpu") + "|" + flag(f, "tasklet", ", tasklet scheduled") + "|"
                        + (f.get("idle").equals("0") ? "busy" : "idle")));
        r.add(rule("csched:ratelimit", "csched:ratelimit, " + DV + " run only ([\\d.]+)us",
                f -> f.get("vcpu") + "|" + us(f.get("runtime_ns"))));
        r.add(rule("csched:steal_check", "csched:load_balance (checking|skipping) (\\d+)",
                f -> (f.get("checked").equals("0") ? "skipping" : "checking") + "|" + f.get("peer_cpu")));
        credit2(r);
        pvHwMem(r);
        hvm(r);
        return r;
    }

    private static void credit2(List<Rule> r) {
        r.add(rule("csched2:runq_pos", "csched2:runq_insert " + DV + ", position (\\d+)",
                f -> f.get("vcpu") + "|" + f.get("pos")));
        r.add(rule("csched2:credit_burn",
                "csched2:burn_credits " + DV + ", credit = (-?\\d+), (?:budget = (-?\\d+), )?delta = (-?\\d+)",
                f -> f.get("vcpu") + "|" + f.get("credit") + "|"
                        + (f.get("budget").equals("-2147483648") ? "" : f.get("budget")) + "|" + f.get("delta")));
        r.add(rule("csched2:tickle_check", "csched2:tickle_check " + DV + ", credit = (-?\\d+), score = (-?\\d+)",
                f -> f.get("vcpu") + "|" + f.get("credit") + "|" + f.get("score")));
        r.add(rule("csched2:tickle", "csched2:runq_tickle cpu (\\d+)", f -> f.get("cpu")));
        r.add(rule("csched2:credit_reset",
                "csched2:reset_credits " + DV + ", credit_start = (-?\\d+), credit_end = (-?\\d+)",
                f -> f.get("vcpu") + "|" + f.get("credit_start") + "|" + f.get("credit_end")));
        r.add(rule("csched2:runq_assign", "csched2:runq_assign " + DV + " on rq# (\\d+)",
                f -> f.get("vcpu") + "|" + f.get("rqi")));
        r.add(rule("csched2:update_vcpu_load", "csched2:update_vcpu_load " + DV + ", vcpu_load = [^(]*\\((\\d+)\\)",
                f -> f.get("vcpu") + "|" + f.get("v_avgload")));
        r.add(rule("csched2:update_runq_load",
                "csched2:update_rq_load rq# (\\d+), load = (\\d+), avgload = [^(]*\\((\\d+)\\), b_avgload = [^(]*"
                        + "\\((\\d+)\\)",
                f -> f.get("rq_id") + "|" + f.get("rq_load") + "|" + f.get("rq_avgload") + "|" + f.get("b_avgload")));
        r.add(rule("csched2:tickle_new", "csched2:runq_tickle_new " + DV + ", processor = (\\d+), credit = (-?\\d+)",
                f -> f.get("vcpu") + "|" + f.get("processor") + "|" + f.get("credit")));
        r.add(rule("csched2:runq_max_weight", "csched2:update_max_weight rq# (\\d+), max_weight = (\\d+)",
                f -> f.get("rqi") + "|" + f.get("max_weight")));
        r.add(rule("csched2:migrate", "csched2:migrate " + DV + " rq# (\\d+) --> rq# (\\d+)",
                f -> f.get("vcpu") + "|" + f.get("rqi") + "|" + f.get("trqi")));
        r.add(rule("csched2:load_check", "csched2:load_balance_check lrq# (\\d+), orq# (\\d+), delta = (\\d+)",
                f -> f.get("lrq_id") + "|" + f.get("orq_id") + "|" + f.get("load_delta")));
        r.add(rule("csched2:load_balance",
                "csched2:load_balance_begin lrq# (\\d+), avg_load = (\\d+) -- orq# (\\d+), avg_load = (\\d+)",
                f -> f.get("lrq_id") + "|" + f.get("lb_avgload") + "|" + f.get("orq_id") + "|" + f.get("ob_avgload")));
        r.add(rule("csched2:picked_cpu", "csched2:picked_cpu " + DV + ", rq# (\\d+), cpu (\\d+)",
                f -> f.get("vcpu") + "|" + (Integer.parseInt(f.get("rq_id")) & 0xffff) + "|" + f.get("new_cpu")));
        r.add(rule("csched2:runq_candidate",
                "csched2:runq_candidate " + DV + ", credit = (-?\\d+), (?:no cpu was tickled|cpu (\\d+) was tickled)",
                f -> f.get("vcpu") + "|" + f.get("credit") + "|"
                        + (f.get("tickled_cpu").equals("-1") ? "" : f.get("tickled_cpu"))));
        r.add(rule("csched2:schedule", "csched2:schedule cpu (\\d+), rq# (\\d+)(, tasklet scheduled)?, (idle|busy)"
                + "(?:, (SMT idle|SMT busy))?, (tickled|not tickled)",
                f -> f.get("cpu") + "|" + f.get("rq_id") + "|" + flag(f, "tasklet", ", tasklet scheduled") + "|"
                        + (f.get("idle").equals("0") ? "busy|" : "idle|" + (f.get("smt_idle").equals("0")
                                ? "SMT busy" : "SMT idle")) + "|"
                        + (f.get("tickled").equals("0") ? "not tickled" : "tickled")));
        r.add(rule("csched2:ratelimit", "csched2:ratelimit, " + DV + " run only ([\\d.]+)us",
                f -> f.get("vcpu") + "|" + us(f.get("runtime_ns"))));
        r.add(rule("csched2:runq_cand_check", "csched2:runq_cand_check " + DV + "$", f -> f.get("vcpu")));
    }

    private static void pvHwMem(List<Rule> r) {
        r.add(rule("pv:hypercall_v2", "\\S hypercall +([0-9a-f]+)", f -> hex(symbol(f.get("op")))));
        r.add(rule("pv:hypercall_subcall", "\\S  hypercall +([0-9a-f]+)", f -> hex(symbol(f.get("op")))));
        r.add(rule("pv:ptwr_emulation", "ptwr l1e ([0-9a-f]+) eip ([0-9a-f]+) addr ([0-9a-f]+)",
                f -> hex(f.get("pte")) + "|" + hex(f.get("rip")) + "|" + hex(f.get("addr"))));
        r.add(rule("pv:trap", " trap ([0-9a-f]+) eip ([0-9a-f]+)(?: ec ([0-9a-f]+))?$",
                f -> hex(symbol(f.get("trapnr"))) + "|" + hex(f.get("rip")) + "|"
                        + (f.get("use_error_code").equals("0") ? "" : hex(f.get("error_code")))));
        r.add(new Rule("pv:emulate_privop", Pattern.compile("emulate privop\\[ ([0-9a-f]+) ([0-9a-f]+) \\]"),
                m -> join64(m.group(2), m.group(1)), f -> hex(f.get("rip"))));
        r.add(new Rule("pv:forced_invalid_op", Pattern.compile("forced_invalid_op\\[ ([0-9a-f]+) ([0-9a-f]+) \\]"),
                m -> join64(m.group(2), m.group(1)), f -> hex(f.get("rip"))));
        r.add(new Rule("pv:page_fault",
                Pattern.compile("page_fault\\[ ([0-9a-f]+) ([0-9a-f]+) ([0-9a-f]+) ([0-9a-f]+) ([0-9a-f]+) \\]"),
                m -> join64(m.group(2), m.group(1)) + "|" + join64(m.group(4), m.group(3)) + "|" + m.group(5),
                f -> hex(f.get("rip")) + "|" + hex(f.get("addr")) + "|" + hex(f.get("error_code"))));
        r.add(rule("irq:handled", "irq_handled irq ([0-9a-f]+) (-?\\d+) \\((-?\\d+),(-?\\d+)\\)", f -> {
            int in = (int) Long.parseLong(hex(f.get("tsc_in")), 16);
            int out = (int) Long.parseLong(hex(f.get("tsc_out")), 16);
            return hex(f.get("irq")) + "|" + (out - in) + "|" + in + "|" + out;
        }));
        r.add(rule("grant_map", "grant-map domain (\\d+)", f -> f.get("dom")));
        r.add(rule("grant_unmap", "grant-unmap domain (\\d+)", f -> f.get("dom")));
        r.add(rule("dom0op:dom_add", "creating domain d(\\d+)", f -> f.get("dom")));
        r.add(rule("dom0op:dom_rem", "destroying domain d(\\d+)", f -> f.get("dom")));
    }

    private static void hvm(List<Rule> r) {
        r.add(rule("hvm:inj_virq", " inj_virq vec (\\d+)  (fake|real)",
                f -> Long.parseLong(hex(f.get("vector")), 16) + "|" + (f.get("fake").equals("0") ? "real" : "fake")));
        r.add(rule("hvm:intr_window", " intr_window vec (\\d+) src \\d+\\((\\w+)\\) (?:intr ([0-9a-f]+)|intr #)",
                f -> Long.parseLong(hex(f.get("vector")), 16) + "|" + f.get("source") + "|"
                        + (Integer.parseInt(f.get("injecting")) > 0 ? Integer.toHexString(
                                Integer.parseInt(f.get("injecting"))) : "")));
        r.add(rule("hvm:vmexit", " vmexit exit_reason (\\S+) eip ([0-9a-f]+)",
                f -> f.get("exit_reason") + "|" + hex(f.get("rip"))));
        r.add(rule("hvm:npf", " npf gpa ([0-9a-f]+) q ([0-9a-f]+) mfn ([0-9a-f]+) t (-?\\d+)",
                f -> hex(f.get("gpa")) + "|" + hex(f.get("qualification")) + "|" + hex(f.get("mfn")) + "|"
                        + f.get("p2mt")));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static Rule rule(String event, String xenalyze, Function<Map<String, String>, String> fromOurs) {
        return new Rule(event, Pattern.compile(xenalyze), XenalyzeFieldsTest::groups, fromOurs);
    }

    private static String groups(Matcher m) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= m.groupCount(); i++) {
            sb.append(i > 1 ? "|" : "").append(m.group(i) == null ? "" : m.group(i));
        }
        return sb.toString();
    }

    private static String dv(Map<String, String> f) {
        return "d" + f.get("dom") + "v" + f.get("vcpu");
    }

    /** xenalyze's microseconds: {@code ns / 1000 "." ns % 1000}, the remainder not zero-padded. */
    private static String us(String ns) {
        long v = Long.parseLong(ns) & 0xffffffffL;
        return (v / 1000) + "." + (v % 1000);
    }

    private static String usPositive(String ns) {
        return Long.parseLong(ns) > 0 ? us(ns) : "";
    }

    private static String flag(Map<String, String> f, String field, String text) {
        return f.get(field).equals("0") ? "" : text;
    }

    /** A value of ours as lower-case hex without prefix: {@code 0x...} values as they are, decimals converted. */
    private static String hex(String value) {
        return value.startsWith("0x") ? value.substring(2) : Long.toHexString(Long.parseLong(value));
    }

    private static String symbol(String name) {
        Long v = SYMBOL_VALUES.get(name);
        return v != null ? Long.toString(v) : name;
    }

    private static String join64(String high, String low) {
        long v = (Long.parseLong(high, 16) << 32) | Long.parseLong(low, 16);
        return Long.toHexString(v);
    }

    private static Map<String, Long> symbolValues() {
        Map<String, Long> values = new HashMap<>();
        for (Symbols s : new Symbols[] {Symbols.HYPERCALL, Symbols.VECTOR}) {
            for (long i = 0; i < 64; i++) {
                if (s.lookup(i) != null) {
                    values.put(s.lookup(i), i);
                }
            }
        }
        return values;
    }
}
