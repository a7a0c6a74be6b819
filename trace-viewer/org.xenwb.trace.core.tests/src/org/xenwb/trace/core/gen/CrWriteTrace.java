package org.xenwb.trace.core.gen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.xenwb.trace.core.format.TraceEvents;
import org.xenwb.trace.core.format.TraceRecord;
import org.xenwb.trace.core.format.TraceWriter;

/**
 * Writes HVM traces with control-register writes as Xen 4.17 emits them, for xenalyze's CR statistics and CR3
 * tracking: HVM vCPUs of several domains, scheduled over several pCPUs, take exits (vmexit and vmentry with a TSC,
 * handler records without one, as Xen writes them) for CR0, CR3 and CR4 writes ({@code TRC_HVM_CR_WRITE64}: CR
 * number and 64-bit value), CR reads, external interrupts, HLT, VMCALL and CPUID. CR3 values come from a small pool
 * per domain, so they repeat over time and across vCPUs (some differ only in PCID bits; some reload the value
 * already loaded, a flush). Domains alternate between 64-bit guests ({@code VMEXIT64}) and 32-bit ones
 * ({@code VMEXIT}). Intel VMX exit reasons (a CR access is reason 28) or, in SVM mode, AMD ones (a CR write is
 * reason 0x10 + CR).
 *
 * <p>With oddities on, a few exits also carry what xenalyze has corner cases for: the old 32-bit
 * {@code TRC_HVM_CR_WRITE}, CR numbers Xen never writes (2, 8, 9 to 15, 16+), CR3 values below 4 KiB and 0,
 * another handler record in the same exit before or after the CR write (VMCALL, I/O, MSR, CPUID, an interrupt),
 * CR writes outside an exit, xenalyze's {@code OP_DESTROY_PROC} record, and a first pCPU that is already running
 * a vCPU when the trace starts. With a loss rate, parts of pCPU
 * buffers are replaced by lost-record markers, as Xen does when its buffers overflow. Deterministic for a
 * seed.</p>
 */
public final class CrWriteTrace {

    private static final int RUNNING = 0;
    private static final int RUNNABLE = 1;
    private static final int BLOCKED = 2;
    /** xenalyze's TRC_HVM_OP_DESTROY_PROC (its analyze.h), which no Xen release writes. */
    private static final int DESTROY_PROC = TraceEvents.TRC_HVM_HANDLER + 0x100;

    private final Random random;
    private final boolean svm;
    private final int pcpus;
    private final int[][] vcpus; // {dom, vcpu}
    private final int[] state;
    private final boolean[] inGuest;
    private final long[] cr3;
    private final long[][] cr3Pool; // per domain
    private final int[] current; // per pCPU: vCPU index, or -1 - p for its idle vCPU
    private final List<List<TraceRecord>> pending = new ArrayList<>();
    private final List<List<Integer>> pendingCurrent = new ArrayList<>();
    private boolean oddities;
    private double lossRate;
    private long now = 1_000_000_000L;

    /**
     * A generator.
     *
     * @param seed random seed
     * @param svm whether to write AMD SVM exit reasons
     * @param pcpus number of pCPUs
     * @param domains number of HVM domains (ids 1..domains)
     * @param vcpusPerDomain vCPUs per domain
     */
    public CrWriteTrace(long seed, boolean svm, int pcpus, int domains, int vcpusPerDomain) {
        this.random = new Random(seed);
        this.svm = svm;
        this.pcpus = pcpus;
        this.vcpus = new int[domains * vcpusPerDomain][];
        for (int d = 0; d < domains; d++) {
            for (int v = 0; v < vcpusPerDomain; v++) {
                vcpus[d * vcpusPerDomain + v] = new int[] {d + 1, v};
            }
        }
        state = new int[vcpus.length];
        Arrays.fill(state, BLOCKED);
        inGuest = new boolean[vcpus.length];
        cr3 = new long[vcpus.length];
        cr3Pool = new long[domains][];
        for (int d = 0; d < domains; d++) {
            cr3Pool[d] = new long[3 + random.nextInt(6)];
            for (int i = 0; i < cr3Pool[d].length; i++) {
                // some frames are shared between domains: the lists are per domain, the ids global
                long frame = i == 0 ? 0x1a2b3L : 0x10000L + random.nextInt(0x40000);
                cr3Pool[d][i] = frame << 12 | (d % 2 == 0 && random.nextBoolean() ? random.nextInt(8) : 0);
            }
        }
        current = new int[pcpus];
        for (int p = 0; p < pcpus; p++) {
            current[p] = -1 - p;
            pending.add(new ArrayList<>());
            pendingCurrent.add(new ArrayList<>());
        }
    }

    /** @return this generator, writing the corner cases listed in the class comment too */
    public CrWriteTrace withOddities() {
        oddities = true;
        return this;
    }

    /**
     * @param rate probability per buffer poll and pCPU of losing a run of records
     * @return this generator
     */
    public CrWriteTrace withLoss(double rate) {
        lossRate = rate;
        return this;
    }

    /**
     * Writes a trace.
     *
     * @param file destination
     * @param steps number of simulation steps
     * @throws IOException when writing fails
     */
    public void write(Path file, int steps) throws IOException {
        try (TraceWriter w = new TraceWriter(Files.newOutputStream(file))) {
            for (int p = 0; p < pcpus; p++) {
                now += 1000;
                if (p == 0 && oddities) {
                    // the trace starts while a vCPU runs: xenalyze files its records under its default domain
                    current[0] = 0;
                    state[0] = RUNNING;
                    inGuest[0] = true;
                } else {
                    runstate(p, 32767, p, RUNNABLE, RUNNING);
                }
            }
            for (int i = 1; i <= steps; i++) {
                step();
                if (i % 50 == 0) {
                    flush(w);
                }
            }
            flush(w);
        }
    }

    private boolean odd(int oneIn) {
        return oddities && random.nextInt(oneIn) == 0;
    }

    private void add(int p, TraceRecord r) {
        pending.get(p).add(r);
        pendingCurrent.get(p).add(current[p]);
    }

    private void handler(int p, int event, int... words) {
        add(p, TraceRecord.withoutTsc(event, p, words));
    }

    private void runstate(int p, int dom, int vcpu, int from, int to) {
        add(p, TraceRecord.withTsc(TraceEvents.TRC_SCHED_RUNSTATE_CHANGE | (from << 8) | (to << 4), p, now,
                (dom << 16) | vcpu));
    }

    private int[] idOf(int who) {
        return who < 0 ? new int[] {32767, -1 - who} : vcpus[who];
    }

    private void step() {
        now += 500 + random.nextInt(40_000);
        int p = random.nextInt(pcpus);
        int action = random.nextInt(20);
        if (action < 3) {
            int v = random.nextInt(vcpus.length);
            if (state[v] == BLOCKED) {
                runstate(p, vcpus[v][0], vcpus[v][1], BLOCKED, RUNNABLE);
                state[v] = RUNNABLE;
            }
            return;
        }
        int v = current[p];
        if (v >= 0 && inGuest[v]) {
            exit(p, v, action >= 17); // Xen deschedules a vCPU only from its own context, after an exit
            return;
        }
        if (action < 17 && v >= 0) {
            add(p, TraceRecord.withTsc(TraceEvents.TRC_HVM_VMENTRY, p, now));
            inGuest[v] = true;
            return;
        }
        schedule(p);
    }

    /** A vmexit, its handler records, and the vmentry that ends it or a deschedule. */
    private void exit(int p, int v, boolean deschedule) {
        int dom = vcpus[v][0];
        boolean long64 = dom % 2 == 1;
        long rip = long64 ? (random.nextBoolean() ? 0xffffffff81000000L : 0x7f0000400000L) + random.nextInt(0x10000)
                : 0xc0100000L + random.nextInt(0x10000);
        int kind = random.nextInt(10);
        int cr = -1;
        int reason;
        if (kind < 4) {
            int pick = random.nextInt(10);
            cr = pick < 6 ? 3 : pick < 8 ? 0 : 4;
            if (odd(6)) {
                int[] strange = {2, 8, 9, 12, 15, 16, 1};
                cr = strange[random.nextInt(strange.length)];
            }
            reason = svm ? 0x10 + (cr & 0xf) : 28;
        } else if (kind < 6) {
            reason = svm ? 0x60 : 1;
        } else if (kind == 6) {
            reason = svm ? 0x78 : 12;
        } else if (kind == 7) {
            reason = svm ? 0x81 : 18;
        } else if (kind == 8) {
            reason = svm ? 0x72 : 10;
        } else {
            reason = svm ? 0x0 : 28; // a CR read (SVM: reason 0, CR0_READ)
        }
        if (long64) {
            add(p, TraceRecord.withTsc(TraceEvents.TRC_HVM_VMEXIT64, p, now, reason, (int) rip, (int) (rip >>> 32)));
        } else {
            add(p, TraceRecord.withTsc(TraceEvents.TRC_HVM_VMEXIT, p, now, reason, (int) rip));
        }
        if (cr >= 0) {
            if (odd(8)) {
                before(p);
            }
            crWrite(p, v, cr);
            if (odd(8)) {
                after(p);
            }
        } else {
            switch (kind) {
                case 4, 5 -> handler(p, TraceEvents.TRC_HVM_INTR, svm ? new int[0] : new int[] {
                    random.nextBoolean() ? 0xf9 : 0x20 + random.nextInt(0x40)});
                case 6 -> handler(p, TraceEvents.TRC_HVM_HLT, random.nextInt(2));
                case 7 -> handler(p, TraceEvents.TRC_HVM_VMMCALL, random.nextInt(40));
                case 8 -> handler(p, TraceEvents.TRC_HVM_CPUID, random.nextInt(0x20), random.nextInt(),
                        random.nextInt(), random.nextInt(), random.nextInt());
                default -> handler(p, TraceEvents.TRC_HVM_CR_READ64, random.nextInt(5), (int) cr3[v],
                        (int) (cr3[v] >>> 32));
            }
        }
        if (odd(25)) {
            handler(p, DESTROY_PROC);
        }
        if (odd(200)) {
            handler(p, TraceEvents.TRC_HVM_HANDLER + 0x1c); // a handler xenalyze has no name for
        }
        now += 200 + random.nextInt(kind < 4 ? 20_000 : 5_000);
        if (deschedule) {
            inGuest[v] = false;
            schedule(p); // descheduled from Xen context: the runstate change closes the exit
        } else {
            add(p, TraceRecord.withTsc(TraceEvents.TRC_HVM_VMENTRY, p, now));
            if (odd(30)) {
                crWrite(p, v, 0); // outside an exit: xenalyze only dumps it
            }
        }
    }

    private void crWrite(int p, int v, int cr) {
        long val;
        if (cr == 3) {
            long[] pool = cr3Pool[vcpus[v][0] - 1];
            val = random.nextInt(3) == 0 && cr3[v] != 0 ? cr3[v] : pool[random.nextInt(pool.length)];
            if (odd(12)) {
                val = random.nextBoolean() ? 0 : random.nextInt(0x1000);
            }
            cr3[v] = val;
        } else if (cr == 0) {
            val = random.nextBoolean() ? 0x80050033L : 0x80050031L;
        } else if (cr == 4) {
            val = 0x3506f0L | (random.nextBoolean() ? 0x20000 : 0);
        } else {
            val = random.nextLong() >>> random.nextInt(64);
        }
        if (odd(10)) {
            handler(p, TraceEvents.TRC_HVM_CR_WRITE, cr, (int) val);
        } else {
            handler(p, TraceEvents.TRC_HVM_CR_WRITE64, cr, (int) val, (int) (val >>> 32));
        }
    }

    /** A handler record before the CR write of the same exit. */
    private void before(int p) {
        switch (random.nextInt(4)) {
            case 0 -> handler(p, TraceEvents.TRC_HVM_VMMCALL, random.nextInt(40));
            case 1 -> handler(p, TraceEvents.TRC_HVM_IOPORT_WRITE, 0x70 + random.nextInt(4), random.nextInt(256));
            case 2 -> handler(p, TraceEvents.TRC_HVM_INTR, svm ? new int[0] : new int[] {0x20});
            default -> handler(p, TraceEvents.TRC_HVM_REALMODE_EMULATE);
        }
    }

    /** A handler record after the CR write of the same exit: xenalyze reads the CR number from its data. */
    private void after(int p) {
        switch (random.nextInt(4)) {
            case 0 -> handler(p, TraceEvents.TRC_HVM_MSR_WRITE, random.nextBoolean() ? 3 : 0x6e0, random.nextInt(),
                    0);
            case 1 -> handler(p, TraceEvents.TRC_HVM_VMMCALL, random.nextInt(16));
            case 2 -> handler(p, TraceEvents.TRC_HVM_CPUID, 1, 2, 3, 4, 5);
            default -> handler(p, TraceEvents.TRC_HVM_INTR, svm ? new int[0] : new int[] {0xf9});
        }
    }

    private void schedule(int p) {
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
            inGuest[prev] = false;
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
        }
        current[p] = next;
    }

    private void flush(TraceWriter w) throws IOException {
        for (int p = 0; p < pcpus; p++) {
            List<TraceRecord> batch = pending.get(p);
            if (lossRate > 0 && batch.size() > 6 && random.nextDouble() < lossRate) {
                batch = lose(p, batch);
            }
            for (TraceRecord r : batch) {
                w.write(r);
            }
            w.endWindow();
            pending.get(p).clear();
            pendingCurrent.get(p).clear();
        }
    }

    /** Replaces a run of records that starts and ends at records with a TSC by a lost-record marker. */
    private List<TraceRecord> lose(int p, List<TraceRecord> batch) {
        int from = 1 + random.nextInt(batch.size() - 4);
        while (from < batch.size() && !batch.get(from).hasTsc()) {
            from++;
        }
        int to = from + 1 + random.nextInt(Math.max(1, batch.size() - from - 2));
        while (to < batch.size() && !batch.get(to).hasTsc()) {
            to++;
        }
        if (to >= batch.size() || batch.get(to).tsc() - 1 <= batch.get(from).tsc()) {
            return batch;
        }
        long firstLost = batch.get(from).tsc();
        TraceRecord after = batch.get(to);
        int[] who = idOf(pendingCurrent.get(p).get(to));
        List<TraceRecord> kept = new ArrayList<>(batch.subList(0, from));
        kept.add(TraceRecord.lostRecords(p, after.tsc() - 1, to - from, who[0], who[1], firstLost));
        kept.addAll(batch.subList(to, batch.size()));
        return kept;
    }
}
