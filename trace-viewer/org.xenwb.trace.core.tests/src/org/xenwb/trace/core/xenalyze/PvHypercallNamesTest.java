package org.xenwb.trace.core.xenalyze;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.xenwb.trace.core.SharedData;
import org.xenwb.trace.core.Xenalyze;
import org.xenwb.trace.core.format.TraceEvents;
import org.xenwb.trace.core.format.TraceRecord;
import org.xenwb.trace.core.format.TraceWriter;
import org.xenwb.trace.core.read.TraceReader;

/**
 * A generated PV trace with every hypercall number 0..60 and trap numbers 0..21 (32- and 64-bit records, old and
 * new hypercall formats): xenalyze's PV report for it, including the names it prints past the end of its own
 * hypercall table, must be reproduced exactly.
 */
class PvHypercallNamesTest {

    @Test
    void pvReportMatchesXenalyzeForAllNumbers() throws Exception {
        Xenalyze.assumeInstalled();
        Path file = SharedData.targetDir().resolve("pv-numbers.bin");
        try (TraceWriter w = new TraceWriter(Files.newOutputStream(file))) {
            long t = 1_000_000;
            w.write(TraceRecord.withTsc(TraceEvents.TRC_SCHED_RUNSTATE_CHANGE | (1 << 8), 0, t, 0));
            for (int op = 0; op < 61; op++) {
                for (int k = 0; k <= op % 5; k++) {
                    t += 100;
                    w.write(TraceRecord.withTsc(TraceEvents.TRC_PV_HYPERCALL_V2, 0, t, op | (1 << 20), k));
                }
                t += 100;
                w.write(TraceRecord.withTsc(TraceEvents.TRC_PV_HYPERCALL | TraceEvents.TRC_64_FLAG, 0, t, 0, 0,
                        op));
                w.write(TraceRecord.withoutTsc(TraceEvents.TRC_PV_HYPERCALL_SUBCALL, 0, op));
            }
            for (int trap = 0; trap < 22; trap++) {
                t += 100;
                w.write(TraceRecord.withTsc(TraceEvents.TRC_PV_TRAP, 0, t, 0, trap | (trap % 2 << 15)));
                w.write(TraceRecord.withTsc(TraceEvents.TRC_PV_PTWR_EMULATION_PAE, 0, t, 0, 0, 0, 0));
                w.write(TraceRecord.withTsc(TraceEvents.TRC_PV_MATH_STATE_RESTORE, 0, t));
            }
        }
        XenalyzeAnalysis summary = new XenalyzeAnalysis(XenalyzeOptions.defaults());
        try (TraceReader reader = TraceReader.openLikeXenalyze(file)) {
            summary.process(reader);
        }
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            summary.printTo(out);
        }
        assertEquals(Xenalyze.run(List.of("--summary", file.toString())), text.toString());
    }
}
