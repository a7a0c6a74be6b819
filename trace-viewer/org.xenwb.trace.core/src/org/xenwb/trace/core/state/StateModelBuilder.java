package org.xenwb.trace.core.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.xenwb.trace.core.format.TraceEvents;
import org.xenwb.trace.core.read.TraceReader;

/**
 * Builds a {@link StateModel} from the items of a {@link TraceReader}, in the reader's (xenalyze's) order.
 *
 * <p><b>Rules</b> (facts from Xen's {@code common/sched/core.c}: every runstate change of a vCPU is traced as
 * {@code TRC_SCHED_RUNSTATE_CHANGE} with old and new runstate in bits 11..8 and 7..4 and {@code domain << 16 |
 * vcpu} in the first word, and a pCPU that keeps its vCPU traces {@code TRC_SCHED_CONTINUE_RUNNING}):</p>
 * <ul>
 * <li>A vCPU's lane starts at its first record, in the new state of that record; when that record keeps it running
 * (it was running when the capture started), the running interval starts at its pCPU's first TSC.</li>
 * <li>Each change starts a new interval; a continue-running record starts a new running interval (a new time
 * slice), so slice counts match xenalyze's.</li>
 * <li>A record whose old state contradicts a running vCPU (TSC skew between pCPUs) is ignored, as xenalyze does;
 * a vCPU whose records were lost stays {@link Runstate#LOST} until it runs again.</li>
 * <li>Lost records ({@code TRC_LOST_RECORDS}) make the pCPU's current vCPU and every vCPU that is not running
 * {@link Runstate#LOST} from the first lost record; the vCPU named in the record runs again at the record's own
 * TSC. When a pCPU's stream ends, its running vCPU becomes {@link Runstate#LOST} at the pCPU's last TSC.</li>
 * <li>A pCPU lane starts {@link Runstate#LOST} at the pCPU's first TSC and follows the vCPUs that run there:
 * {@link Runstate#RUNNING} (or {@link Runstate#IDLE} for the idle domain's vCPU) with the vCPU as argument, and
 * {@link Runstate#LOST} while no vCPU is known to run.</li>
 * </ul>
 *
 * <p>Not thread-safe; one builder per trace.</p>
 */
public final class StateModelBuilder {

    private static final int SCHED_MIN_MASK = 0x0ffff000;

    private final Map<Integer, Vcpu> vcpus = new HashMap<>();

    private final List<Vcpu> vcpuList = new ArrayList<>();
    private Vcpu[] current = new Vcpu[8];
    private LaneBuilder[] pcpuLanes = new LaneBuilder[0];
    private long[] pcpuFirstTsc = new long[8];
    private boolean[] lostActive = new boolean[8];
    private long[] lostTsc = new long[8];
    private int[] lostVcpu = new int[8];
    private int lostCpus;
    private int maxPcpu = -1;
    private long firstTsc;
    private boolean haveFirst;
    private long lastTsc;
    private long oddities;

    /**
     * Feeds the reader's current item.
     *
     * @param r a reader positioned on an item
     */
    public void accept(TraceReader r) {
        switch (r.kind()) {
            case PCPU_ACTIVATED -> pcpu(r.cpu());
            case PCPU_DEACTIVATED -> pcpuEnded(r.cpu(), r.tsc());
            case RECORD -> record(r);
            default -> {
                // other notifications carry no scheduling state
            }
        }
    }

    /**
     * A pCPU's stream started (without a reader).
     *
     * @param cpu the pCPU
     * @param firstTscOfCpu the TSC of its first record that has one, or 0 when none
     */
    public void pcpuStarted(int cpu, long firstTscOfCpu) {
        int p = pcpu(cpu);
        if (pcpuFirstTsc[p] == 0 && firstTscOfCpu != 0) {
            pcpuFirstTsc[p] = firstTscOfCpu;
            pcpuLanes[p].add(firstTscOfCpu, Runstate.LOST, -1);
        }
    }

    /**
     * Sets the time span of the trace (without a reader, when not every record is fed).
     *
     * @param first the first TSC, cycles
     * @param last the last TSC, cycles
     */
    public void span(long first, long last) {
        firstTsc = first;
        haveFirst = true;
        lastTsc = maxUnsigned(lastTsc, last);
    }

    /**
     * A pCPU's stream ended (without a reader): its running vCPU becomes lost.
     *
     * @param cpu the pCPU
     * @param lastTscOfCpu the TSC of its last record, cycles
     */
    public void pcpuEnded(int cpu, long lastTscOfCpu) {
        int p = pcpu(cpu);
        if (current[p] != null) {
            leaveRunning(current[p], lastTscOfCpu, Runstate.LOST);
        }
    }

    /**
     * Tells whether a record can change the model; others may be skipped by callers that decode records themselves.
     *
     * @param event an event id
     * @return true for runstate, continue-running and lost-records records
     */
    public static boolean isStateEvent(int event) {
        return (event & SCHED_MIN_MASK) == TraceEvents.TRC_SCHED_MIN || event == TraceEvents.TRC_LOST_RECORDS;
    }

    /**
     * Feeds one record without a reader (for callers that decode records themselves).
     *
     * @param cpu the pCPU
     * @param event the event id
     * @param hasTsc whether the record has its own TSC
     * @param tsc the record's TSC (or its pCPU's previous one)
     * @param lostEnd whether this is the second delivery of a lost-records record
     * @param extra the extra words (at least the record's)
     */
    public void record(int cpu, int event, boolean hasTsc, long tsc, boolean lostEnd, int[] extra) {
        int p = pcpu(cpu);
        if (hasTsc && !lostEnd) {
            if (pcpuFirstTsc[p] == 0) {
                pcpuFirstTsc[p] = tsc;
                pcpuLanes[p].add(tsc, Runstate.LOST, -1);
            }
            if (!haveFirst) {
                firstTsc = tsc;
                haveFirst = true;
            }
            lastTsc = maxUnsigned(lastTsc, tsc);
        }
        if ((event & SCHED_MIN_MASK) == TraceEvents.TRC_SCHED_MIN) {
            int lo = event & 0xf;
            if (lo == 1) {
                runstate(p, (event >>> 8) & 0xf, (event >>> 4) & 0xf, false, extra[0], tsc);
            } else if (lo == 2) {
                runstate(p, Runstate.RUNNING, Runstate.RUNNING, true, extra[0], tsc);
            }
        } else if (event == TraceEvents.TRC_LOST_RECORDS) {
            if (lostEnd) {
                lostEnd(p, tsc);
            } else {
                lost(p, (extra[2] & 0xffffffffL) | ((long) extra[3] << 32), extra[1]);
            }
        }
    }

    private final int[] words = new int[8];

    private void record(TraceReader r) {
        int n = r.extraCount();
        for (int i = 0; i < n; i++) {
            words[i] = r.extra(i);
        }
        record(r.cpu(), r.event(), r.hasTsc(), r.tsc(), r.isLostRecordsEnd(), words);
    }

    private void runstate(int p, int old, int neu, boolean cont, int domVcpu, long tsc) {
        if (old > Runstate.OFFLINE || neu > Runstate.OFFLINE) {
            oddities++;
            return;
        }
        Vcpu v = vcpu(domVcpu >>> 16, domVcpu & 0xffff);
        if (v.lane.size() == 0) {
            if (neu == Runstate.RUNNING) {
                run(v, p, old == Runstate.RUNNING && pcpuFirstTsc[p] != 0 ? pcpuFirstTsc[p] : tsc);
            } else {
                v.set(tsc, neu, -1);
            }
            return;
        }
        int state = v.lane.lastState();
        if (state == Runstate.LOST && neu != Runstate.RUNNING) {
            return;
        }
        if (state != old && state == Runstate.RUNNING && !cont) {
            oddities++;
            return;
        }
        if (cont) {
            if (state != Runstate.RUNNING && state != Runstate.LOST) {
                oddities++;
            }
            run(v, p, tsc);
        } else if (old == Runstate.RUNNING || state == Runstate.RUNNING) {
            leaveRunning(v, tsc, neu);
            if (lostCpus != 0 && v.domain != Runstate.IDLE_DOMAIN) {
                v.set(tsc, Runstate.LOST, -1);
            }
        } else if (neu == Runstate.RUNNING) {
            run(v, p, tsc);
        } else {
            v.set(tsc, neu, -1);
        }
    }

    private void run(Vcpu v, int p, long tsc) {
        Vcpu cur = current[p];
        if (cur != null && cur != v) {
            oddities++;
            leaveRunning(cur, tsc, Runstate.LOST);
        }
        if (v.pcpu >= 0 && v.pcpu != p && current[v.pcpu] == v) {
            current[v.pcpu] = null;
            pcpuLanes[v.pcpu].add(tsc, Runstate.LOST, -1);
        }
        v.set(tsc, Runstate.RUNNING, p);
        v.pcpu = p;
        current[p] = v;
        pcpuLanes[p].add(tsc, v.domain == Runstate.IDLE_DOMAIN ? Runstate.IDLE : Runstate.RUNNING,
                v.domain << 16 | v.vcpu);
    }

    private void leaveRunning(Vcpu v, long tsc, int neu) {
        v.set(tsc, neu, -1);
        if (v.pcpu >= 0 && current[v.pcpu] == v) {
            current[v.pcpu] = null;
            pcpuLanes[v.pcpu].add(tsc, Runstate.LOST, -1);
        }
    }

    private void lost(int p, long firstLost, int domVcpu) {
        if (current[p] != null) {
            leaveRunning(current[p], firstLost, Runstate.LOST);
        }
        if (!lostActive[p]) {
            lostCpus++;
        }
        lostActive[p] = true;
        lostTsc[p] = firstLost;
        for (Vcpu v : vcpuList) {
            if (v.lane.lastState() != Runstate.RUNNING) {
                v.set(firstLost, Runstate.LOST, -1);
            }
        }
        lostVcpu[p] = domVcpu;
    }

    private void lostEnd(int p, long tsc) {
        if (lostActive[p] && Long.compareUnsigned(tsc, lostTsc[p]) > 0) {
            lostActive[p] = false;
            lostCpus--;
            // the record names the domain in its low half and the vCPU in its high half
            run(vcpu(lostVcpu[p] & 0xffff, lostVcpu[p] >>> 16), p, tsc);
        }
    }

    private int pcpu(int p) {
        if (p >= current.length) {
            int n = Math.max(p + 1, current.length * 2);
            current = java.util.Arrays.copyOf(current, n);
            pcpuFirstTsc = java.util.Arrays.copyOf(pcpuFirstTsc, n);
            lostActive = java.util.Arrays.copyOf(lostActive, n);
            lostTsc = java.util.Arrays.copyOf(lostTsc, n);
            lostVcpu = java.util.Arrays.copyOf(lostVcpu, n);
        }
        if (p >= pcpuLanes.length) {
            int old = pcpuLanes.length;
            pcpuLanes = java.util.Arrays.copyOf(pcpuLanes, current.length);
            for (int i = old; i < pcpuLanes.length; i++) {
                pcpuLanes[i] = new LaneBuilder(LaneId.pcpu(i));
            }
        }
        maxPcpu = Math.max(maxPcpu, p);
        return p;
    }

    private Vcpu vcpu(int domain, int vcpu) {
        int key = domain << 16 | vcpu;
        Vcpu v = vcpus.get(key);
        if (v == null) {
            v = new Vcpu(domain, vcpu);
            vcpus.put(key, v);
            vcpuList.add(v);
        }
        return v;
    }

    /**
     * Finishes the model; the builder must not be used afterwards.
     *
     * @return the model; every lane ends at the trace's last TSC
     */
    public StateModel build() {
        long first = haveFirst ? firstTsc : 0;
        long end = lastTsc;
        List<Lane> vl = new ArrayList<>();
        vcpuList.sort((a, b) -> a.lane.id().compareTo(b.lane.id()));
        for (Vcpu v : vcpuList) {
            vl.add(v.lane.build(end));
            oddities += v.lane.skewed();
        }
        List<Lane> pl = new ArrayList<>();
        for (int p = 0; p <= maxPcpu; p++) {
            pl.add(pcpuLanes[p].build(end));
        }
        return new StateModel(vl, pl, first, maxUnsigned(end, first), oddities);
    }

    /** TSCs are unsigned 64-bit values: a TSC at or above 2^63 is negative as a Java long. */
    private static long maxUnsigned(long a, long b) {
        return Long.compareUnsigned(a, b) >= 0 ? a : b;
    }

    /**
     * Builds the model of a whole trace.
     *
     * @param reader a reader positioned at its start; read to its end
     * @return the model
     */
    public static StateModel build(TraceReader reader) {
        StateModelBuilder b = new StateModelBuilder();
        while (reader.next()) {
            b.accept(reader);
        }
        return b.build();
    }

    private static final class Vcpu {
        final int domain;
        final int vcpu;
        final LaneBuilder lane;
        int pcpu = -1;

        Vcpu(int domain, int vcpu) {
            this.domain = domain;
            this.vcpu = vcpu;
            this.lane = new LaneBuilder(LaneId.vcpu(domain, vcpu));
        }

        void set(long t, int state, int arg) {
            lane.add(t, state, arg);
        }
    }
}
