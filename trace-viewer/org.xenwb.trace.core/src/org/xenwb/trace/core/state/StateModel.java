package org.xenwb.trace.core.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The scheduling state of a whole trace: one {@link Lane} per vCPU (its runstates) and one per pCPU (which vCPU
 * runs), over {@code [firstTsc, lastTsc]} in TSC cycles. Built by {@link StateModelBuilder} from a trace, or read
 * back from an index file.
 *
 * <p>Immutable and thread-safe.</p>
 */
public final class StateModel {

    private final List<Lane> vcpuLanes;
    private final List<Lane> pcpuLanes;
    private final long firstTsc;
    private final long lastTsc;
    private final long oddities;

    /**
     * @param vcpuLanes vCPU lanes, sorted by id
     * @param pcpuLanes pCPU lanes, index = pCPU number (lanes of pCPUs never seen are empty)
     * @param firstTsc first TSC of the trace, cycles
     * @param lastTsc last TSC of the trace, cycles
     * @param oddities number of scheduler records that contradicted the state known so far (ignored or forced)
     */
    public StateModel(List<Lane> vcpuLanes, List<Lane> pcpuLanes, long firstTsc, long lastTsc, long oddities) {
        this.vcpuLanes = List.copyOf(vcpuLanes);
        this.pcpuLanes = List.copyOf(pcpuLanes);
        this.firstTsc = firstTsc;
        this.lastTsc = lastTsc;
        this.oddities = oddities;
    }

    /** @return vCPU lanes sorted by domain then vCPU */
    public List<Lane> vcpuLanes() {
        return vcpuLanes;
    }

    /** @return pCPU lanes, the index in the list is the pCPU number */
    public List<Lane> pcpuLanes() {
        return pcpuLanes;
    }

    /** @return pCPU lanes then vCPU lanes */
    public List<Lane> allLanes() {
        List<Lane> all = new ArrayList<>(pcpuLanes);
        all.addAll(vcpuLanes);
        return Collections.unmodifiableList(all);
    }

    /**
     * @param domain a domain id
     * @param vcpu a vCPU id
     * @return that vCPU's lane, or null
     */
    public Lane vcpuLane(int domain, int vcpu) {
        LaneId key = LaneId.vcpu(domain, vcpu);
        int lo = 0;
        int hi = vcpuLanes.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = vcpuLanes.get(mid).id().compareTo(key);
            if (c == 0) {
                return vcpuLanes.get(mid);
            } else if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return null;
    }

    /**
     * Which vCPU runs on a pCPU at a time.
     *
     * @param pcpu pCPU number
     * @param t TSC cycles
     * @return {@code domain << 16 | vcpu}, or -1 when unknown
     */
    public int runningOn(int pcpu, long t) {
        if (pcpu < 0 || pcpu >= pcpuLanes.size()) {
            return -1;
        }
        Lane lane = pcpuLanes.get(pcpu);
        int i = lane.find(t);
        return i < 0 || t > lane.end() ? -1 : lane.arg(i);
    }

    /** @return first TSC of the trace, cycles */
    public long firstTsc() {
        return firstTsc;
    }

    /** @return last TSC of the trace, cycles */
    public long lastTsc() {
        return lastTsc;
    }

    /** @return number of scheduler records that contradicted the known state (see {@link StateModelBuilder}) */
    public long oddities() {
        return oddities;
    }
}
