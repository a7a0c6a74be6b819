package org.xenwb.engine.core.trace;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

import org.xenwb.engine.core.model.Domain;
import org.xenwb.engine.core.model.HostTopology;
import org.xenwb.engine.core.model.RunState;
import org.xenwb.engine.core.model.Vcpu;
import org.xenwb.engine.core.sim.EngineTrace;
import org.xenwb.trace.core.format.TraceEvents;

/**
 * Writes what the engine does as a xentrace file, through the workbench's single definition of the format
 * ({@link org.xenwb.trace.core.format}): the records and payloads Xen 4.17's scheduling core writes
 * (runstate changes with the old/new states in the event id, {@code SWITCH_INFPREV}/{@code INFNEXT}/{@code SWITCH},
 * {@code SWITCH_INFCONT} with {@code CONTINUE_RUNNING}, {@code WAKE}, {@code BLOCK}, domain add/remove) plus the
 * scheduler-specific records the schedulers emit. Each pCPU has its own buffer ({@link TraceWindows}: the bytes
 * {@link org.xenwb.trace.core.format.TraceWriter} would write, encoded in place without a record object per
 * record); every 100 ms of simulated time each pCPU's records since the last poll become one window and the
 * windows of all pCPUs are appended to the file in pCPU order, the way xentrace copies each per-pCPU buffer
 * once per poll. One window per pCPU and poll matters: xenalyze's start-up scan activates pCPUs only up to the
 * first pCPU that repeats, so a busy pCPU 0 with two windows in the first poll hid the other pCPUs' early records
 * from it (it then reported a "tsc skew" and stopped, seen with credit2 on 128 pCPUs). Once every pCPU has had a
 * record (so each appears in the first drain), or after the first poll, the buffers are also drained, the same way,
 * whenever {@link #DRAIN_RECORDS} records have accumulated.
 *
 * <p>TSC values are {@code (1 s + simulated time) * tscHz}: the offset keeps every TSC away from 0, which
 * xenalyze treats as "unset". Records produced at the same simulated instant get consecutive TSC values (one
 * cycle apart) so that the file's global TSC order is the engine's order of events; a TSC is therefore at most a
 * few cycles after the exact conversion of its time. Not thread-safe.</p>
 */
public final class XentraceRecorder implements EngineTrace {

    /** Simulated time between two flushes of the per-pCPU buffers (xentrace's poll), ns. */
    public static final long POLL_NS = 100_000_000L;

    /**
     * Records after which the buffers are also drained between two polls, once every pCPU has had a record or the
     * first poll is done (about 400 KiB: the buffers stay in the processor's cache instead of growing to megabytes
     * per poll on a busy host, which made tracing a third slower; xentrace likewise wakes up early when a buffer
     * fills).
     */
    static final long DRAIN_RECORDS = 16_384;

    /**
     * Largest window, bytes: a pCPU's window holds everything it recorded in one poll unless it exceeds this (1 GiB,
     * far beyond a 100 ms poll of any simulated host; xentrace's limit is the per-pCPU buffer, whose overflow the
     * engine does not model).
     */
    static final int WINDOW_BYTES = 1 << 30;

    private final OutputStream out;
    private LongSupplier clock = () -> 0L;
    private HostTopology host;
    /** Each pCPU's windows since the last poll. */
    private TraceWindows windows;
    private long lastFlush;
    /**
     * Whether the first poll is done (before it, only the poll drains unless every pCPU has had a record: see
     * {@link #DRAIN_RECORDS}).
     */
    private boolean polled;
    private long recordsAtDrain;
    private long records;
    private long lastTsc;
    /** The simulated time of the last record (records come in bursts at one instant). */
    private long tscCacheNs = -1;
    /** The exact TSC of {@link #tscCacheNs}. */
    private long instantExactTsc;
    /** The largest lead of a finished instant's last TSC over its exact TSC, cycles. */
    private long maxLead;
    private boolean closed;

    /**
     * @param out the destination; closed by {@link #close()}
     */
    public XentraceRecorder(OutputStream out) {
        this.out = out;
    }

    /**
     * @param file the trace file to create (replaced if it exists)
     * @return a recorder writing to it
     * @throws IOException if the file cannot be created
     */
    public static XentraceRecorder create(Path file) throws IOException {
        return new XentraceRecorder(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }

    @Override
    public void bind(LongSupplier engineClock, HostTopology topology) {
        this.clock = engineClock;
        this.host = topology;
        this.windows = new TraceWindows(topology.nrCpus(), WINDOW_BYTES);
        this.tscCacheNs = -1;
    }

    @Override
    public boolean enabled() {
        return !closed;
    }

    /** @return the number of records written so far */
    public long recordCount() {
        return records;
    }

    /**
     * How far the TSC tie-breaking has moved records from their simulated time: records written at one instant take
     * consecutive TSCs from that instant's exact TSC, and an instant that follows within fewer cycles than the last
     * one had records continues from there. A runstate interval in the trace therefore differs from the engine's by
     * at most this many cycles (plus a cycle of rounding at each end).
     *
     * @return the largest number of cycles by which a record's TSC is later than the exact TSC of its time
     */
    public long maxTscLead() {
        return Math.max(maxLead, tscCacheNs < 0 ? 0 : lastTsc - instantExactTsc);
    }

    /**
     * The TSC of a simulated time.
     *
     * @param ns simulated time, ns
     * @return TSC cycles
     */
    public long tscOf(long ns) {
        return host.nsToTsc(1_000_000_000L + ns);
    }

    /** @return the TSC of the next record at the current simulated time, polling first when one is due */
    private long nextTsc() {
        long now = clock.getAsLong();
        if (now != tscCacheNs) {
            newInstant(now);
        }
        records++;
        // strictly increasing over the whole trace: readers merge the per-pCPU streams by TSC, and records written
        // at the same simulated instant on two pCPUs must keep the order in which the engine produced them
        return ++lastTsc;
    }

    /**
     * The first record at a new simulated time: polls when one is due, and sets {@link #lastTsc} so that the next
     * TSC is the exact conversion of the time, or one more than the last TSC if that is later.
     */
    private void newInstant(long now) {
        if (now - lastFlush >= POLL_NS) {
            flushWindows();
            lastFlush = now - now % POLL_NS;
            polled = true;
        } else if (records - recordsAtDrain >= DRAIN_RECORDS && (polled || windows.everyCpuRecorded())) {
            flushWindows();
        }
        if (tscCacheNs >= 0) {
            maxLead = Math.max(maxLead, lastTsc - instantExactTsc);
        }
        tscCacheNs = now;
        long exact = tscOf(now);
        instantExactTsc = exact;
        if (exact > lastTsc + 1) {
            lastTsc = exact - 1;
        }
    }

    /** Writes a record of {@code n} (at most seven) of the words {@code a..g}, unless the trace is closed. */
    private void emit(int cpu, int event, int n, int a, int b, int c, int d, int e, int f, int g) {
        if (!closed) {
            windows.put(cpu, event, nextTsc(), n, a, b, c, d, e, f, g);
        }
    }

    private void emit(int cpu, int event, int a) {
        emit(cpu, event, 1, a, 0, 0, 0, 0, 0, 0);
    }

    private void emit(int cpu, int event, int a, int b) {
        emit(cpu, event, 2, a, b, 0, 0, 0, 0, 0);
    }

    private void emit(int cpu, int event, int a, int b, int c) {
        emit(cpu, event, 3, a, b, c, 0, 0, 0, 0);
    }

    private void emit(int cpu, int event, int a, int b, int c, int d) {
        emit(cpu, event, 4, a, b, c, d, 0, 0, 0);
    }

    private void flushWindows() {
        recordsAtDrain = records;
        try {
            windows.drainTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the trace failed", e);
        }
    }

    private static int packed(Vcpu v) {
        return (v.id() & 0xffff) | (v.domain().id() << 16);
    }

    @Override
    public void record(int cpu, int schedulerClass, int event, int... payload) {
        if (!closed) {
            windows.put(cpu, TraceEvents.schedClassEvent(schedulerClass, event), nextTsc(), payload);
        }
    }

    @Override
    public void recordWords(int cpu, int schedulerClass, int event, int n, int a, int b, int c, int d, int e, int f,
            int g) {
        emit(cpu, TraceEvents.schedClassEvent(schedulerClass, event), n, a, b, c, d, e, f, g);
    }

    @Override
    public void runstateChange(int cpu, Vcpu v, RunState from, RunState to) {
        emit(cpu, runstateEvent(from, to), packed(v));
    }

    /** Xen 4.17 puts the old and new runstates in bits 11..8 and 7..4 of the event id. */
    private static int runstateEvent(RunState from, RunState to) {
        return TraceEvents.TRC_SCHED_RUNSTATE_CHANGE | (from.ordinal() << 8) | (to.ordinal() << 4);
    }

    @Override
    public void contextSwitch(int cpu, Vcpu prev, long prevRanNs, Vcpu next, long nextWaitedNs, long sliceNs) {
        emit(cpu, TraceEvents.TRC_SCHED_SWITCH_INFPREV, prev.domain().id(), prev.id(), (int) prevRanNs);
        emit(cpu, TraceEvents.TRC_SCHED_SWITCH_INFNEXT, next.domain().id(), next.id(),
                next.runstate == RunState.RUNNABLE ? (int) nextWaitedNs : 0, (int) sliceNs);
        emit(cpu, TraceEvents.TRC_SCHED_SWITCH, prev.domain().id(), prev.id(), next.domain().id(), next.id());
    }

    @Override
    public void switchWithRunstates(int cpu, Vcpu prev, long prevRanNs, RunState prevTo, Vcpu next,
            long nextWaitedNs, long sliceNs) {
        RunState prevFrom = prev.runstate;
        RunState nextFrom = next.runstate;
        if (closed || prevFrom == prevTo || nextFrom == RunState.RUNNING) {
            EngineTrace.super.switchWithRunstates(cpu, prev, prevRanNs, prevTo, next, nextWaitedNs, sliceNs);
            return;
        }
        long tsc = nextTsc();
        // the four more records at this instant take the next four TSCs
        lastTsc += 4;
        records += 4;
        windows.putSwitch(cpu, tsc, TraceEvents.TRC_SCHED_SWITCH_INFPREV, TraceEvents.TRC_SCHED_SWITCH_INFNEXT,
                TraceEvents.TRC_SCHED_SWITCH, runstateEvent(prevFrom, prevTo),
                runstateEvent(nextFrom, RunState.RUNNING), prev.domain().id(), prev.id(), (int) prevRanNs,
                next.domain().id(), next.id(), nextFrom == RunState.RUNNABLE ? (int) nextWaitedNs : 0,
                (int) sliceNs);
    }

    @Override
    public void continueRunning(int cpu, Vcpu v, long sliceNs) {
        emit(cpu, TraceEvents.TRC_SCHED_SWITCH_INFCONT, v.domain().id(), v.id(),
                (int) (clock.getAsLong() - v.stateEntryTime), (int) sliceNs);
        emit(cpu, TraceEvents.TRC_SCHED_CONTINUE_RUNNING, packed(v));
    }

    @Override
    public void wake(int cpu, Vcpu v) {
        emit(cpu, TraceEvents.TRC_SCHED_WAKE, v.domain().id(), v.id());
    }

    @Override
    public void sleep(int cpu, Vcpu v) {
        emit(cpu, TraceEvents.TRC_SCHED_SLEEP, v.domain().id(), v.id());
    }

    @Override
    public void block(int cpu, Vcpu v) {
        emit(cpu, TraceEvents.TRC_SCHED_BLOCK, v.domain().id(), v.id());
    }

    @Override
    public void domainCreated(int cpu, Domain d) {
        emit(cpu, TraceEvents.TRC_DOM0_DOM_ADD, d.id());
        emit(cpu, TraceEvents.TRC_SCHED_DOM_ADD, d.id());
    }

    @Override
    public void domainDestroyed(int cpu, Domain d) {
        emit(cpu, TraceEvents.TRC_SCHED_DOM_REM, d.id());
        emit(cpu, TraceEvents.TRC_DOM0_DOM_REM, d.id());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        flushWindows();
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the trace failed", e);
        }
    }
}
