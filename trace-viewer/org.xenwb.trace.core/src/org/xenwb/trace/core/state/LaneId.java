package org.xenwb.trace.core.state;

/**
 * Which lane: a vCPU ({@code domain}, {@code vcpu}) or a pCPU ({@code pcpu}).
 *
 * @param pcpuLane true for a pCPU lane
 * @param domain the domain id (vCPU lanes), else -1
 * @param vcpu the vCPU id (vCPU lanes), or the pCPU number (pCPU lanes)
 */
public record LaneId(boolean pcpuLane, int domain, int vcpu) implements Comparable<LaneId> {

    /**
     * @param domain domain id
     * @param vcpu vCPU id
     * @return the id of that vCPU's lane
     */
    public static LaneId vcpu(int domain, int vcpu) {
        return new LaneId(false, domain, vcpu);
    }

    /**
     * @param pcpu pCPU number
     * @return the id of that pCPU's lane
     */
    public static LaneId pcpu(int pcpu) {
        return new LaneId(true, -1, pcpu);
    }

    @Override
    public int compareTo(LaneId o) {
        if (pcpuLane != o.pcpuLane) {
            return pcpuLane ? -1 : 1;
        }
        return domain != o.domain ? Integer.compare(domain, o.domain) : Integer.compare(vcpu, o.vcpu);
    }

    @Override
    public String toString() {
        return pcpuLane ? "p" + vcpu : "d" + domain + "v" + vcpu;
    }
}
