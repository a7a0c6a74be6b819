package org.xenwb.engine.core.trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.xenwb.engine.core.config.InputFiles;
import org.xenwb.trace.core.format.TraceEvents;
import org.xenwb.trace.core.format.TraceFormat;
import org.xenwb.trace.core.format.TraceFormatException;
import org.xenwb.trace.core.format.TraceRecord;
import org.xenwb.trace.core.format.TraceRecordDecoder;

/**
 * The run/block pattern of every vCPU of a xentrace file, for replaying it under another scheduler or topology:
 * from the runstate-change records, the CPU time each vCPU consumed between two blocks (a burst) and how long it
 * then stayed blocked. Time spent runnable or offline is the scheduler's doing and is not part of the pattern.
 * Immutable once read.
 */
public final class RunstateHistory {

    /**
     * The pattern of one vCPU, in ns: {@code startsBlockedNs} (-1 when it starts able to run), then alternating
     * burst and block lengths {@code pattern[0]} burst, {@code pattern[1]} block, ... The last burst may have no
     * following block (the trace ended).
     *
     * @param domid the domain
     * @param vcpu the vCPU
     * @param startsBlockedNs time blocked at the start of the trace, or -1
     * @param pattern bursts and blocks
     */
    public record VcpuPattern(int domid, int vcpu, long startsBlockedNs, long[] pattern) {
        /** @return the total CPU demand of the pattern, ns */
        public long totalBurstNs() {
            long t = 0;
            for (int i = 0; i < pattern.length; i += 2) {
                t += pattern[i];
            }
            return t;
        }
    }

    private final Map<Long, VcpuPattern> patterns;
    private final long durationNs;

    private RunstateHistory(Map<Long, VcpuPattern> patterns, long durationNs) {
        this.patterns = patterns;
        this.durationNs = durationNs;
    }

    private static long key(int domid, int vcpu) {
        return ((long) domid << 32) | vcpu;
    }

    /**
     * @param domid a domain id
     * @param vcpu a vCPU id
     * @return its pattern, or null when the trace has no runstate change for it
     */
    public VcpuPattern pattern(int domid, int vcpu) {
        return patterns.get(key(domid, vcpu));
    }

    /** @return every pattern, ordered by domain then vCPU */
    public List<VcpuPattern> patterns() {
        return List.copyOf(patterns.values());
    }

    /** @return the span between the first and last record, ns */
    public long durationNs() {
        return durationNs;
    }

    /**
     * Reads a trace.
     *
     * @param file a xentrace file
     * @param cpuHz the TSC frequency of the traced host (xenalyze's {@code --cpu-hz})
     * @return the patterns
     * @throws IOException if unreadable or malformed (the message names the file offset)
     * @throws IllegalArgumentException if {@code cpuHz} is not positive
     */
    public static RunstateHistory read(Path file, long cpuHz) throws IOException {
        if (cpuHz <= 0) {
            throw new IllegalArgumentException("the traced host's TSC frequency must be positive, got " + cpuHz);
        }
        ByteBuffer buf = ByteBuffer.wrap(InputFiles.bytes(file));
        List<long[]> changes = new ArrayList<>(); // {tsc, seq, domid, vcpu, old, new}
        long firstTsc = Long.MAX_VALUE;
        long lastTsc = Long.MIN_VALUE;
        int pos = 0;
        long seq = 0;
        try {
            while (pos < buf.limit()) {
                long[] cc = TraceRecordDecoder.decodeCpuChange(buf, pos, buf.limit(), 0);
                int cpu = (int) cc[0];
                int end = pos + TraceFormat.CPU_CHANGE_BYTES + (int) cc[1];
                if (cc[1] > buf.limit() || end > buf.limit()) {
                    throw new TraceFormatException(file.toString(), pos, "window runs past the end of the file");
                }
                pos += TraceFormat.CPU_CHANGE_BYTES;
                while (pos < end) {
                    int size = TraceRecordDecoder.recordBytes(buf, pos, end, 0);
                    TraceRecord r = TraceRecordDecoder.decode(buf, pos, cpu);
                    pos += size;
                    if (!r.hasTsc()) {
                        continue;
                    }
                    firstTsc = Math.min(firstTsc, r.tsc());
                    lastTsc = Math.max(lastTsc, r.tsc());
                    if ((r.event() & 0x0ffff00f) == TraceEvents.TRC_SCHED_RUNSTATE_CHANGE && r.extraCount() >= 1) {
                        int w = r.extra(0);
                        changes.add(new long[] {r.tsc(), seq++, (w >>> 16) & 0xffff, w & 0xffff,
                            (r.event() >>> 8) & 0xf, (r.event() >>> 4) & 0xf});
                    }
                }
            }
        } catch (TraceFormatException e) {
            throw e.withSource(file.toString());
        }
        changes.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        Map<Long, List<long[]>> byVcpu = new TreeMap<>();
        for (long[] c : changes) {
            if (c[2] == 0x7fff) {
                continue; // the idle domain
            }
            byVcpu.computeIfAbsent(key((int) c[2], (int) c[3]), k -> new ArrayList<>()).add(c);
        }
        Map<Long, VcpuPattern> out = new TreeMap<>();
        for (Map.Entry<Long, List<long[]>> e : byVcpu.entrySet()) {
            out.put(e.getKey(), build(e.getValue(), firstTsc, lastTsc, cpuHz));
        }
        long span = changes.isEmpty() ? 0 : cyclesToNs(lastTsc - firstTsc, cpuHz);
        return new RunstateHistory(out, span);
    }

    private static long cyclesToNs(long cycles, long hz) {
        return java.math.BigInteger.valueOf(cycles).multiply(java.math.BigInteger.valueOf(1_000_000_000L))
                .divide(java.math.BigInteger.valueOf(hz)).longValue();
    }

    private static final int RUNNING = 0;
    private static final int BLOCKED = 2;

    private static VcpuPattern build(List<long[]> changes, long firstTsc, long lastTsc, long hz) {
        long[] first = changes.get(0);
        int domid = (int) first[2];
        int vcpu = (int) first[3];
        boolean startsBlocked = first[4] == BLOCKED;
        List<Long> pattern = new ArrayList<>();
        long burst = 0;
        long blockedSince = startsBlocked ? firstTsc : -1;
        long runningSince = first[4] == RUNNING ? firstTsc : -1;
        for (long[] c : changes) {
            long tsc = c[0];
            int from = (int) c[4];
            int to = (int) c[5];
            if (from == RUNNING && runningSince >= 0) {
                burst += tsc - runningSince;
                runningSince = -1;
            }
            if (from == BLOCKED && blockedSince >= 0) {
                pattern.add(cyclesToNs(tsc - blockedSince, hz));
                blockedSince = -1;
            }
            if (to == RUNNING) {
                runningSince = tsc;
            }
            if (to == BLOCKED) {
                pattern.add(Math.max(1, cyclesToNs(burst, hz)));
                burst = 0;
                blockedSince = tsc;
            }
        }
        if (runningSince >= 0) {
            burst += lastTsc - runningSince; // still running when the trace ended
        }
        if (burst > 0 || runningSince >= 0) {
            pattern.add(Math.max(1, cyclesToNs(burst, hz)));
        }
        long[] p = pattern.stream().mapToLong(Long::longValue).toArray();
        long startsBlockedNs = -1;
        if (startsBlocked && p.length > 0) {
            startsBlockedNs = p[0];
            p = Arrays.copyOfRange(p, 1, p.length);
        }
        return new VcpuPattern(domid, vcpu, startsBlockedNs, p);
    }
}
