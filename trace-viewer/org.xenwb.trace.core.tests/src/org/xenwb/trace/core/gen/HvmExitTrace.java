package org.xenwb.trace.core.gen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.xenwb.trace.core.format.TraceEvents;
import org.xenwb.trace.core.format.TraceRecord;
import org.xenwb.trace.core.format.TraceWriter;

/**
 * Writes a small Intel VMX trace of what the captures do not have: one pCPU running HVM vCPUs of two domains
 * through external-interrupt exits ({@code VMEXIT64} reason 1, {@code INTR} with a vector, {@code VMENTRY}) at a few
 * guest addresses, some in the upper (sign-extended) half, and MMIO exits (reason 48, EPT violation, with 32- and
 * 64-bit {@code IOMEM} reads and writes, some in the VGA window, some without data), for xenalyze's
 * interrupt-address and MMIO enumerations and its address checks. Deterministic for a seed.
 */
public final class HvmExitTrace {

    /** Interrupted guest addresses the generator picks from (the last one is in the upper half). */
    private static final long[] RIPS = {0x1000L, 0xffffffff81000010L, 0x7f00_1234_5678L, 0x1000L, 0x40_0000L,
        0xffff_8000_0000_0040L};
    private static final int[] VECTORS = {0x20, 0x20, 0xef, 0xf3, 0x30};

    /** Guest physical addresses of MMIO accesses (two in the VGA window, one above 4 GiB). */
    private static final long[] GPAS = {0xfed00000L, 0xa0000L, 0xb8000L, 0xfebf1000L, 0x1_fed0_0010L, 0xfed00000L};

    private HvmExitTrace() {
    }

    /**
     * Writes the trace.
     *
     * @param file destination
     * @param seed random seed
     * @param exits number of interrupt exits
     * @param badRipAt index of the exit whose address has bits above the 48-bit address space set (which xenalyze
     *        calls an error of level RECORD), or -1 for none
     * @throws IOException when writing fails
     */
    public static void write(Path file, long seed, int exits, int badRipAt) throws IOException {
        Random random = new Random(seed);
        long now = 1_000_000_000L;
        try (TraceWriter w = new TraceWriter(Files.newOutputStream(file))) {
            int current = 0;
            w.write(runstate(now, 32767, 0, 1, 0));
            now += 5_000;
            w.write(runstate(now, 32767, 0, 0, 1));
            w.write(runstate(now, 1, 0, 1, 0));
            for (int i = 0; i < exits; i++) {
                if (random.nextInt(8) == 0) {
                    int next = 1 - current;
                    now += 1_000 + random.nextInt(5_000);
                    w.write(runstate(now, 1 + current, 0, 0, 1));
                    w.write(runstate(now, 1 + next, 0, 1, 0));
                    current = next;
                }
                long rip = i == badRipAt ? 0x0001_0000_0000_1000L : RIPS[random.nextInt(RIPS.length)];
                now += 2_000 + random.nextInt(50_000);
                if (random.nextInt(3) == 0) {
                    w.write(TraceRecord.withTsc(TraceEvents.TRC_HVM_VMEXIT64, 0, now, 48, (int) rip,
                            (int) (rip >>> 32)));
                    w.write(mmio(random, now + 100));
                } else {
                    w.write(TraceRecord.withTsc(TraceEvents.TRC_HVM_VMEXIT64, 0, now, 1, (int) rip,
                            (int) (rip >>> 32)));
                    w.write(TraceRecord.withTsc(TraceEvents.TRC_HVM_INTR, 0, now + 100,
                            VECTORS[random.nextInt(VECTORS.length)]));
                }
                now += 300 + random.nextInt(3_000);
                w.write(TraceRecord.withTsc(TraceEvents.TRC_HVM_VMENTRY, 0, now));
                if (i % 64 == 63) {
                    w.endWindow();
                }
            }
            w.endWindow();
        }
    }

    /** An IOMEM record: 32-bit (2 words) or 64-bit (3 words, or 4 as xenalyze's padded structure expects). */
    private static TraceRecord mmio(Random random, long tsc) {
        long gpa = GPAS[random.nextInt(GPAS.length)];
        int event = random.nextBoolean() ? TraceEvents.TRC_HVM_IOMEM_READ : TraceEvents.TRC_HVM_IOMEM_WRITE;
        int data = random.nextInt();
        return switch (random.nextInt(3)) {
            case 0 -> TraceRecord.withTsc(event, 0, tsc, (int) gpa, data);
            case 1 -> TraceRecord.withTsc(event | TraceEvents.TRC_64_FLAG, 0, tsc, (int) gpa, (int) (gpa >>> 32), data);
            default -> TraceRecord.withTsc(event | TraceEvents.TRC_64_FLAG, 0, tsc, (int) gpa, (int) (gpa >>> 32), data,
                    0);
        };
    }

    private static TraceRecord runstate(long tsc, int dom, int vcpu, int from, int to) {
        return TraceRecord.withTsc(TraceEvents.TRC_SCHED_RUNSTATE_CHANGE | (from << 8) | (to << 4), 0, tsc,
                (dom << 16) | vcpu);
    }
}
