package org.xenwb.trace.core.read;

import org.xenwb.trace.core.format.TraceFormat;
import org.xenwb.trace.core.format.TraceFormatException;

/**
 * Checks the chain of windows of a trace file (see {@link TraceFormat}) by hopping from one CPU-change record to
 * the next, without reading the records in between: finds where the well-formed part of the file ends and why.
 *
 * <p>Reads one word triple per window: cheap even for files of many gigabytes. Not thread-safe; a value after
 * {@link #scan(TraceBytes)}.</p>
 */
final class WindowChain {

    /** Highest pCPU number accepted in a CPU-change record (Xen's NR_CPUS limit is 4096 on x86). */
    static final int MAX_CPU = 4095;

    /** Offset one past the last byte that belongs to a well-formed window (or to a window cut by the end). */
    long limit;
    /** The first problem, or null when the file is well-formed. */
    TraceFormatException problem;
    /** Number of windows seen (the cut one included). */
    long windows;
    /** Highest pCPU number seen. */
    int maxCpu = -1;

    static WindowChain scan(TraceBytes bytes) {
        WindowChain chain = new WindowChain();
        long size = bytes.size();
        long offset = 0;
        while (offset < size) {
            if (size - offset < TraceFormat.CPU_CHANGE_BYTES) {
                chain.fail(offset, offset, "CPU-change record cut short: " + (size - offset) + " of "
                        + TraceFormat.CPU_CHANGE_BYTES + " bytes before the end of the file", true);
                return chain;
            }
            int header = bytes.word(offset);
            if (header != TraceFormat.CPU_CHANGE_HEADER) {
                chain.fail(offset, offset, String.format("%s: expected a CPU-change record (header 0x%08x) but "
                        + "found 0x%08x", offset == 0 ? "not a xentrace file" : "bad window header",
                        TraceFormat.CPU_CHANGE_HEADER, header), false);
                return chain;
            }
            long cpu = bytes.word(offset + 4) & 0xffffffffL;
            long window = bytes.word(offset + 8) & 0xffffffffL;
            if (cpu > MAX_CPU) {
                chain.fail(offset, offset, "CPU-change record names pCPU " + cpu + ", above the limit " + MAX_CPU,
                        false);
                return chain;
            }
            if ((window & 3) != 0) {
                chain.fail(offset, offset, "window size " + window + " of pCPU " + cpu
                        + " is not a multiple of 4", false);
                return chain;
            }
            chain.windows++;
            chain.maxCpu = Math.max(chain.maxCpu, (int) cpu);
            long end = offset + TraceFormat.CPU_CHANGE_BYTES + window;
            if (end > size) {
                chain.fail(size, offset, "window of pCPU " + cpu + " declares " + window + " bytes but the file"
                        + " ends after " + (size - offset - TraceFormat.CPU_CHANGE_BYTES)
                        + " (truncated file); records before the cut are kept", true);
                return chain;
            }
            offset = end;
        }
        chain.limit = size;
        return chain;
    }

    /** @param endOfFile whether the file merely ends early (see {@link TraceFormatException#endOfFile()}) */
    private void fail(long newLimit, long offset, String reason, boolean endOfFile) {
        limit = newLimit;
        problem = new TraceFormatException(null, offset, reason, endOfFile);
    }
}
