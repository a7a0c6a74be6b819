package org.xenwb.trace.core.stats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.xenwb.trace.core.format.TraceEvents;
import org.xenwb.trace.core.read.TraceReader;
import org.xenwb.trace.core.state.Lane;
import org.xenwb.trace.core.state.Runstate;
import org.xenwb.trace.core.state.StateModel;

/**
 * Exact run-queue lengths: how many vCPUs wait in each queue at each instant, from the runstate lanes and, for the
 * credit2 scheduler, the records that say where a waiting vCPU is queued.
 *
 * <p><b>Definitions.</b> A vCPU <em>waits</em> while its lane is {@link Runstate#RUNNABLE} (runnable but not
 * running); only vCPUs of real domains count (not the idle domain). {@link #host()} is the number of waiting vCPUs
 * on the whole host: exact from the runstate records alone. Credit2 traces say where each waiting vCPU is queued:
 * {@code csched2:tickle_new} (emitted by {@code runq_tickle} right after every {@code runq_insert}, whose
 * {@code csched2:runq_pos} precedes it) names the vCPU and its {@code processor}, whose runqueue holds it; the
 * pCPU-to-runqueue map comes from {@code csched2:schedule} records ({@code cpu}, {@code rq_id}: the latest one of
 * that pCPU at or before the insertion, else its first one); {@code csched2:migrate} moves a queued vCPU to
 * runqueue {@code trqi} (its pCPU is then unknown). From the start of a waiting interval until the first such record
 * inside it, the vCPU is <em>not yet queued</em> ({@link #unqueued()}). So at every instant
 * {@code host = unqueued + sum of byRunqueue}, and likewise for {@link #byPcpu()} plus the vCPUs whose pCPU is
 * unknown after a migration. Credit (credit1) does not trace the vCPU of its run-queue insertions, so on credit
 * traces every waiting vCPU is {@link #unqueued()}.</p>
 *
 * <p>Immutable after {@link #compute}; thread-safe then.</p>
 */
public final class RunQueues {

    private static final int TICKLE_NEW = TraceEvents.schedClassEvent(TraceEvents.TRC_SCHED_CSCHED2, 13);
    private static final int MIGRATE = TraceEvents.schedClassEvent(TraceEvents.TRC_SCHED_CSCHED2, 15);
    private static final int SCHEDULE = TraceEvents.schedClassEvent(TraceEvents.TRC_SCHED_CSCHED2, 21);

    private final QueueLength host;
    private final QueueLength unqueued;
    private final Map<Integer, QueueLength> byPcpu;
    private final Map<Integer, QueueLength> byRunqueue;

    private RunQueues(QueueLength host, QueueLength unqueued, Map<Integer, QueueLength> byPcpu,
            Map<Integer, QueueLength> byRunqueue) {
        this.host = host;
        this.unqueued = unqueued;
        this.byPcpu = byPcpu;
        this.byRunqueue = byRunqueue;
    }

    /** Where a vCPU was queued from a time on: pCPU (or -1) and runqueue (or -1). */
    private record Placement(long tsc, int pcpu, int runqueue) {
    }

    /**
     * Computes the queues of a whole trace.
     *
     * @param model the trace's state model
     * @param reader a reader of the same trace positioned at its start; read to its end
     * @return the queues
     */
    public static RunQueues compute(StateModel model, TraceReader reader) {
        Map<Integer, List<Placement>> placements = new HashMap<>();
        Map<Integer, TreeMap<Long, Integer>> rqOf = new HashMap<>();
        List<long[]> tickles = new ArrayList<>(); // {tsc, vcpu key, processor}
        while (reader.next()) {
            if (reader.kind() != TraceReader.Kind.RECORD || reader.isLostRecordsEnd()) {
                continue;
            }
            int e = reader.event();
            if (e == SCHEDULE && reader.extraCount() >= 1) {
                // word 0: cpu in bits 15..0, rq_id in bits 31..16 (word 1 holds flags)
                int w0 = reader.extra(0);
                TreeMap<Long, Integer> map = rqOf.computeIfAbsent(w0 & 0xffff, k -> new TreeMap<>());
                if (map.isEmpty() || map.lastEntry().getValue() != w0 >>> 16) {
                    map.putIfAbsent(reader.tsc(), w0 >>> 16);
                }
            } else if (e == TICKLE_NEW && reader.extraCount() >= 2) {
                tickles.add(new long[] {reader.tsc(), reader.extra(0), reader.extra(1)});
            } else if (e == MIGRATE && reader.extraCount() >= 2) {
                placements.computeIfAbsent(reader.extra(0), k -> new ArrayList<>())
                        .add(new Placement(reader.tsc(), -1, reader.extra(1) >>> 16));
            }
        }
        for (long[] t : tickles) {
            int processor = (int) t[2];
            placements.computeIfAbsent((int) t[1], k -> new ArrayList<>())
                    .add(new Placement(t[0], processor, runqueueOf(rqOf.get(processor), t[0])));
        }
        QueueLength host = new QueueLength();
        QueueLength unqueued = new QueueLength();
        Map<Integer, QueueLength> byPcpu = new TreeMap<>();
        Map<Integer, QueueLength> byRunqueue = new TreeMap<>();
        for (Lane lane : model.vcpuLanes()) {
            if (lane.id().domain() == Runstate.IDLE_DOMAIN) {
                continue;
            }
            List<Placement> mine = placements.getOrDefault(lane.id().domain() << 16 | lane.id().vcpu(), List.of());
            if (mine.size() > 1) {
                mine.sort((a, b) -> Long.compare(a.tsc(), b.tsc()));
            }
            int k = 0;
            for (int i = 0; i < lane.size(); i++) {
                if (lane.state(i) != Runstate.RUNNABLE) {
                    continue;
                }
                long start = lane.start(i);
                long end = lane.end(i);
                host.add(start, end);
                while (k < mine.size() && mine.get(k).tsc() < start) {
                    k++;
                }
                long at = start;
                Placement where = null;
                for (; k < mine.size() && mine.get(k).tsc() < end; k++) {
                    place(where, at, mine.get(k).tsc(), unqueued, byPcpu, byRunqueue);
                    where = mine.get(k);
                    at = where.tsc();
                }
                place(where, at, end, unqueued, byPcpu, byRunqueue);
            }
        }
        return new RunQueues(host, unqueued, byPcpu, byRunqueue);
    }

    private static void place(Placement where, long from, long to, QueueLength unqueued,
            Map<Integer, QueueLength> byPcpu, Map<Integer, QueueLength> byRunqueue) {
        if (where == null) {
            unqueued.add(from, to);
            return;
        }
        if (where.pcpu() >= 0) {
            byPcpu.computeIfAbsent(where.pcpu(), k -> new QueueLength()).add(from, to);
        }
        byRunqueue.computeIfAbsent(where.runqueue(), k -> new QueueLength()).add(from, to);
    }

    private static int runqueueOf(TreeMap<Long, Integer> map, long tsc) {
        if (map == null) {
            return -1;
        }
        Map.Entry<Long, Integer> e = map.floorEntry(tsc);
        return e != null ? e.getValue() : map.firstEntry().getValue();
    }

    /** @return waiting vCPUs of real domains on the whole host */
    public QueueLength host() {
        return host;
    }

    /** @return waiting vCPUs that no record has placed in a queue yet (all of them on credit traces) */
    public QueueLength unqueued() {
        return unqueued;
    }

    /** @return per pCPU (credit2: the {@code processor} of the insertion), waiting vCPUs queued for it */
    public Map<Integer, QueueLength> byPcpu() {
        return java.util.Collections.unmodifiableMap(byPcpu);
    }

    /** @return per credit2 runqueue id (-1: the pCPU's runqueue is unknown), waiting vCPUs queued in it */
    public Map<Integer, QueueLength> byRunqueue() {
        return java.util.Collections.unmodifiableMap(byRunqueue);
    }
}
