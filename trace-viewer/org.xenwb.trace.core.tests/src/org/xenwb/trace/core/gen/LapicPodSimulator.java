package org.xenwb.trace.core.gen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import org.xenwb.trace.core.format.TraceEvents;
import org.xenwb.trace.core.format.TraceRecord;
import org.xenwb.trace.core.format.TraceWriter;

/**
 * Generates traces of HVM guests that talk to their virtual LAPICs and use populate-on-demand memory, with the
 * records Xen 4.17 writes for them. A toy scheduler runs the vCPUs of a few HVM domains (and optionally a PV dom0)
 * on a few pCPUs; the guests send IPIs, take interrupts, EOI them, halt, and fault on PoD memory. Deterministic for
 * a seed; records are batched into per-pCPU windows as xentrace polls them, optionally with lost records.
 *
 * <p>What Xen writes, per {@link Mode}:</p>
 * <ul>
 * <li>LAPIC MMIO: with VMX APIC-access pages an access exits with reason 44 and the emulator writes
 * {@code IOMEM_READ/WRITE} (gpa, data; no TSC: {@code hvmtrace_io_assist}), except a plain EOI write, which
 * {@code vmx_handle_eoi_write} finishes with a {@code VLAPIC} record. Without the APIC-access page (EPT only) the
 * page is not mapped: EPT violation (48) with an {@code NPF} record, then the emulator's {@code IOMEM}. On SVM every
 * access is a nested page fault (1024) with {@code NPF} and {@code IOMEM}.</li>
 * <li>ICR writes ({@code 0xfee00300}): vector and destination shorthand (dest field, self, all including self, all
 * excluding self); a dest-field IPI is preceded by its ICR2 write; senders sometimes poll the ICR first. The
 * targets are woken (a runstate change written by the sender's pCPU) or kicked (an external-interrupt exit on their
 * pCPU), and get the vector injected ({@code INJ_VIRQ}, no TSC) before their next vmentry.</li>
 * <li>PoD ({@code p2m-pod.c}): on an EPT violation / NPF, {@code POD_SUPERPAGE_SPLINTER} (gfn, domain; 16 bytes)
 * for a 1G entry, {@code POD_ZERO_RECLAIM} (gfn, mfn, domain, order; 24 bytes with the padding word) from the
 * emergency sweep, then {@code POD_POPULATE}; in a balloon VMCALL, zero reclaims of order 9 or 0; in dom0 (device
 * model mappings), populates with a PV vCPU current.</li>
 * </ul>
 *
 * <p>Corner cases on purpose: IPIs to vCPUs that have not run yet, to an offline vCPU that collects more vectors
 * than xenalyze's 8 slots, several IPIs of one vector before the injection, an injection before the IPI,
 * ICR writes without data (a {@code rep movs}), a LAPIC relocated above 4 GiB, non-canonical PoD orders (which Xen
 * never writes and xenalyze counts past its tables) and short PoD records.</p>
 */
public final class LapicPodSimulator {

    /** How the host handles LAPIC accesses. */
    public enum Mode { VMX_APIC_ACCESS, VMX_EPT, SVM }

    private static final int RUNNING = 0;
    private static final int RUNNABLE = 1;
    private static final int BLOCKED = 2;
    private static final int OFFLINE = 3;
    private static final int IDLE = 32767;
    private static final int[] IPI_VECTORS = {0xfb, 0xfc, 0xfd, 0xf2, 0xf3, 0xec, 0xed, 0xee, 0xfa, 0x31};
    private static final int TIMER_VECTOR = 0xef;

    private final Random random;
    private final Mode mode;
    private final int pcpus;
    private final boolean pod;
    private final boolean dom0;
    private final boolean odd;
    private final double lossRate;
    /** Per vCPU: {domain, vcpu}. dom0's vCPUs (PV) come first when present. */
    private final List<int[]> ids = new ArrayList<>();
    private final List<TreeSet<Integer>> irr = new ArrayList<>();
    private final List<TreeSet<Integer>> isr = new ArrayList<>();
    private final int[] state;
    private final boolean[] kicked;
    private final boolean[] inExit;
    /** vCPUs whose injection is written and whose vmentry comes at their pCPU's next step. */
    private final boolean[] entryDeferred;
    private final int[] current;
    private final List<List<TraceRecord>> pending = new ArrayList<>();
    private final List<List<Integer>> pendingCurrent = new ArrayList<>();
    private long now = 1_000_000_000L;
    private int lastIcr;

    /**
     * A simulator.
     *
     * @param seed random seed
     * @param mode how LAPIC accesses exit
     * @param pcpus number of pCPUs
     * @param domains number of HVM domains (ids 1..domains)
     * @param vcpusPerDomain vCPUs per HVM domain (the last one of the last domain goes offline when odd is set)
     * @param pod whether the guests use populate-on-demand memory
     * @param dom0 whether a PV dom0 with 2 vCPUs runs too (and populates guest memory for its device model)
     * @param odd whether to write the odd values Xen does not write (see the class comment)
     * @param lossRate probability per batch and pCPU of losing records (0 for none)
     */
    public LapicPodSimulator(long seed, Mode mode, int pcpus, int domains, int vcpusPerDomain, boolean pod,
            boolean dom0, boolean odd, double lossRate) {
        this.random = new Random(seed);
        this.mode = mode;
        this.pcpus = pcpus;
        this.pod = pod;
        this.dom0 = dom0;
        this.odd = odd;
        this.lossRate = lossRate;
        if (dom0) {
            ids.add(new int[] {0, 0});
            ids.add(new int[] {0, 1});
        }
        for (int d = 1; d <= domains; d++) {
            for (int v = 0; v < vcpusPerDomain; v++) {
                ids.add(new int[] {d, v});
            }
        }
        for (int i = 0; i < ids.size(); i++) {
            irr.add(new TreeSet<>());
            isr.add(new TreeSet<>());
        }
        state = new int[ids.size()];
        java.util.Arrays.fill(state, BLOCKED);
        kicked = new boolean[ids.size()];
        inExit = new boolean[ids.size()];
        entryDeferred = new boolean[ids.size()];
        current = new int[pcpus];
        for (int p = 0; p < pcpus; p++) {
            current[p] = -1 - p;
            pending.add(new ArrayList<>());
            pendingCurrent.add(new ArrayList<>());
        }
    }

    private boolean isPv(int v) {
        return ids.get(v)[0] == 0;
    }

    private void add(int p, TraceRecord r) {
        pending.get(p).add(r);
        pendingCurrent.get(p).add(current[p]);
    }

    private long tick() {
        now += 50 + random.nextInt(400);
        return now;
    }

    private int[] idOf(int who) {
        return who < 0 ? new int[] {IDLE, -1 - who} : ids.get(who);
    }

    private void runstate(int p, int who, int from, int to) {
        int[] id = idOf(who);
        add(p, TraceRecord.withTsc(TraceEvents.TRC_SCHED_RUNSTATE_CHANGE | (from << 8) | (to << 4), p, tick(),
                (id[0] << 16) | id[1]));
    }

    private void handler(int p, int event, int... words) {
        add(p, TraceRecord.withoutTsc(event, p, words));
    }

    private void vmexit(int p, int v, int reason) {
        long rip = random.nextInt(4) == 0 ? 0xffffffff81000000L + random.nextInt(0x100000)
                : 0x40_0000L + random.nextInt(0x10000);
        add(p, TraceRecord.withTsc(TraceEvents.TRC_HVM_VMEXIT64, p, tick(), reason, (int) rip, (int) (rip >>> 32)));
        inExit[v] = true;
    }

    /** Injects the highest pending vector, if any, then enters the guest. */
    private void vmentry(int p, int v) {
        inject(p, v);
        enter(p, v);
    }

    private void inject(int p, int v) {
        TreeSet<Integer> pendingVectors = irr.get(v);
        if (!pendingVectors.isEmpty()) {
            int vec = pendingVectors.pollLast();
            handler(p, TraceEvents.TRC_HVM_INJ_VIRQ, vec, 0);
            isr.get(v).add(vec);
        }
        kicked[v] = false;
    }

    private void enter(int p, int v) {
        add(p, TraceRecord.withTsc(TraceEvents.TRC_HVM_VMENTRY, p, tick()));
        inExit[v] = false;
        entryDeferred[v] = false;
    }

    private int externalInterruptReason() {
        return mode == Mode.SVM ? 0x60 : 1;
    }

    private void interruptExit(int p, int v, int hostVector) {
        vmexit(p, v, externalInterruptReason());
        if (mode == Mode.SVM) {
            handler(p, TraceEvents.TRC_HVM_INTR);
        } else {
            handler(p, TraceEvents.TRC_HVM_INTR, hostVector);
        }
    }

    private static final long LAPIC = 0xfee00000L;

    /** An exit for a LAPIC register access; an EOI on VMX with the APIC-access page ends in a VLAPIC record. */
    private void lapicExit(int p, int v, int reg, boolean write, int data) {
        long gpa = LAPIC + reg;
        if (odd && random.nextInt(25) == 0) {
            gpa += 0x1_0000_0000L; // a LAPIC relocated above 4 GiB
        }
        switch (mode) {
            case VMX_APIC_ACCESS -> {
                vmexit(p, v, 44);
                if (reg == 0xb0 && write && random.nextInt(6) != 0) {
                    handler(p, TraceEvents.TRC_HVM_HANDLER + 0x25);
                    return;
                }
            }
            case VMX_EPT -> {
                vmexit(p, v, 48);
                npf(p, gpa, write ? 0x182 : 0x181, -1L, 5);
            }
            case SVM -> {
                vmexit(p, v, 1024);
                npf(p, gpa, 0, -1L, 5);
            }
            default -> throw new IllegalStateException();
        }
        int event = write ? TraceEvents.TRC_HVM_IOMEM_WRITE : TraceEvents.TRC_HVM_IOMEM_READ;
        if (gpa != (int) gpa && gpa >>> 32 != 0) {
            handler(p, event | TraceEvents.TRC_64_FLAG, (int) gpa, (int) (gpa >>> 32), data, 0);
        } else if (odd && write && random.nextInt(30) == 0) {
            handler(p, event, (int) gpa); // data_is_ptr: the address only
        } else {
            handler(p, event, (int) gpa, data);
        }
    }

    private void npf(int p, long gpa, int qualification, long mfn, int p2mt) {
        handler(p, TraceEvents.TRC_HVM_NPF, (int) gpa, (int) (gpa >>> 32), (int) mfn, (int) (mfn >>> 32),
                qualification, p2mt);
    }

    private int domainOf(int v) {
        return ids.get(v)[0];
    }

    /** Sends an IPI from v on p. */
    private void sendIpi(int p, int v) {
        int vec = IPI_VECTORS[random.nextInt(odd ? IPI_VECTORS.length : 4)];
        int r = random.nextInt(10);
        int shorthand = r < 5 ? 3 : r < 8 ? 0 : r < 9 ? 1 : 2;
        List<Integer> targets = new ArrayList<>();
        int dest = -1;
        if (shorthand == 0) {
            List<Integer> same = sameDomain(v, false);
            if (same.isEmpty()) {
                return;
            }
            dest = same.get(random.nextInt(same.size()));
            targets.add(dest);
        } else if (shorthand == 1) {
            targets.add(v);
        } else {
            targets.addAll(sameDomain(v, shorthand == 2));
        }
        if (random.nextInt(3) == 0) { // poll the delivery status first
            lapicExit(p, v, 0x300, false, (lastIcr & ~0x1000) | (random.nextInt(20) == 0 ? 0x1000 : 0));
            vmentry(p, v);
        }
        if (dest >= 0) {
            lapicExit(p, v, 0x310, true, (ids.get(dest)[1] * 2) << 24);
            vmentry(p, v);
        }
        int icr = vec | (shorthand << 18) | (1 << 14); // fixed delivery, assert
        lastIcr = icr;
        lapicExit(p, v, 0x300, true, icr);
        for (int t : targets) {
            if (state[t] == OFFLINE) {
                irr.get(t).add(vec);
                continue;
            }
            irr.get(t).add(vec);
            if (state[t] == BLOCKED) {
                runstate(p, t, BLOCKED, RUNNABLE);
                state[t] = RUNNABLE;
            } else if (state[t] == RUNNING && t != v) {
                kicked[t] = true;
            }
        }
        vmentry(p, v);
    }

    private List<Integer> sameDomain(int v, boolean withSelf) {
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (domainOf(i) == domainOf(v) && (withSelf || i != v)) {
                list.add(i);
            }
        }
        return list;
    }

    /** A populate-on-demand fault of v on p. */
    private void podFault(int p, int v) {
        long gfn = 0x10000L + random.nextInt(0x40000);
        int dom = domainOf(v);
        vmexit(p, v, mode == Mode.SVM ? 1024 : 48);
        npf(p, gfn << 12, mode == Mode.SVM ? 0 : 0x181, -1L, 10); // p2m_populate_on_demand
        int order = random.nextInt(3) == 0 ? 9 : 0;
        if (random.nextInt(8) == 0) {
            podRecord(p, TraceEvents.TRC_MEM_POD_SUPERPAGE_SPLINTER, gfn & ~0x3ffffL, 0, dom, 0);
            order = 9;
        }
        if (random.nextInt(4) == 0) { // emergency sweep
            if (random.nextBoolean()) {
                podRecord(p, TraceEvents.TRC_MEM_POD_ZERO_RECLAIM, (gfn + 0x2000) & ~0x1ffL,
                        0x200000L + random.nextInt(0x100000), dom, 9);
            } else {
                for (int i = random.nextInt(4); i >= 0; i--) {
                    podRecord(p, TraceEvents.TRC_MEM_POD_ZERO_RECLAIM, gfn + 0x100 + i * 7,
                            0x300000L + random.nextInt(0x100000), dom, 0);
                }
            }
        }
        podRecord(p, TraceEvents.TRC_MEM_POD_POPULATE, order == 9 ? gfn & ~0x1ffL : gfn,
                0x100000L + random.nextInt(0x100000), dom, oddOrder(order));
        vmentry(p, v);
    }

    private int oddOrder(int order) {
        if (!odd || random.nextInt(12) != 0) {
            return order;
        }
        int[] strange = {1, 27, 3, 36, -9, 18};
        return strange[random.nextInt(strange.length)];
    }

    /** A balloon driver giving memory back: a memory_op hypercall whose decrease_reservation reclaims PoD pages. */
    private void balloon(int p, int v) {
        long gfn = 0x20000L + random.nextInt(0x20000);
        int dom = domainOf(v);
        vmexit(p, v, mode == Mode.SVM ? 0x81 : 18);
        handler(p, TraceEvents.TRC_HVM_VMMCALL, 12);
        int order = random.nextBoolean() ? 9 : 0;
        handler(p, TraceEvents.TRC_MEM_DECREASE_RESERVATION, (int) gfn, (int) (gfn >>> 32), (order << 16) | dom,
                random.nextInt()); // {u64 gfn; int d:16, order:16} with its padding word
        podRecord(p, TraceEvents.TRC_MEM_POD_ZERO_RECLAIM, order == 9 ? gfn & ~0x1ffL : gfn,
                0x400000L + random.nextInt(0x100000), dom, oddOrder(order));
        vmentry(p, v);
    }

    private void podRecord(int p, int event, long gfn, long mfn, int dom, int order) {
        int word = (dom & 0xffff) | (order << 16);
        int padding = random.nextInt();
        int[] words = event == TraceEvents.TRC_MEM_POD_SUPERPAGE_SPLINTER
                ? new int[] {(int) gfn, (int) (gfn >>> 32), dom & 0xffff, padding}
                : new int[] {(int) gfn, (int) (gfn >>> 32), (int) mfn, (int) (mfn >>> 32), word, padding};
        if (odd && random.nextInt(20) == 0) {
            words = java.util.Arrays.copyOf(words, 3); // a short record: xenalyze reads on into the next one
        }
        handler(p, event, words);
    }

    /** dom0's device model maps guest memory: populates with a PV vCPU current. */
    private void dom0Work(int p) {
        add(p, TraceRecord.withTsc(TraceEvents.TRC_PV_HYPERCALL_V2, p, tick(), 12 | (1 << 20), random.nextInt()));
        int guests = (ids.size() - 2) > 0 ? ids.get(ids.size() - 1)[0] : 0;
        if (pod && guests > 0 && random.nextInt(3) == 0) {
            int dom = 1 + random.nextInt(guests);
            long gfn = 0xf0000L + random.nextInt(0x1000);
            if (random.nextInt(4) == 0) {
                podRecord(p, TraceEvents.TRC_MEM_POD_ZERO_RECLAIM, gfn + 0x11, 0x500000L + random.nextInt(0x1000),
                        dom, 0);
            }
            podRecord(p, TraceEvents.TRC_MEM_POD_POPULATE, gfn, 0x600000L + random.nextInt(0x1000), dom, 0);
        }
    }

    private void guestStep(int p, int v) {
        if (entryDeferred[v]) {
            enter(p, v);
            return;
        }
        if (kicked[v]) {
            interruptExit(p, v, 0xfc); // Xen's event-check IPI
            inject(p, v);
            if (random.nextInt(3) == 0) { // other pCPUs run before this one enters the guest
                entryDeferred[v] = true;
            } else {
                enter(p, v);
            }
            return;
        }
        int action = random.nextInt(20);
        if (action < 5) {
            sendIpi(p, v);
        } else if (action < 9 && !isr.get(v).isEmpty()) {
            isr.get(v).pollLast();
            lapicExit(p, v, 0xb0, true, 0);
            vmentry(p, v);
        } else if (action < 11) {
            interruptExit(p, v, 0xf9);
            irr.get(v).add(TIMER_VECTOR);
            vmentry(p, v);
        } else if (action < 13 && pod) {
            podFault(p, v);
        } else if (action < 14 && pod) {
            balloon(p, v);
        } else if (action < 17 && irr.get(v).isEmpty() && isr.get(v).isEmpty()) {
            vmexit(p, v, mode == Mode.SVM ? 0x78 : 12);
            handler(p, TraceEvents.TRC_HVM_HLT, 0);
            deschedule(p, v, BLOCKED);
        } else if (action < 18) {
            interruptExit(p, v, 0xf9);
            deschedule(p, v, RUNNABLE);
        } else if (action < 19 && !isr.get(v).isEmpty()) {
            isr.get(v).pollLast(); // a second EOI in a row
            lapicExit(p, v, 0xb0, true, 0);
            vmentry(p, v);
        }
    }

    private void deschedule(int p, int v, int to) {
        runstate(p, v, RUNNING, to);
        state[v] = to;
        runstate(p, -1 - p, RUNNABLE, RUNNING);
        current[p] = -1 - p;
    }

    private void step() {
        now += 1_000 + random.nextInt(40_000);
        int p = random.nextInt(pcpus);
        if (random.nextInt(5) == 0) { // a guest timer fires and wakes its vCPU (in Xen's timer softirq on p)
            int t = random.nextInt(ids.size());
            if (state[t] == BLOCKED && !isPv(t)) {
                irr.get(t).add(TIMER_VECTOR);
                runstate(p, t, BLOCKED, RUNNABLE);
                state[t] = RUNNABLE;
            }
        }
        int v = current[p];
        if (v >= 0) {
            if (isPv(v)) {
                if (random.nextInt(4) == 0) {
                    deschedule(p, v, random.nextBoolean() ? BLOCKED : RUNNABLE);
                } else {
                    dom0Work(p);
                }
            } else {
                guestStep(p, v);
            }
            return;
        }
        if (dom0 && random.nextInt(6) == 0) {
            int d = random.nextInt(2);
            if (state[d] == BLOCKED) {
                runstate(p, d, BLOCKED, RUNNABLE);
                state[d] = RUNNABLE;
            }
        }
        List<Integer> runnable = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (state[i] == RUNNABLE) {
                runnable.add(i);
            }
        }
        if (runnable.isEmpty()) {
            return;
        }
        int next = runnable.get(random.nextInt(runnable.size()));
        runstate(p, -1 - p, RUNNING, RUNNABLE);
        runstate(p, next, RUNNABLE, RUNNING);
        state[next] = RUNNING;
        current[p] = next;
        if (!isPv(next)) {
            vmentry(p, next);
        }
    }

    private void flush(TraceWriter w) throws IOException {
        for (int p = 0; p < pcpus; p++) {
            List<TraceRecord> batch = pending.get(p);
            if (lossRate > 0 && batch.size() > 6 && random.nextDouble() < lossRate) {
                int from = 1 + random.nextInt(batch.size() - 3);
                int to = from + 1 + random.nextInt(batch.size() - from - 2);
                long firstLost = firstTscFrom(batch, from);
                long after = firstTscFrom(batch, to);
                if (firstLost != 0 && after - 1 > firstLost) {
                    int[] who = idOf(pendingCurrent.get(p).get(to));
                    List<TraceRecord> kept = new ArrayList<>(batch.subList(0, from));
                    kept.add(TraceRecord.lostRecords(p, after - 1, to - from, who[0], who[1], firstLost));
                    kept.addAll(batch.subList(to, batch.size()));
                    batch = kept;
                }
            }
            for (TraceRecord r : batch) {
                w.write(r);
            }
            w.endWindow();
            pending.get(p).clear();
            pendingCurrent.get(p).clear();
        }
    }

    private static long firstTscFrom(List<TraceRecord> batch, int from) {
        for (int i = from; i < batch.size(); i++) {
            if (batch.get(i).hasTsc()) {
                return batch.get(i).tsc();
            }
        }
        return 0;
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
            if (odd && pod) { // PoD work before the first schedule: xenalyze's current vCPU is a default-domain one
                add(0, TraceRecord.withTsc(TraceEvents.TRC_MEM_POD_POPULATE, 0, tick(), 0x1234, 0, 0x5678, 0,
                        1 | (9 << 16), 0));
                podRecord(0, TraceEvents.TRC_MEM_POD_ZERO_RECLAIM, 0x2345, 0x6789, 1, 0);
            }
            for (int p = 0; p < pcpus; p++) {
                now += 1000;
                runstate(p, -1 - p, RUNNABLE, RUNNING);
            }
            int first = dom0 ? 2 : 0;
            // the guests' boot vCPUs are runnable; the others wait in blocked (xenalyze has not seen them yet)
            for (int i = first; i < ids.size(); i++) {
                if (ids.get(i)[1] == 0) {
                    runstate(0, i, BLOCKED, RUNNABLE);
                    state[i] = RUNNABLE;
                }
            }
            if (odd) { // the last vCPU runs, then is taken offline
                int last = ids.size() - 1;
                runstate(0, -1, RUNNING, RUNNABLE);
                runstate(0, last, RUNNABLE, RUNNING);
                runstate(0, last, RUNNING, OFFLINE);
                runstate(0, -1, RUNNABLE, RUNNING);
                state[last] = OFFLINE;
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
