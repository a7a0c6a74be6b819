package org.xenwb.trace.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xenwb.trace.core.SharedData;
import org.xenwb.trace.core.catalog.EventFormatter;
import org.xenwb.trace.core.catalog.Xen417Layout;
import org.xenwb.trace.core.read.TraceReader;
import org.xenwb.trace.core.state.Lane;
import org.xenwb.trace.core.state.Runstate;
import org.xenwb.trace.core.state.StateModel;
import org.xenwb.trace.core.state.StateModelBuilder;

/**
 * {@link RunQueues} against a brute-force count on every real capture: at every instant where a queue length
 * changes (and at random instants), every vCPU lane is asked whether it is runnable then, and each runnable vCPU is
 * placed by a linear search of the credit2 records decoded by the catalog's text (not by the code under test).
 */
class RunQueuesTest {

    static List<String> traces() {
        return SharedData.traceNames();
    }

    private static final Pattern FIELD = Pattern.compile("([a-z_]+)=(\\S+)");

    /** {tsc, pcpu or -1, runqueue} per vCPU key, in trace order. */
    private static Map<Integer, List<long[]>> bruteForcePlacements(Path trace) throws Exception {
        EventFormatter fmt = new EventFormatter(Xen417Layout.INSTANCE);
        Map<Integer, List<long[]>> placements = new HashMap<>();
        List<long[]> tickles = new ArrayList<>(); // {tsc, key, processor}
        List<long[]> schedules = new ArrayList<>(); // {tsc, cpu, rq}
        StringBuilder sb = new StringBuilder();
        try (TraceReader r = TraceReader.open(trace)) {
            int[] extra = new int[8];
            while (r.next()) {
                if (r.kind() != TraceReader.Kind.RECORD || r.isLostRecordsEnd()) {
                    continue;
                }
                for (int i = 0; i < r.extraCount(); i++) {
                    extra[i] = r.extra(i);
                }
                sb.setLength(0);
                fmt.append(r.event(), extra, r.extraCount(), sb);
                String text = sb.toString();
                if (!text.startsWith("csched2:tickle_new ") && !text.startsWith("csched2:migrate ")
                        && !text.startsWith("csched2:schedule ")) {
                    continue;
                }
                Map<String, String> f = new HashMap<>();
                Matcher m = FIELD.matcher(text);
                while (m.find()) {
                    f.put(m.group(1), m.group(2));
                }
                if (text.startsWith("csched2:schedule ")) {
                    schedules.add(new long[] {r.tsc(), Long.parseLong(f.get("cpu")), Long.parseLong(f.get("rq_id"))});
                    continue;
                }
                String[] dv = f.get("vcpu").substring(1).split("v");
                int key = Integer.parseInt(dv[0]) << 16 | Integer.parseInt(dv[1]);
                if (text.startsWith("csched2:migrate ")) {
                    placements.computeIfAbsent(key, k -> new ArrayList<>())
                            .add(new long[] {r.tsc(), -1, Long.parseLong(f.get("trqi"))});
                } else {
                    tickles.add(new long[] {r.tsc(), key, Long.parseLong(f.get("processor"))});
                }
            }
        }
        Map<Long, List<long[]>> schedulesOf = new HashMap<>();
        for (long[] s : schedules) {
            schedulesOf.computeIfAbsent(s[1], k -> new ArrayList<>()).add(s);
        }
        for (long[] t : tickles) {
            long rq = -1;
            long first = -1;
            for (long[] s : schedulesOf.getOrDefault(t[2], List.of())) {
                first = first < 0 ? s[2] : first;
                if (s[0] <= t[0]) {
                    rq = s[2];
                }
            }
            placements.computeIfAbsent((int) t[1], k -> new ArrayList<>())
                    .add(new long[] {t[0], t[2], rq >= 0 ? rq : first});
        }
        for (List<long[]> l : placements.values()) {
            l.sort((a, b) -> Long.compare(a[0], b[0]));
        }
        return placements;
    }

    @ParameterizedTest
    @MethodSource("traces")
    void queuesEqualBruteForceCount(String name) throws Exception {
        Path trace = SharedData.trace(name);
        StateModel model;
        try (TraceReader r = TraceReader.open(trace)) {
            model = StateModelBuilder.build(r);
        }
        RunQueues q;
        try (TraceReader r = TraceReader.open(trace)) {
            q = RunQueues.compute(model, r);
        }
        Map<Integer, List<long[]>> placements = bruteForcePlacements(trace);
        TreeSet<Long> instants = new TreeSet<>();
        for (long t : q.host().changes()) {
            instants.add(t);
        }
        for (QueueLength l : q.byRunqueue().values()) {
            for (long t : l.changes()) {
                instants.add(t);
            }
        }
        List<Long> all = new ArrayList<>(instants);
        Random random = new Random(20261124L);
        List<Long> sample = new ArrayList<>();
        for (int i = 0; i < 600 && !all.isEmpty(); i++) {
            long t = all.get(random.nextInt(all.size()));
            sample.add(t);
            sample.add(t - 1);
        }
        for (int i = 0; i < 300; i++) {
            sample.add(model.firstTsc() + (long) (random.nextDouble() * (model.lastTsc() - model.firstTsc())));
        }
        long queuedSeen = 0;
        for (long t : sample) {
            int host = 0;
            int unqueued = 0;
            Map<Long, Integer> byRq = new TreeMap<>();
            Map<Long, Integer> byPcpu = new TreeMap<>();
            for (Lane lane : model.vcpuLanes()) {
                int i = lane.find(t);
                if (lane.id().domain() == Runstate.IDLE_DOMAIN || i < 0 || lane.state(i) != Runstate.RUNNABLE
                        || t >= lane.end(i)) {
                    continue;
                }
                host++;
                long[] where = null;
                for (long[] p : placements.getOrDefault(lane.id().domain() << 16 | lane.id().vcpu(), List.of())) {
                    if (p[0] >= lane.start(i) && p[0] <= t) {
                        where = p;
                    }
                }
                if (where == null) {
                    unqueued++;
                } else {
                    byRq.merge(where[2], 1, Integer::sum);
                    if (where[1] >= 0) {
                        byPcpu.merge(where[1], 1, Integer::sum);
                    }
                }
            }
            String at = name + " at " + t;
            assertEquals(host, q.host().lengthAt(t), at + " host");
            assertEquals(unqueued, q.unqueued().lengthAt(t), at + " not yet queued");
            for (Map.Entry<Integer, QueueLength> e : q.byRunqueue().entrySet()) {
                assertEquals(byRq.getOrDefault((long) e.getKey(), 0), e.getValue().lengthAt(t),
                        at + " rq " + e.getKey());
            }
            for (Map.Entry<Integer, QueueLength> e : q.byPcpu().entrySet()) {
                assertEquals(byPcpu.getOrDefault((long) e.getKey(), 0), e.getValue().lengthAt(t),
                        at + " p" + e.getKey());
            }
            int sum = byRq.values().stream().mapToInt(Integer::intValue).sum();
            assertEquals(sum, q.byRunqueue().values().stream().mapToInt(l -> l.lengthAt(t)).sum(), at + " queues");
            assertEquals(host, unqueued + sum, at + " host = not yet queued + queued");
            queuedSeen += sum;
        }
        if (name.startsWith("credit2") || name.startsWith("public") || name.startsWith("tbuf")) {
            assertTrue(queuedSeen > 0, name + ": a credit2 trace where no waiting vCPU was ever found queued");
        }
        // the host queue equals the one SchedStats reports
        long[] viaStats = SchedStats.compute(model, model.firstTsc(), model.lastTsc()).hostRunQueue();
        assertEquals(java.util.Arrays.toString(viaStats),
                java.util.Arrays.toString(trim(q.host().timeAtLength(model.firstTsc(), model.lastTsc()))), name);
    }

    private static long[] trim(long[] a) {
        int n = a.length;
        while (n > 1 && a[n - 1] == 0) {
            n--;
        }
        return java.util.Arrays.copyOf(a, n);
    }
}
