package org.xenwb.trace.core.xenalyze;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The "cr3 values:" list of a domain's report with {@code --with-cr3-enumeration} (xenalyze's
 * {@code cr3_dump_list}): each root in order of first load, with its total, guest and hypervisor time, its short
 * summary, when it was seen and how often it was switched to and flushed. Stateless.
 */
final class Cr3Report {

    private Cr3Report() {
    }

    /**
     * Appends a domain's list; nothing when it has no roots.
     *
     * @param firstTsc the first TSC of the trace (xenalyze's P.f.first_tsc), for the "Seen" times
     * @param cpuQhz the TSC frequency in Hz scaled as xenalyze does: (Hz &lt;&lt; 10) / 10^9
     */
    static void print(StringBuilder sb, Model.Domain d, long cpuHz, long firstTsc, long cpuQhz) {
        if (d.cr3Values.isEmpty()) {
            return;
        }
        List<Cr3Value> sorted = new ArrayList<>(d.cr3Values);
        sorted.sort(Comparator.comparing(p -> p.firstTime, Long::compareUnsigned));
        sb.append("    cr3 values:\n");
        for (Cr3Value p : sorted) {
            p.totalTime.printCycleSummary(sb, desc(String.format("  %8x (id %d)", p.gmfn, p.id), 29), cpuHz);
            percentSummary(sb, p.guestTime, p.runTime, "          guest", cpuHz);
            percentSummary(sb, p.hvTime, p.runTime, "          hv   ", cpuHz);
            for (int i = 0; i < Cr3Value.SHORT_NAME.length; i++) {
                percentSummary(sb, p.shortSummary[i], p.runTime, "           + " + Cr3Value.SHORT_NAME[i], cpuHz);
            }
            sb.append("            Seen: ").append(time(p.firstTime, firstTsc, cpuQhz)).append('-')
                    .append(time(p.lastTime, firstTsc, cpuQhz)).append(" switch ").append(p.switchCount)
                    .append(" flush ").append(p.flushCount).append('\n');
            if (p.destroyCallback) {
                sb.append("          destroy: flush ").append(Integer.toUnsignedString(p.destroyFlushCount))
                        .append(" switch ").append(Integer.toUnsignedString(p.destroySwitchCount))
                        .append(" fixup ").append(Integer.toUnsignedString(p.destroyFixupUser))
                        .append(" emulate ").append(Integer.toUnsignedString(p.destroyEmulateCorrUser))
                        .append('\n');
            }
        }
    }

    /** snprintf into a buffer of {@code max + 1} bytes. */
    private static String desc(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }

    /** xenalyze's abs_cycles_to_time printed as "%4u.%09u". */
    private static String time(long tsc, long firstTsc, long cpuQhz) {
        long s = 0;
        long ns = 0;
        if (Long.compareUnsigned(tsc, firstTsc) > 0) {
            long t = Long.divideUnsigned((tsc - firstTsc) << 10, cpuQhz);
            s = Long.divideUnsigned(t, 1_000_000_000L) & 0xffffffffL;
            ns = (t - s * 1_000_000_000L) & 0xffffffffL;
        }
        return String.format("%4d.%09d", s, ns);
    }

    /** xenalyze's print_cycle_percent_summary: a statistic with its share of {@code total} cycles. */
    static void percentSummary(StringBuilder sb, CycleSummary s, long total, String prefix, long cpuHz) {
        if (s.count == 0) {
            return;
        }
        double seconds = CycleSummary.unsignedToDouble(s.cycles) / cpuHz;
        double percent = CycleSummary.unsignedToDouble(s.cycles * 100) / CycleSummary.unsignedToDouble(total);
        sb.append(prefix).append(": ").append(String.format("%7d", s.count)).append(' ')
                .append(CycleSummary.pad(CFormat.fixed(seconds, 2), 5)).append("s ")
                .append(CycleSummary.pad(CFormat.fixed(percent, 2), 5)).append("% ")
                .append(String.format("%6d", s.average()));
        if (s.sampling.enabled()) {
            int n = s.dataSize();
            long p50 = Percentiles.selfWeighted(s.sample, n, 50);
            long p5 = Percentiles.selfWeighted(s.sample, n, 5);
            long p95 = Percentiles.selfWeighted(s.sample, n, 95);
            sb.append(String.format(" {%6d|%6d|%6d}", p5, p50, p95));
        }
        sb.append('\n');
    }
}
