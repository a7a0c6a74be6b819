package org.xenwb.trace.core.xenalyze;

import java.util.List;

/** The HVM part of xenalyze's vCPU report (hvm_summary) and its PRINT_SUMMARY line format. Stateless. */
final class HvmReport {

    private HvmReport() {
    }

    /** hvm_summary. */
    static void print(Hvm.Data h, StringBuilder sb, long cpuHz, long totalCycles) {
        if (!h.summaryInfo) {
            return;
        }
        sb.append("Exit reasons:\n");
        for (int i = 0; i < h.exitReasonMax; i++) {
            String prefix = h.exitReasonName[i] != null ? String.format(" %-20s ", h.exitReasonName[i])
                    : String.format(" %20d ", i);
            printSummary(sb, h.exitSummary[i], prefix, cpuHz, totalCycles);
            List<Hvm.Handler> list = h.handlers.get(i);
            if (list != null) {
                for (Hvm.Handler handler : list) {
                    switch (handler.printer()) {
                        case GENERIC -> printSummary(sb, h.generic[handler.evt()],
                                "   " + Hvm.HANDLER_NAME[handler.evt()] + " ", cpuHz, totalCycles);
                        case INTR -> {
                            for (int v = 0; v < Hvm.EXTERNAL_INTERRUPT_MAX; v++) {
                                if (h.extint[v] != 0) {
                                    sb.append(Hvm.EXTINT_NAME[v] != null
                                            ? String.format("  %10s(%3d): %d", Hvm.EXTINT_NAME[v], v, h.extint[v])
                                            : String.format("            [%3d]: %d", v, h.extint[v])).append('\n');
                                }
                            }
                            if (h.extint[Hvm.EXTERNAL_INTERRUPT_MAX] != 0) {
                                sb.append("  Other:         : ").append(h.extint[Hvm.EXTERNAL_INTERRUPT_MAX])
                                        .append('\n');
                            }
                        }
                        case VMCALL -> {
                            for (int c = 0; c < 38; c++) {
                                String name = PvData.HYPERCALL_NAME[c] == null ? "(null)" : PvData.HYPERCALL_NAME[c];
                                printSummary(sb, h.vmcall[c], String.format("    [%10s] ", name), cpuHz,
                                        totalCycles);
                            }
                            printSummary(sb, h.vmcall[38], String.format("    [%10s] ", "max"), cpuHz, totalCycles);
                        }
                        case MMIO -> printSummary(sb, h.mmio[handler.evt()], "   mmio ", cpuHz, totalCycles);
                        case PF_XEN -> PagingReport.print(h, sb, cpuHz, totalCycles);
                        case CR_WRITE -> CrWrites.print(h, handler.evt(), sb, cpuHz, totalCycles);
                        default -> {
                            // MSR printers print nothing
                        }
                    }
                }
            }
        }
        sb.append("Guest interrupt counts:\n");
        for (int i = 0; i < Hvm.GUEST_INTERRUPT_MAX; i++) {
            if (h.giCount[i] != 0) {
                sb.append(String.format("  [%3d] %d", i, h.giCount[i])).append('\n');
                for (int j = 1; j < 4; j++) {
                    h.runtime(i, j).printCycleSummary(sb, "   * " + Hvm.CASE_NAME[j], cpuHz);
                }
            }
        }
        if (h.giCount[Hvm.GUEST_INTERRUPT_MAX] != 0) {
            sb.append("  [").append(Hvm.GUEST_INTERRUPT_MAX).append("+] ").append(h.giCount[Hvm.GUEST_INTERRUPT_MAX])
                    .append('\n');
        }
        if (!h.pio.isEmpty()) {
            sb.append("IO address summary:\n");
            for (java.util.Map.Entry<Integer, CycleSummary[]> e : h.pio.entrySet()) {
                String pa = String.format("%8x", e.getKey());
                printSummary(sb, e.getValue()[0], pa + ":[r] ", cpuHz, totalCycles);
                printSummary(sb, e.getValue()[1], pa + ":[w] ", cpuHz, totalCycles);
            }
        }
        if (!h.mmioAddresses.isEmpty()) {
            sb.append("MMIO address summary:\n");
            for (java.util.Map.Entry<Integer, CycleSummary[]> e : h.mmioAddresses.entrySet()) {
                int va = h.mmioAddressVa.getOrDefault(e.getKey(), 0);
                String pa = String.format("%8x", e.getKey()) + (va != 0 ? String.format("@%8x", va) : "");
                printSummary(sb, e.getValue()[0], pa + ":[r] ", cpuHz, totalCycles);
                printSummary(sb, e.getValue()[1], pa + ":[w] ", cpuHz, totalCycles);
            }
        }
    }

    /** xenalyze's PRINT_SUMMARY. */
    static void printSummary(StringBuilder sb, CycleSummary s, String prefix, long cpuHz, long totalCycles) {
        if (s.eventCount == 0) {
            return;
        }
        double seconds = CycleSummary.unsignedToDouble(s.cycles) / cpuHz;
        double percent = (double) (s.cycles * 100) / (double) totalCycles;
        long avg = s.count != 0 ? Long.divideUnsigned(s.cycles, s.count) : 0;
        sb.append(prefix).append(String.format(" %7d ", s.eventCount))
                .append(CycleSummary.pad(CFormat.fixed(seconds, 2), 5)).append("s ")
                .append(CycleSummary.pad(CFormat.fixed(percent, 2), 5)).append("% ")
                .append(String.format("%5d cyc", avg));
        if (s.sampling.enabled()) {
            int n = s.dataSize();
            long p50 = Percentiles.percentile(s.sample, n, 50);
            long p5 = Percentiles.percentile(s.sample, n, 5);
            long p95 = Percentiles.percentile(s.sample, n, 95);
            sb.append(String.format(" {%5d|%5d|%5d}", p5, p50, p95));
        }
        sb.append('\n');
    }
}
