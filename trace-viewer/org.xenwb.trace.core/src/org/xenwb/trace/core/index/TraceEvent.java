package org.xenwb.trace.core.index;

/**
 * One record returned by an event query.
 *
 * @param tsc its TSC (or its pCPU's previous one when it has none), cycles
 * @param cpu its pCPU
 * @param offset its byte offset in the trace file
 * @param event its event id
 * @param extra its extra words (a private copy)
 * @param running the vCPU running on the pCPU then, {@code domain << 16 | vcpu}, or -1
 * @param owner the domain and vCPU the record belongs to, {@code domain << 16 | vcpu}, or -1 (see
 *        {@link EventOwner}: the record's own ids when its payload has them, else {@code running})
 * @param ownerSource which rule gave {@code owner}
 */
public record TraceEvent(long tsc, int cpu, long offset, int event, int[] extra, int running, int owner,
        EventOwner.Source ownerSource) {

    @Override
    public boolean equals(Object o) {
        return o instanceof TraceEvent e && tsc == e.tsc && cpu == e.cpu && offset == e.offset && event == e.event
                && java.util.Arrays.equals(extra, e.extra) && running == e.running && owner == e.owner
                && ownerSource == e.ownerSource;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(tsc, cpu, offset, event, java.util.Arrays.hashCode(extra), running, owner);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(Long.toUnsignedString(tsc)).append(" p").append(cpu).append(' ');
        sb.append(ownerText());
        sb.append(String.format(" 0x%08x", event)).append(" [");
        for (int i = 0; i < extra.length; i++) {
            sb.append(i == 0 ? "" : " ").append(String.format("0x%08x", extra[i]));
        }
        return sb.append("] @").append(offset).toString();
    }

    /**
     * @return the owner as {@code d<dom>v<vcpu>} (or {@code d<dom>} when the record names a domain only, or
     *         {@code d?v?} when unknown), followed by {@code =rec} when the record names it or {@code =run} when it is
     *         the running vCPU
     */
    public String ownerText() {
        if (owner < 0) {
            return "d?v?=run";
        }
        String v = (owner & 0xffff) == EventOwner.NO_VCPU ? "" : "v" + (owner & 0xffff);
        return "d" + (owner >>> 16) + v + (ownerSource == EventOwner.Source.RUNNING ? "=run" : "=rec");
    }
}
