package org.xenwb.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.xenwb.trace.core.index.EventFilter;
import org.xenwb.trace.core.index.IndexProgress;
import org.xenwb.trace.core.index.LaneSummary;
import org.xenwb.trace.core.index.TraceEvent;
import org.xenwb.trace.core.index.TraceIndex;
import org.xenwb.trace.core.state.Lane;
import org.xenwb.trace.core.state.Runstate;

/**
 * The trace index: building it (the whole trace in one pass, index file written and read back) and querying it
 * (states of every lane at 1000 pixels; filtered events in a 2 ms range), on the largest real capture and on a
 * generated trace of more than 1 GB ({@link TraceReplicator} of that capture, written once to /tmp and kept there,
 * not in the project). Debian's {@code xenalyze --summary} over the same file is measured in the same run.
 *
 * <p>Before measuring, {@code @Setup} checks the index against xenalyze: every per-vCPU running count xenalyze
 * prints must equal the model's. {@code @TearDown} prints the thread CPU time per build, since on a shared machine
 * wall time also counts time spent waiting for a core.</p>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = "-Xmx3g")
public class TraceIndexBenchmark {

    /** Where the generated trace lives (outside the project). */
    static final Path GENERATED = Path.of(System.getProperty("java.io.tmpdir"), "xenwb-generated-1g.bin");

    private static final Pattern VCPU = Pattern.compile("^-- v(\\d+) --");
    private static final Pattern DOMAIN = Pattern.compile("^\\|-- Domain (\\d+) --\\|");
    private static final Pattern RUNNING = Pattern.compile("^\\s+running:\\s+(\\d+)");

    @Param({"credit2boot-lifecycle-all", "generated-1g"})
    public String capture;

    private Path trace;
    private Path index;
    private TraceIndex open;
    private long from;
    private long to;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long builds;
    private long buildCpuNanos;

    @Setup
    public void prepare() throws Exception {
        Path real = SharedInputs.data("traces/credit2boot-lifecycle-all/trace.bin");
        if ("generated-1g".equals(capture)) {
            if (!Files.isRegularFile(GENERATED) || Files.size(GENERATED) < (1L << 30)) {
                TraceReplicator.replicate(real, GENERATED, 1L << 30);
            }
            trace = GENERATED;
        } else {
            trace = real;
        }
        index = Files.createTempFile("xenwb-bench", TraceIndex.SUFFIX);
        open = TraceIndex.build(trace, index, IndexProgress.NONE);
        verifyAgainstXenalyze();
        long span = open.model().lastTsc() - open.model().firstTsc();
        from = open.model().firstTsc() + span / 3;
        to = from + 2 * 2_596_127L; // 2 ms
    }

    private void verifyAgainstXenalyze() throws Exception {
        Process p = new ProcessBuilder(SharedInputs.tool("/usr/bin/xenalyze").toString(), "--cpu-hz=2596127000",
                "--summary", trace.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        int domain = -1;
        int vcpu = -1;
        int checked = 0;
        for (String line : out.split("\n")) {
            Matcher m = DOMAIN.matcher(line);
            if (m.find()) {
                domain = Integer.parseInt(m.group(1));
                vcpu = -1;
                continue;
            }
            m = VCPU.matcher(line);
            if (m.find()) {
                vcpu = Integer.parseInt(m.group(1));
                continue;
            }
            m = RUNNING.matcher(line);
            if (vcpu >= 0 && m.find()) {
                long want = Long.parseLong(m.group(1));
                long got = runningCount(open.model().vcpuLane(domain, vcpu));
                if (want != got) {
                    throw new IllegalStateException("d" + domain + "v" + vcpu + ": xenalyze counts " + want
                            + " running intervals, the index " + got);
                }
                checked++;
                vcpu = -1;
            }
        }
        if (checked == 0) {
            throw new IllegalStateException("no running line in xenalyze's summary of " + trace);
        }
    }

    /** Running intervals as xenalyze counts them: from the first run or loss, without the one still open. */
    private static long runningCount(Lane lane) {
        if (lane == null) {
            return -1;
        }
        int i = 0;
        while (i < lane.size() && lane.state(i) != Runstate.RUNNING && lane.state(i) != Runstate.LOST) {
            i++;
        }
        long n = 0;
        for (; i < lane.size() - 1; i++) {
            n += lane.state(i) == Runstate.RUNNING ? 1 : 0;
        }
        return n;
    }

    @TearDown
    public void close() throws Exception {
        open.close();
        Files.deleteIfExists(index);
        if (builds > 0) {
            double ms = buildCpuNanos / 1e6 / builds;
            System.out.printf("%n[%s] index build: %.1f ms thread CPU time per build = %.0f MB/s of CPU time%n",
                    capture, ms, Files.size(trace) / 1e6 / (ms / 1e3));
        }
    }

    /** Builds the index of the whole trace and writes it (temporary file, renamed), then maps it again. */
    @Benchmark
    @Warmup(iterations = 1, time = 1)
    @Measurement(iterations = 3, time = 1)
    public int buildIndex() throws Exception {
        long cpu = threads.getCurrentThreadCpuTime();
        try (TraceIndex idx = TraceIndex.build(trace, index, IndexProgress.NONE)) {
            buildCpuNanos += threads.getCurrentThreadCpuTime() - cpu;
            builds++;
            return idx.model().vcpuLanes().size();
        }
    }

    /** Every lane over the whole trace at 1000 pixels. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public List<LaneSummary> statesWholeTrace1000px() {
        return open.states(open.model().firstTsc(), open.model().lastTsc(), 1000);
    }

    /** Scheduler records of domain 0 in a 2 ms range in the middle of the trace. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public List<TraceEvent> eventsSchedDom0In2ms() throws Exception {
        return open.events(from, to, EventFilter.parse("class=sched,domain=0"), 10_000);
    }

    /** The reference tool over the same file, as a whole process. */
    @Benchmark
    @Warmup(iterations = 0)
    @Measurement(iterations = 3, time = 1)
    public int xenalyzeSummaryProcess() throws Exception {
        return SharedInputs.run(SharedInputs.tool("/usr/bin/xenalyze").toString(), "--cpu-hz=2596127000",
                "--summary", trace.toString());
    }
}
