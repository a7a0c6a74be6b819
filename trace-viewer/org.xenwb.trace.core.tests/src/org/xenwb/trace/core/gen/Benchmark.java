package org.xenwb.trace.core.gen;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.xenwb.trace.core.Xenalyze;
import org.xenwb.trace.core.read.TraceReader;
import org.xenwb.trace.core.xenalyze.XenalyzeOptions;
import org.xenwb.trace.core.xenalyze.XenalyzeAnalysis;

/**
 * Manual benchmark (not a test): {@code Benchmark FILE [MEGABYTES]} generates FILE with {@link SchedulingSimulator}
 * when absent (about MEGABYTES, default 1100), then times, in the same run, {@code xenalyze --summary}, our summary
 * (identical output checked) and a bare merged read. Results go to standard output for docs/benchmarks.md.
 */
public final class Benchmark {

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long megabytes = args.length > 1 ? Long.parseLong(args[1]) : 1100;
        if (!Files.exists(file)) {
            long t0 = System.nanoTime();
            // about 29 bytes per step at this configuration: measured on smaller runs
            int steps = (int) Math.min(Integer.MAX_VALUE, megabytes * 1_000_000L / 29);
            new SchedulingSimulator(42, 8, 6, 4, 0.001).write(file, steps, 400);
            System.out.printf("generated %s: %d bytes in %.1f s%n", file, Files.size(file),
                    (System.nanoTime() - t0) / 1e9);
        }
        long size = Files.size(file);
        for (int run = 0; run < 2; run++) {
            long t0 = System.nanoTime();
            String theirs = Xenalyze.run(List.of("--summary", file.toString()));
            double xenalyze = (System.nanoTime() - t0) / 1e9;

            t0 = System.nanoTime();
            XenalyzeAnalysis summary = new XenalyzeAnalysis(XenalyzeOptions.defaults(), Writer.nullWriter());
            try (TraceReader reader = TraceReader.openLikeXenalyze(file)) {
                summary.process(reader);
            }
            StringWriter text = new StringWriter();
            summary.printTo(new PrintWriter(text));
            double ours = (System.nanoTime() - t0) / 1e9;

            t0 = System.nanoTime();
            long records = 0;
            try (TraceReader reader = TraceReader.openLikeXenalyze(file)) {
                while (reader.next()) {
                    records++;
                }
            }
            double read = (System.nanoTime() - t0) / 1e9;
            Runtime rt = Runtime.getRuntime();
            System.out.printf("run %d: %d bytes, %d items; xenalyze --summary %.2f s (%.0f MB/s); xenwb summary %.2f s"
                    + " (%.0f MB/s), identical output: %s; merged read %.2f s (%.0f MB/s); heap max %d MB%n", run,
                    size, records, xenalyze, size / xenalyze / 1e6, ours, size / ours / 1e6, theirs.equals(text
                    .toString()), read, size / read / 1e6, rt.maxMemory() >> 20);
        }
    }
}
