package org.xenwb.trace.core.gen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.xenwb.trace.core.format.TraceEvents;
import org.xenwb.trace.core.format.TraceRecord;
import org.xenwb.trace.core.format.TraceWriter;

/**
 * Generates traces that look like Xen's: a toy scheduler moves PV vCPUs of a few domains between pCPUs, blocks and
 * wakes them, and writes the runstate-change, PV hypercall and lost-record records Xen would write, batched into
 * per-pCPU windows the way xentrace polls its buffers. Deterministic for a seed. Used to check the reader and the
 * summary against xenalyze on traces nobody has looked at.
 */
public final class SchedulingSimulator {

    private static final int RUNNING = 0;
    private static final int RUNNABLE = 1;
    private static final int BLOCKED = 2;

    private final Random random;
    private final int pcpus;
    private final int[][] vcpus; // {dom, vcpu}
    private final int[] state;
    private final int[] runningOn;
    private final int[] current; // per pCPU: vCPU index, or -1 - p for the idle vCPU of p
    private final List<List<TraceRecord>> pending = new ArrayList<>();
    /* per pending record: the vCPU current on its pCPU when it was written (what Xen puts in a lost record) */
    private final List<List<Integer>> pendingCurrent = new ArrayList<>();
    private final double lossRate;
    private boolean sloppyLostTsc;
    private long now = 1_000_000_000L;

    /**
     * A simulator.
     *
     * @param seed random seed
     * @param pcpus number of pCPUs
     * @param domains number of guest domains (ids 0..domains-1)
     * @param vcpusPerDomain vCPUs per domain
     * @param lossRate probability per batch and pCPU of losing records (0 for none)
     */
    public SchedulingSimulator(long seed, int pcpus, int domains, int vcpusPerDomain, double lossRate) {
        this.random = new Random(seed);
        this.pcpus = pcpus;
        this.lossRate = lossRate;
        this.vcpus = new int[domains * vcpusPerDomain][];
        for (int d = 0; d < domains; d++) {
            for (int v = 0; v < vcpusPerDomain; v++) {
                vcpus[d * vcpusPerDomain + v] = new int[] {d, v};
            }
        }
        this.state = new int[vcpus.length];
        this.runningOn = new int[vcpus.length];
        java.util.Arrays.fill(state, BLOCKED);
        this.current = new int[pcpus];
        for (int p = 0; p < pcpus; p++) {
            current[p] = -1 - p;
            pending.add(new ArrayList<>());
            pendingCurrent.add(new ArrayList<>());
        }
    }

    private static int packed(int dom, int vcpu) {
        return (dom << 16) | vcpu;
    }

    private void add(int p, TraceRecord r) {
        pending.get(p).add(r);
        pendingCurrent.get(p).add(current[p]);
    }

    private void runstate(int p, int dom, int vcpu, int from, int to) {
        add(p, TraceRecord.withTsc(TraceEvents.TRC_SCHED_RUNSTATE_CHANGE | (from << 8) | (to << 4), p,
                now, packed(dom, vcpu)));
    }

    private int[] idOf(int who) {
        return who < 0 ? new int[] {32767, -1 - who} : vcpus[who];
    }

    private void step() {
        now += 2_000 + random.nextInt(200_000);
        int p = random.nextInt(pcpus);
        int action = random.nextInt(10);
        if (action < 3) {
            int v = random.nextInt(vcpus.length);
            if (state[v] == BLOCKED) {
                runstate(p, vcpus[v][0], vcpus[v][1], BLOCKED, RUNNABLE);
                state[v] = RUNNABLE;
            }
            return;
        }
        if (action < 6 && current[p] >= 0) {
            int v = current[p];
            add(p, TraceRecord.withTsc(TraceEvents.TRC_PV_HYPERCALL_V2, p, now,
                    random.nextInt(40) | (random.nextBoolean() ? 1 << 20 : 0), random.nextInt()));
            if (random.nextInt(4) == 0) {
                add(p, TraceRecord.withoutTsc(TraceEvents.TRC_PV_HYPERCALL_SUBCALL, p, 24));
            }
            return;
        }
        List<Integer> runnable = new ArrayList<>();
        for (int v = 0; v < vcpus.length; v++) {
            if (state[v] == RUNNABLE) {
                runnable.add(v);
            }
        }
        int prev = current[p];
        if (prev < 0 && runnable.isEmpty()) {
            return;
        }
        int[] pid = idOf(prev);
        if (prev >= 0) {
            int to = random.nextBoolean() ? BLOCKED : RUNNABLE;
            runstate(p, pid[0], pid[1], RUNNING, to);
            state[prev] = to;
            if (to == RUNNABLE) {
                runnable.add(prev);
            }
        } else {
            runstate(p, pid[0], pid[1], RUNNING, RUNNABLE);
        }
        int next = runnable.isEmpty() ? -1 - p : runnable.get(random.nextInt(runnable.size()));
        int[] nid = idOf(next);
        runstate(p, nid[0], nid[1], RUNNABLE, RUNNING);
        if (next >= 0) {
            state[next] = RUNNING;
            runningOn[next] = p;
        }
        current[p] = next;
    }

    private void flush(TraceWriter w) throws IOException {
        for (int p = 0; p < pcpus; p++) {
            List<TraceRecord> batch = pending.get(p);
            if (lossRate > 0 && batch.size() > 4 && random.nextDouble() < lossRate) {
                int from = 1 + random.nextInt(batch.size() - 3);
                int to = from + 1 + random.nextInt(batch.size() - from - 2);
                long firstLost = batch.get(from).tsc();
                TraceRecord after = batch.get(to);
                if (!sloppyLostTsc && after.tsc() - 1 <= firstLost) {
                    for (TraceRecord r : batch) {
                        w.write(r);
                    }
                    w.endWindow();
                    pending.get(p).clear();
                    pendingCurrent.get(p).clear();
                    continue;
                }
                int[] who = idOf(pendingCurrent.get(p).get(to));
                List<TraceRecord> kept = new ArrayList<>(batch.subList(0, from));
                kept.add(TraceRecord.lostRecords(p, after.tsc() == 0 ? firstLost : after.tsc() - 1, to - from,
                        who[0], who[1], firstLost));
                kept.addAll(batch.subList(to, batch.size()));
                batch = kept;
            }
            for (TraceRecord r : batch) {
                w.write(r);
            }
            w.endWindow();
            pending.get(p).clear();
            pendingCurrent.get(p).clear();
        }
    }

    /**
     * Lets lost-record markers carry a TSC that is not later than their first lost record (as a buggy producer
     * could), which makes xenalyze stop.
     *
     * @return this simulator
     */
    public SchedulingSimulator sloppyLostTsc() {
        sloppyLostTsc = true;
        return this;
    }

    /**
     * Writes a trace.
     *
     * @param file destination
     * @param steps number of simulation steps
     * @param stepsPerPoll steps between two simulated polls of xentrace
     * @throws IOException when writing fails
     */
    public void write(Path file, int steps, int stepsPerPoll) throws IOException {
        try (TraceWriter w = new TraceWriter(Files.newOutputStream(file))) {
            for (int p = 0; p < pcpus; p++) {
                now += 1000;
                runstate(p, 32767, p, RUNNABLE, RUNNING);
            }
            for (int i = 1; i <= steps; i++) {
                step();
                if (i % stepsPerPoll == 0) {
                    flush(w);
                }
            }
            flush(w);
        }
    }
}
