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
 */
public record TraceEvent(long tsc, int cpu, long offset, int event, int[] extra, int running) {

    @Override
    public boolean equals(Object o) {
        return o instanceof TraceEvent e && tsc == e.tsc && cpu == e.cpu && offset == e.offset && event == e.event
                && java.util.Arrays.equals(extra, e.extra) && running == e.running;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(tsc, cpu, offset, event, java.util.Arrays.hashCode(extra), running);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(Long.toUnsignedString(tsc)).append(" p").append(cpu).append(' ');
        sb.append(running < 0 ? "d?v?" : "d" + (running >>> 16) + "v" + (running & 0xffff));
        sb.append(String.format(" 0x%08x", event)).append(" [");
        for (int i = 0; i < extra.length; i++) {
            sb.append(i == 0 ? "" : " ").append(String.format("0x%08x", extra[i]));
        }
        return sb.append("] @").append(offset).toString();
    }
}
