package org.xenwb.trace.core.gen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.xenwb.trace.core.format.TraceEvents;
import org.xenwb.trace.core.format.TraceRecord;
import org.xenwb.trace.core.format.TraceWriter;

/**
 * Writes an Intel VMX trace of HVM guests with shadow paging ({@code hap=0}) as Xen 4.17 writes one: two pCPUs, each
 * running vCPU 0 or 1 of three domains whose guests use 2-level (domain 1), 3-level PAE (domain 2) and 4-level
 * (domain 3) paging. Page-fault exits (reason 0) carry what the shadow code traces (fixups with their path flags,
 * preceded by out-of-sync resyncs, pre-allocation unpins and brute-force writable-mapping searches; emulated
 * page-table writes, some in Windows' linear page-table windows; propagations followed by the guest's page fault
 * injection; MMIO faults followed by the MMIO access; false fast paths; unshadows), or, when Xen does not trace the
 * shadow class, one {@code PF_XEN} record; interrupt and CPUID exits come in between. As in Xen, the shadow and
 * handler records have no TSC, the event's bits 8-11 give the guest paging levels minus 2, and records are packed
 * (so 4-level fixups, propagations and emulations and 3-level unshadows are shorter than xenalyze's structures, an
 * error for xenalyze) unless {@link Options#xenalyzeLayout} pads them to xenalyze's sizes.
 *
 * <p>With {@link Options#oddities}, corner cases of xenalyze are added: shadow records outside an exit, a record of
 * minor 0 and one of an unknown minor, two faults in one exit, paging levels xenalyze has no layout for, a guest
 * switching between 32- and 64-bit exits, two pre-allocation unpins in one exit, a brute-force search without a
 * writable-mapping flag, a PF_XEN record in a shadow-traced exit. Deterministic for a seed.</p>
 */
public final class ShadowPagingTrace {

    /**
     * What to write.
     *
     * @param shadowClass whether Xen traces the shadow class (else page faults give PF_XEN records)
     * @param xenalyzeLayout whether shadow records are padded to xenalyze's structures
     * @param oddities whether to add xenalyze's corner cases
     * @param badSizeAt from which exit on the first shadow fault gets a record of the wrong size, -1 for none
     */
    public record Options(boolean shadowClass, boolean xenalyzeLayout, boolean oddities, int badSizeAt) {

        /** Shadow records padded to xenalyze's structures, no oddities. */
        public static Options clean() {
            return new Options(true, true, false, -1);
        }
    }

    private static final int PCPUS = 2;
    private static final int[] DOMAINS = {1, 2, 3};
    private static final int[] LEVELS = {2, 3, 4};
    private static final long[] RIPS32 = {0xc0101234L, 0xc0101234L, 0x0804_8a10L, 0x8053_4f00L, 0x7c80_1000L};
    private static final long[] RIPS64 = {0xffffffff81001230L, 0xffffffff81001230L, 0x0000_7f12_3456_7000L,
        0xfffff800_0123_4560L, 0x0000_0000_0040_1000L};
    private static final long[] GPAS = {0xfed00000L, 0xfebf1000L, 0xb8000L, 0xfec00000L};

    private final Random random;
    private final Options options;
    private final List<List<TraceRecord>> perCpu = new ArrayList<>();
    /** Per vCPU: whether its guest currently makes 64-bit exits (domain 3 may drop to 32-bit with oddities). */
    private final int[][] levels = new int[DOMAINS.length][PCPUS];
    private int exitCount;
    private boolean badSizeDone;

    private ShadowPagingTrace(long seed, Options options) {
        this.random = new Random(seed);
        this.options = options;
        for (int c = 0; c < PCPUS; c++) {
            perCpu.add(new ArrayList<>());
            for (int d = 0; d < DOMAINS.length; d++) {
                levels[d][c] = LEVELS[d];
            }
        }
    }

    /**
     * Writes the trace.
     *
     * @param file destination
     * @param seed random seed
     * @param exits number of exits per pCPU
     * @param options what to write
     * @throws IOException when writing fails
     */
    public static void write(Path file, long seed, int exits, Options options) throws IOException {
        ShadowPagingTrace t = new ShadowPagingTrace(seed, options);
        for (int c = 0; c < PCPUS; c++) {
            t.simulate(c, exits);
        }
        try (TraceWriter w = new TraceWriter(Files.newOutputStream(file))) {
            // one window per pCPU per simulated poll of the trace buffers, each poll covering the same time slice
            int[] next = new int[PCPUS];
            boolean more = true;
            for (long until = 1_000_000_000L + 300_000; more; until += 300_000) {
                more = false;
                for (int c = 0; c < PCPUS; c++) {
                    List<TraceRecord> list = t.perCpu.get(c);
                    int i = next[c];
                    while (i < list.size() && (!list.get(i).hasTsc() || list.get(i).tsc() < until)) {
                        w.write(list.get(i++));
                    }
                    next[c] = i;
                    w.endWindow();
                    more |= i < list.size();
                }
            }
        }
    }

    private void simulate(int cpu, int exits) {
        List<TraceRecord> out = perCpu.get(cpu);
        long now = 1_000_000_000L + cpu * 777;
        out.add(runstate(cpu, now, 32767, cpu, 1, 0));
        now += 4_000;
        int current = random.nextInt(DOMAINS.length);
        out.add(runstate(cpu, now, 32767, cpu, 0, 1));
        out.add(runstate(cpu, now, DOMAINS[current], cpu, 1, 0));
        if (options.oddities && cpu == 0) {
            // before the vCPU's first vmexit: xenalyze only dumps it
            out.add(shadowRecord(cpu, LEVELS[current], TraceEvents.TRC_SHADOW_FIXUP, 0x1000));
        }
        for (int i = 0; i < exits; i++) {
            if (random.nextInt(10) == 0) {
                int next = random.nextInt(DOMAINS.length);
                if (next != current) {
                    now += 1_000 + random.nextInt(4_000);
                    out.add(runstate(cpu, now, DOMAINS[current], cpu, 0, 1));
                    out.add(runstate(cpu, now, DOMAINS[next], cpu, 1, 0));
                    current = next;
                }
            }
            now += 2_000 + random.nextInt(40_000);
            now = exit(cpu, current, now, out);
            if (options.oddities && random.nextInt(60) == 0) {
                // a shadow record after the vmentry, outside any exit
                out.add(shadowRecord(cpu, levels[current][cpu], TraceEvents.TRC_SHADOW_FAST_PROPAGATE, 0x2000));
            }
        }
    }

    /** One exit of vCPU {@code cpu} of domain index {@code d}; returns the time after the vmentry. */
    private long exit(int cpu, int d, long now, List<TraceRecord> out) {
        int exitNo = exitCount++;
        if (options.oddities && d == 2 && random.nextInt(50) == 0) {
            levels[d][cpu] = levels[d][cpu] == 4 ? 2 : 4; // a 4-level guest in (or back from) 32-bit code
        }
        int gpl = levels[d][cpu];
        boolean long64 = gpl == 4;
        long rip = long64 ? RIPS64[random.nextInt(RIPS64.length)] : RIPS32[random.nextInt(RIPS32.length)];
        int kind = random.nextInt(20);
        int reason = kind < 12 ? 0 : kind < 17 ? 1 : 10;
        out.add(vmexit(cpu, now, reason, rip, long64));
        if (reason == 1) {
            out.add(TraceRecord.withoutTsc(TraceEvents.TRC_HVM_INTR, cpu, new int[] {0x20, 0xef, 0xf3, 0x30}[
                    random.nextInt(4)]));
        } else if (reason == 10) {
            out.add(TraceRecord.withoutTsc(TraceEvents.TRC_HVM_CPUID, cpu, random.nextInt(0x20), 0x756e6547,
                    0x6c65746e, 0x49656e69, 0x0));
        } else if (options.shadowClass) {
            shadowFault(cpu, d, gpl, long64, out, exitNo);
        } else {
            pfXenFault(cpu, gpl, long64, out);
        }
        long entry = now + 400 + random.nextInt(reason == 0 ? 12_000 : 2_000);
        out.add(TraceRecord.withTsc(TraceEvents.TRC_HVM_VMENTRY, cpu, entry));
        return entry;
    }

    private void pfXenFault(int cpu, int gpl, boolean long64, List<TraceRecord> out) {
        long va = options.oddities && random.nextInt(3) == 0 ? linearVa(gpl) : faultVa(gpl);
        int ec = new int[] {0x2, 0x3, 0x6, 0x7, 0x4, 0x14}[random.nextInt(6)];
        if (random.nextInt(8) == 0) {
            out.add(iomem(cpu));
        }
        // Xen 4.17 writes the error code first, then the address (xenalyze reads them the other way round)
        if (options.oddities && random.nextInt(3) == 0) {
            // the address first, as xenalyze expects (and as older Xen versions wrote)
            out.add(long64 ? TraceRecord.withoutTsc(TraceEvents.TRC_HVM_PF_XEN64, cpu, (int) va, (int) (va >>> 32), ec)
                    : TraceRecord.withoutTsc(TraceEvents.TRC_HVM_PF_XEN, cpu, (int) va, ec));
        } else if (long64) {
            out.add(TraceRecord.withoutTsc(TraceEvents.TRC_HVM_PF_XEN64, cpu, ec, (int) va, (int) (va >>> 32)));
        } else {
            out.add(TraceRecord.withoutTsc(TraceEvents.TRC_HVM_PF_XEN, cpu, ec, (int) va));
        }
        if (random.nextInt(4) == 0) {
            out.add(pfInject(cpu, long64, va));
        }
    }

    private void shadowFault(int cpu, int d, int gpl, boolean long64, List<TraceRecord> out, int exitNo) {
        int k = random.nextInt(100);
        long va = faultVa(gpl);
        int lv = (gpl - 2) << 8;
        if (exitNo >= options.badSizeAt && options.badSizeAt >= 0 && !badSizeDone) {
            badSizeDone = true;
            out.add(TraceRecord.withoutTsc(TraceEvents.TRC_SHADOW_FIXUP | lv, cpu, 1, 2));
            return;
        }
        if (options.oddities && random.nextInt(40) == 0) {
            int odd = random.nextInt(8);
            switch (odd) {
                case 0 -> out.add(TraceRecord.withoutTsc(TraceEvents.TRC_SHADOW | lv, cpu, 0xdead, 0xbeef));
                case 1 -> out.add(TraceRecord.withoutTsc(TraceEvents.TRC_SHADOW + 0x20, cpu, 0x1234));
                case 2 -> out.add(TraceRecord.withoutTsc(TraceEvents.TRC_SHADOW_MMIO | 0x300, cpu, (int) va));
                case 3 -> {
                    out.add(TraceRecord.withoutTsc(TraceEvents.TRC_SHADOW_PREALLOC_UNPIN, cpu, 0x1234, 0));
                    out.add(TraceRecord.withoutTsc(TraceEvents.TRC_SHADOW_WRMAP_BF, cpu, 0x99, 0));
                }
                case 4 -> { // a brute-force search flagged without the writable-mapping flag, two unpins
                    out.add(TraceRecord.withoutTsc(TraceEvents.TRC_SHADOW_PREALLOC_UNPIN, cpu, 0x1234, 0));
                    out.add(TraceRecord.withoutTsc(TraceEvents.TRC_SHADOW_PREALLOC_UNPIN, cpu, 0x1235, 0));
                    out.add(fixupLike(cpu, TraceEvents.TRC_SHADOW_FIXUP, gpl, pte(gpl), va, 1 << 12 | 1 << 18));
                    return;
                }
                case 5 -> { // paging levels xenalyze has no layout for
                    out.add(TraceRecord.withoutTsc(TraceEvents.TRC_SHADOW_FIXUP | 0x300, cpu, 1, 2, 3));
                    return;
                }
                default -> out.add(TraceRecord.withoutTsc(long64 ? TraceEvents.TRC_HVM_PF_XEN64
                        : TraceEvents.TRC_HVM_PF_XEN, cpu, 0x2, (int) va, (int) (va >>> 32)));
            }
        }
        if (k < 45) {
            for (int r = random.nextInt(6) - 2; r > 0; r--) {
                out.add(TraceRecord.withoutTsc(random.nextBoolean() ? TraceEvents.TRC_SHADOW_RESYNC_ONLY
                        : TraceEvents.TRC_SHADOW_RESYNC_FULL, cpu, 0x1000 + random.nextInt(0x4000), 0));
            }
            int flags = fixupFlags();
            if (random.nextInt(20) == 0) {
                out.add(TraceRecord.withoutTsc(TraceEvents.TRC_SHADOW_PREALLOC_UNPIN, cpu, 0x2000 + random.nextInt(99),
                        0));
            }
            if ((flags & (1 << 10)) != 0 && random.nextInt(3) == 0) {
                out.add(TraceRecord.withoutTsc(TraceEvents.TRC_SHADOW_WRMAP_BF, cpu, 0x3000 + random.nextInt(99), 0));
            }
            out.add(fixupLike(cpu, TraceEvents.TRC_SHADOW_FIXUP, gpl, pte(gpl), va, flags));
        } else if (k < 65 && !(gpl == 4 && options.xenalyzeLayout)) {
            emulate(cpu, gpl, out);
        } else if (k < 75) {
            // (4-level emulations are 7 words, xenalyze expects 8, more than a record holds: propagations instead)
            out.add(fixupLike(cpu, TraceEvents.TRC_SHADOW_NOT_SHADOW, gpl, pte(gpl) & ~1L, va,
                    random.nextInt(2) << 1));
            out.add(pfInject(cpu, long64, va));
        } else if (k < 80) {
            out.add(shadowRecord(cpu, gpl, TraceEvents.TRC_SHADOW_FAST_PROPAGATE, va));
            out.add(pfInject(cpu, long64, va));
        } else if (k < 88) {
            out.add(shadowRecord(cpu, gpl, random.nextBoolean() ? TraceEvents.TRC_SHADOW_MMIO
                    : TraceEvents.TRC_SHADOW_FAST_MMIO, 0xfed00000L));
            out.add(iomem(cpu));
        } else if (k < 91) {
            out.add(shadowRecord(cpu, gpl, TraceEvents.TRC_SHADOW_FALSE_FAST_PATH, va));
        } else if (k < 98) {
            int event = TraceEvents.TRC_SHADOW_EMULATE_UNSHADOW_USER + random.nextInt(3);
            long gfn = 0x1000 + random.nextInt(0x8000);
            out.add(switch (gpl) {
                case 2 -> TraceRecord.withoutTsc(event | lv, cpu, (int) gfn, (int) va);
                case 3 -> options.xenalyzeLayout ? TraceRecord.withoutTsc(event | lv, cpu, (int) gfn, 0, (int) va, 0)
                        : TraceRecord.withoutTsc(event | lv, cpu, (int) gfn, 0, (int) va);
                default -> TraceRecord.withoutTsc(event | lv, cpu, (int) gfn, 0, (int) va, (int) (va >>> 32));
            });
        } else {
            out.add(shadowRecord(cpu, gpl, TraceEvents.TRC_SHADOW_DOMF_DYING, va));
        }
        if (options.oddities && random.nextInt(30) == 0) {
            out.add(fixupLike(cpu, TraceEvents.TRC_SHADOW_FIXUP, gpl, pte(gpl), va, 1 << 12)); // bf without wrmap
        }
    }

    private void emulate(int cpu, int gpl, List<TraceRecord> out) {
        long va = random.nextInt(3) == 0 ? faultVa(gpl) : linearVa(gpl);
        int flags = 0;
        for (int bit : new int[] {0, 1, 2, 3, 5, 6, 7, 8, 9, 13, 14, 15, 16, 17}) {
            if (random.nextInt(bit == 5 ? 2 : 6) == 0) {
                flags |= 1 << bit;
            }
        }
        int count = gpl == 3 ? random.nextInt(3) : 0;
        int flagsWord = flags | count << 29;
        long gl1e = pte(gpl);
        long wval = random.nextInt(4) == 0 ? 0 : pte(gpl);
        int lv = (gpl - 2) << 8;
        int event = TraceEvents.TRC_SHADOW_EMULATE | lv;
        out.add(switch (gpl) {
            case 2 -> TraceRecord.withoutTsc(event, cpu, (int) gl1e, (int) wval, (int) va, flagsWord);
            case 3 -> TraceRecord.withoutTsc(event, cpu, (int) gl1e, (int) (gl1e >>> 32), (int) wval,
                    (int) (wval >>> 32), (int) va, flagsWord);
            default -> TraceRecord.withoutTsc(event, cpu, (int) gl1e, (int) (gl1e >>> 32), (int) wval,
                    (int) (wval >>> 32), (int) va, (int) (va >>> 32), flagsWord);
        });
    }

    /** Fixup path flags as the shadow code sets them. */
    private int fixupFlags() {
        int flags = random.nextInt(3) == 0 ? 1 : 2; // set A/D or A
        int[] bits = {2, 3, 9, 10, 11, 12, 17, 18, 19, 20};
        int[] odds = {3, 8, 8, 6, 3, 10, 20, 5, 6, 12};
        for (int i = 0; i < bits.length; i++) {
            if (random.nextInt(odds[i]) == 0) {
                flags |= 1 << bits[i];
            }
        }
        return flags;
    }

    /** Fixup and propagation records: {gl1e, va, flags}, packed; padded to 8 bytes for xenalyze's 4-level layout. */
    private TraceRecord fixupLike(int cpu, int base, int gpl, long gl1e, long va, int flags) {
        int event = base | (gpl - 2) << 8;
        return switch (gpl) {
            case 2 -> TraceRecord.withoutTsc(event, cpu, (int) gl1e, (int) va, flags);
            case 3 -> TraceRecord.withoutTsc(event, cpu, (int) gl1e, (int) (gl1e >>> 32), (int) va, flags);
            default -> options.xenalyzeLayout
                    ? TraceRecord.withoutTsc(event, cpu, (int) gl1e, (int) (gl1e >>> 32), (int) va, (int) (va >>> 32),
                            flags, 0)
                    : TraceRecord.withoutTsc(event, cpu, (int) gl1e, (int) (gl1e >>> 32), (int) va, (int) (va >>> 32),
                            flags);
        };
    }

    /** trace_shadow_gen: the guest address, 32 bits below 4 levels. */
    private static TraceRecord shadowRecord(int cpu, int gpl, int base, long va) {
        int event = base | (gpl - 2) << 8;
        return gpl == 4 ? TraceRecord.withoutTsc(event, cpu, (int) va, (int) (va >>> 32))
                : TraceRecord.withoutTsc(event, cpu, (int) va);
    }

    private TraceRecord iomem(int cpu) {
        long gpa = GPAS[random.nextInt(GPAS.length)] + 4 * random.nextInt(4);
        int event = random.nextBoolean() ? TraceEvents.TRC_HVM_IOMEM_READ : TraceEvents.TRC_HVM_IOMEM_WRITE;
        return TraceRecord.withoutTsc(event, cpu, (int) gpa, random.nextInt(0x10000));
    }

    private TraceRecord pfInject(int cpu, boolean long64, long va) {
        return long64 ? TraceRecord.withoutTsc(TraceEvents.TRC_HVM_PF_INJECT64, cpu, 0x6, (int) va, (int) (va >>> 32))
                : TraceRecord.withoutTsc(TraceEvents.TRC_HVM_PF_INJECT, cpu, 0x6, (int) va);
    }

    private long faultVa(int gpl) {
        long page = random.nextInt(0x4000) << 12 | random.nextInt(0x1000) & ~7;
        return switch (random.nextInt(gpl == 4 ? 4 : 3)) {
            case 0 -> 0x0804_0000L + page;
            case 1 -> gpl == 4 ? 0xffff_8800_0000_0000L + page : 0xc000_0000L + page;
            case 2 -> gpl == 4 ? 0x0000_7fff_f000_0000L + page : 0x8000_0000L + page;
            default -> 0x1234_5678_9000L; // 4-level only
        };
    }

    /** An address in the guest's linear page-table window (Windows' self map), at a random level. */
    private long linearVa(int gpl) {
        int off = random.nextInt(0x1000) & ~7;
        return switch (gpl) {
            case 2 -> random.nextBoolean() ? 0xc030_0000L | off : 0xc000_0000L | (long) random.nextInt(0x300) << 12
                    | off;
            case 3 -> switch (random.nextInt(3)) {
                case 0 -> 0xc000_0000L | (long) random.nextInt(3) << 21 | (long) random.nextInt(0x200) << 12 | off;
                case 1 -> 0xc060_0000L | (long) random.nextInt(3) << 12 | off;
                default -> 0xc060_3000L | off & 0x1f;
            };
            default -> switch (random.nextInt(4)) {
                case 0 -> 0xffff_f680_0000_0000L | (long) random.nextInt(1 << 27) << 12 | off;
                case 1 -> 0xffff_f6fb_4000_0000L | (long) random.nextInt(1 << 18) << 12 | off;
                case 2 -> 0xffff_f6fb_7da0_0000L | (long) random.nextInt(1 << 9) << 12 | off;
                default -> 0xffff_f6fb_7dbe_d000L | off;
            };
        };
    }

    private long pte(int gpl) {
        long frame = 0x1000L + random.nextInt(0x40000);
        long pte = frame << 12 | 0x67;
        return gpl == 2 ? pte & 0xffffffffL : pte | (random.nextInt(4) == 0 ? 1L << 63 : 0);
    }

    private static TraceRecord vmexit(int cpu, long tsc, int reason, long rip, boolean long64) {
        return long64 ? TraceRecord.withTsc(TraceEvents.TRC_HVM_VMEXIT64, cpu, tsc, reason, (int) rip,
                (int) (rip >>> 32)) : TraceRecord.withTsc(TraceEvents.TRC_HVM_VMEXIT, cpu, tsc, reason, (int) rip);
    }

    private static TraceRecord runstate(int cpu, long tsc, int dom, int vcpu, int from, int to) {
        return TraceRecord.withTsc(TraceEvents.TRC_SCHED_RUNSTATE_CHANGE | (from << 8) | (to << 4), cpu, tsc,
                (dom << 16) | vcpu);
    }
}
