package org.xenwb.benchmarks;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.xenwb.trace.core.read.TraceReader;
import org.xenwb.trace.core.xenalyze.XenalyzeAnalysis;
import org.xenwb.trace.core.xenalyze.XenalyzeOptions;

/**
 * {@code xenalyze --summary} of a real capture, and of a generated trace of more than 1 GB (the largest capture
 * replicated, see {@link TraceReplicator}): our analysis in-process (warm) against Debian's xenalyze as a whole
 * process, in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = "-Xmx6g")
public class TraceSummaryBenchmark {

    /** Every shared capture but the AMD one (plain xenalyze stops at its first SVM exit, so would we). */
    @Param({"credit2boot-lifecycle-all", "public-xentrace-parser-rs", "tbufboot-boottime-all",
        "credit2boot-credit2-all", "credit2boot-cpupool-credit-all", "creditboot-credit-all",
        "creditboot-credit-sched", "generated-1g"})
    public String capture;

    private Path trace;

    @Setup
    public void findTrace() throws Exception {
        if ("generated-1g".equals(capture)) {
            Path real = SharedInputs.data("traces/credit2boot-lifecycle-all/trace.bin");
            if (!Files.isRegularFile(TraceIndexBenchmark.GENERATED)
                    || Files.size(TraceIndexBenchmark.GENERATED) < (1L << 30)) {
                TraceReplicator.replicate(real, TraceIndexBenchmark.GENERATED, 1L << 30);
            }
            trace = TraceIndexBenchmark.GENERATED;
        } else {
            trace = SharedInputs.data("traces/" + capture + "/trace.bin");
        }
        // Benchmark only an analysis that is right: its report must be xenalyze's.
        StringWriter ours = new StringWriter();
        analyse().printTo(new PrintWriter(ours));
        Process xenalyze = new ProcessBuilder(SharedInputs.tool("/usr/bin/xenalyze").toString(), "--summary",
                trace.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String theirs = new String(xenalyze.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        xenalyze.waitFor();
        if (!theirs.equals(ours.toString())) {
            throw new IllegalStateException("our summary of " + capture + " differs from xenalyze's");
        }
    }

    /** Reads and analyses the whole trace and prints the report, as {@code xenwb trace summary} does. */
    @Benchmark
    public XenalyzeAnalysis xenwbSummary() throws Exception {
        XenalyzeAnalysis analysis = analyse();
        analysis.printTo(new PrintWriter(Writer.nullWriter()));
        return analysis;
    }

    /** The analysis of the trace, not yet printed (printing selects percentiles in place, so print once). */
    private XenalyzeAnalysis analyse() throws Exception {
        XenalyzeAnalysis analysis = new XenalyzeAnalysis(
                new XenalyzeOptions(XenalyzeOptions.DEFAULT_CPU_HZ, false, false), Writer.nullWriter());
        try (TraceReader reader = TraceReader.openLikeXenalyze(trace)) {
            analysis.process(reader);
        }
        return analysis;
    }

    @Benchmark
    public int xenalyzeSummaryProcess() throws Exception {
        return SharedInputs.run(SharedInputs.tool("/usr/bin/xenalyze").toString(), "--summary", trace.toString());
    }
}
