package org.xenwb.benchmarks;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.xenwb.trace.core.format.TraceEvents;
import org.xenwb.trace.core.format.TraceFormat;
import org.xenwb.trace.core.read.TraceBytes;
import org.xenwb.trace.core.read.TraceWindows;

/**
 * Makes a big trace with the structure of a real one: the real capture's windows, copied N times one after the
 * other with every TSC shifted past the previous copy (a gap of 1 ms between copies). Each pCPU's first window of
 * every copy after the first starts with a lost-records record dated inside the gap, as Xen writes when records
 * were dropped, so that readers and xenalyze treat the seam as a loss of state rather than as contradicting
 * runstates. The records themselves (sizes, events, payloads, window sizes, pCPU interleaving) are the real ones.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.xenwb.benchmarks.TraceReplicator SOURCE TARGET MIN_BYTES}.</p>
 */
public final class TraceReplicator {

    private static final int LOST_BYTES = TraceFormat.HEADER_BYTES + TraceFormat.TSC_BYTES + 16;

    private TraceReplicator() {
    }

    public static void main(String[] args) throws IOException {
        replicate(Path.of(args[0]), Path.of(args[1]), Long.parseLong(args[2]));
    }

    /**
     * Writes the replicated trace (to a temporary file renamed into place).
     *
     * @param source a real capture
     * @param target the file to write
     * @param minBytes copy the capture until the target has at least this many bytes
     * @throws IOException on a read or write error
     */
    public static void replicate(Path source, Path target, long minBytes) throws IOException {
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "replica", ".tmp");
        try (TraceBytes in = TraceBytes.open(source);
                OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
            TraceWindows windows = TraceWindows.scan(in);
            long first = Long.MAX_VALUE;
            long last = 0;
            for (int i = 0; i < windows.count(); i++) {
                long at = windows.offset(i) + TraceFormat.CPU_CHANGE_BYTES;
                long end = at + windows.size(i);
                while (end - at >= TraceFormat.HEADER_BYTES) {
                    int h = in.word(at);
                    if (TraceFormat.hasTsc(h) && end - at >= 12) {
                        long t = tsc(in, at + 4);
                        first = Math.min(first, t);
                        last = Math.max(last, t);
                    }
                    at += TraceFormat.recordBytes(h);
                }
            }
            long gap = 2_596_127L; // 1 ms at the captures' TSC frequency
            long stride = last - first + gap;
            long written = 0;
            ByteBuffer buf = ByteBuffer.allocate(1 << 22).order(ByteOrder.LITTLE_ENDIAN);
            for (int copy = 0; written < minBytes; copy++) {
                long shift = copy * stride;
                boolean[] seen = new boolean[4096];
                for (int i = 0; i < windows.count(); i++) {
                    int cpu = windows.cpu(i);
                    boolean lost = copy > 0 && !seen[cpu];
                    seen[cpu] = true;
                    int size = windows.size(i);
                    if (buf.capacity() < size + 64) {
                        buf = ByteBuffer.allocate(size + 64).order(ByteOrder.LITTLE_ENDIAN);
                    }
                    buf.clear();
                    buf.putInt(TraceFormat.CPU_CHANGE_HEADER).putInt(cpu).putInt(size + (lost ? LOST_BYTES : 0));
                    if (lost) {
                        long boundary = first + shift - gap / 2;
                        long firstLost = boundary - gap / 4;
                        buf.putInt(TraceFormat.header(TraceEvents.TRC_LOST_RECORDS, 4, true)).putLong(boundary);
                        buf.putInt(1).putInt(Model.IDLE_DOMAIN | (cpu << 16)).putLong(firstLost);
                    }
                    long at = windows.offset(i) + TraceFormat.CPU_CHANGE_BYTES;
                    long end = at + size;
                    while (end - at >= TraceFormat.HEADER_BYTES) {
                        int h = in.word(at);
                        int n = TraceFormat.recordBytes(h);
                        if (end - at < n) {
                            break;
                        }
                        buf.putInt(h);
                        long pos = at + 4;
                        if (TraceFormat.hasTsc(h)) {
                            buf.putLong(tsc(in, pos) + shift);
                            pos += 8;
                        }
                        int extra = TraceFormat.extraWordsOf(h);
                        boolean lostRecord = TraceFormat.eventOf(h) == TraceEvents.TRC_LOST_RECORDS && extra == 4;
                        for (int x = 0; x < extra; x++) {
                            if (lostRecord && x == 2) {
                                buf.putLong(tsc(in, pos + 8) + shift);
                                x++;
                            } else {
                                buf.putInt(in.word(pos + 4L * x));
                            }
                        }
                        at += n;
                    }
                    out.write(buf.array(), 0, buf.position());
                    written += buf.position();
                }
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static long tsc(TraceBytes in, long at) {
        return (in.word(at) & 0xffffffffL) | ((long) in.word(at + 4) << 32);
    }

    /** Constants of Xen's scheduler model used here. */
    private static final class Model {
        static final int IDLE_DOMAIN = 32767;
    }
}
