package org.xenwb.cli.trace;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CancellationException;

import org.xenwb.cli.CancelOnShutdown;
import org.xenwb.cli.CommandInterrupted;
import org.xenwb.trace.core.index.IndexProgress;
import org.xenwb.trace.core.index.TraceIndex;
import org.xenwb.trace.core.state.StateModel;
import org.xenwb.trace.core.xenalyze.XenalyzeOptions;

import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Options shared by the commands that use a trace's index ({@code index}, {@code states}, {@code events},
 * {@code stats}), and the opening of the index: built when missing or unusable, with progress on standard error;
 * Ctrl-C during a build stops it and leaves no half-written file.
 */
final class IndexOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A file written by xentrace.")
    Path file;

    @Option(names = "--index", paramLabel = "PATH",
            // the path starts a line of its own (indented like a wrapped line): picocli may break a line after "~/."
            description = {"The index file (default FILE.xwbidx next to FILE; when FILE's folder is read-only, a"
                + " file in", "  ~/.cache/xenwb/trace-index/)."})
    Path index;

    @Option(names = "--cpu-hz", paramLabel = "HZ",
            description = "TSC frequency, e.g. 2596127000 or 2.4G (default 2.4G, as xenalyze).")
    String cpuHz;

    @Option(names = "--quiet", description = "No progress on standard error.")
    boolean quiet;

    /**
     * The TSC frequency of {@code --cpu-hz}, exactly as given: unlike xenalyze (and {@code trace summary}), which
     * read it as a C float ({@code 2596127000} becomes {@code 2596126976}), and unlike them it must be positive.
     *
     * @return the TSC frequency in Hz, &gt; 0
     * @throws ParameterException when the value is not a positive frequency (exit code 2)
     */
    long hz() {
        if (cpuHz == null) {
            return XenalyzeOptions.DEFAULT_CPU_HZ;
        }
        long hz;
        try {
            hz = exactHz(cpuHz);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for --cpu-hz: '" + cpuHz
                    + "' (a frequency in Hz, e.g. 2596127000 or 2.4G)");
        }
        if (hz <= 0) {
            throw new ParameterException(spec.commandLine(), "--cpu-hz must be a positive frequency, not '" + cpuHz
                    + "'");
        }
        return hz;
    }

    /**
     * @param text a number with an optional suffix G, M or K
     * @return the number of Hz, rounded to the nearest integer
     * @throws NumberFormatException when the text is not such a number
     * @throws ArithmeticException when the number does not fit a long
     */
    static long exactHz(String text) {
        String t = text.strip();
        long scale = 1;
        if (!t.isEmpty()) {
            scale = switch (Character.toUpperCase(t.charAt(t.length() - 1))) {
                case 'G' -> 1_000_000_000L;
                case 'M' -> 1_000_000L;
                case 'K' -> 1_000L;
                default -> 1;
            };
        }
        String number = scale == 1 ? t : t.substring(0, t.length() - 1);
        return new BigDecimal(number).multiply(BigDecimal.valueOf(scale)).setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
    }

    /**
     * Parses a time relative to the start of the trace: {@code 1.5} or {@code 1.5s} (seconds), {@code 250ms},
     * {@code 40us}, {@code 1000c} (cycles).
     *
     * @param value the text, or null
     * @param option the option name, for the message
     * @param firstTsc the trace's first TSC
     * @param fallback the TSC returned for null
     * @return the TSC, cycles
     */
    long time(String value, String option, long firstTsc, long fallback) {
        if (value == null) {
            return fallback;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("c")) {
                return firstTsc + Long.parseLong(v.substring(0, v.length() - 1));
            }
            double scale = 1;
            if (v.endsWith("ms")) {
                scale = 1e-3;
                v = v.substring(0, v.length() - 2);
            } else if (v.endsWith("us")) {
                scale = 1e-6;
                v = v.substring(0, v.length() - 2);
            } else if (v.endsWith("s")) {
                v = v.substring(0, v.length() - 1);
            }
            return firstTsc + Math.round(Double.parseDouble(v) * scale * hz());
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for " + option + ": '" + value
                    + "' (seconds from the trace start, or with a unit: 250ms, 40us, 1000c)");
        }
    }

    /**
     * Opens the trace's index, building it when needed.
     *
     * @param force rebuild even if an index is usable
     * @return the index
     * @throws IOException when the trace is missing or unreadable or the index cannot be written
     */
    TraceIndex open(boolean force) throws IOException {
        TraceFiles.requireFile(file);
        if (index != null) {
            TraceFiles.requireIndexPath(index);
        }
        Path where = index != null ? index : TraceIndex.defaultIndexPath(file);
        PrintWriter err = spec.commandLine().getErr();
        CancelOnShutdown shutdown = new CancelOnShutdown();
        IndexingProgress progress = new IndexingProgress(err, quiet, file, shutdown);
        return shutdown.run("xenwb-index-cancel", () -> {
            try {
                return force ? TraceIndex.build(file, where, progress) : TraceIndex.open(file, where, progress);
            } catch (CancellationException e) {
                // said here, while the shutdown waits for this work: once it returns, the JVM may be gone
                String message = "xenwb: " + file + ": indexing interrupted; no index file written";
                err.println(message);
                err.flush();
                throw new CommandInterrupted(message);
            }
        });
    }

    /** A query over an open index and a resolved time range. */
    interface Query {
        /**
         * @param idx the index
         * @param from start, TSC cycles
         * @param to end, TSC cycles, &gt;= from
         * @return the exit code
         * @throws IOException on a read error
         */
        int run(TraceIndex idx, long from, long to) throws IOException;
    }

    /**
     * Opens the index (building it if needed), checks it has data, resolves the range and runs a query; format
     * problems found while building are reported after the query's output.
     *
     * @param range the --from/--to options
     * @param query the query
     * @return the exit code: the query's, or 1 when the trace had problems
     * @throws IOException on a read or write error
     */
    int query(TimeRange range, Query query) throws IOException {
        long hz = hz(); // a bad --cpu-hz is a usage error before any work
        try (TraceIndex idx = open(false)) {
            Integer empty = checkNotEmpty(idx);
            if (empty != null) {
                return empty;
            }
            StateModel m = idx.model();
            long[] ab = range.resolve(this, m);
            if (Long.compareUnsigned(ab[0], m.lastTsc()) >= 0) {
                throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT,
                        "--from %s: the trace ends at %.6f s (at %d Hz)", range.from(),
                        (m.lastTsc() - m.firstTsc()) / (double) hz, hz));
            }
            if (Long.compareUnsigned(ab[1], ab[0]) < 0) {
                throw new ParameterException(spec.commandLine(), "--to must not be before --from");
            }
            int code = query.run(idx, ab[0], ab[1]);
            return Math.max(code, TraceProblems.report(idx.problems(), spec.commandLine().getErr()));
        }
    }

    /**
     * Checks that the index has scheduling data to query.
     *
     * @param idx the open index
     * @return null when it has, else the exit code after printing why not
     */
    private Integer checkNotEmpty(TraceIndex idx) {
        if (Long.compareUnsigned(idx.model().lastTsc(), idx.model().firstTsc()) > 0) {
            return null;
        }
        PrintWriter err = spec.commandLine().getErr();
        TraceProblems.report(idx.problems(), err);
        err.println("xenwb: " + file + ": no records with a time stamp" + (idx.problems().isEmpty()
                ? ": nothing to query (is it a xentrace file?)" : " before the problems above: nothing to query"));
        err.flush();
        return 1;
    }

    /** Progress on standard error; a shutdown (Ctrl-C) cancels the build, which cleans up before the JVM exits. */
    private static final class IndexingProgress implements IndexProgress {
        private final PrintWriter err;
        private final boolean quiet;
        private final Path file;
        private final CancelOnShutdown shutdown;
        private int lastPercent = -10;
        private final long startNanos = System.nanoTime();

        IndexingProgress(PrintWriter err, boolean quiet, Path file, CancelOnShutdown shutdown) {
            this.err = err;
            this.quiet = quiet;
            this.file = file;
            this.shutdown = shutdown;
        }

        @Override
        public void worked(long doneBytes, long total) {
            int percent = total == 0 ? 100 : (int) (100 * doneBytes / total);
            if (!quiet && percent / 10 != lastPercent / 10) {
                lastPercent = percent;
                double s = (System.nanoTime() - startNanos) / 1e9;
                err.printf(Locale.ROOT, "xenwb: indexing %s: %d%% (%.1f s)%n", file.getFileName(), percent, s);
                err.flush();
            }
        }

        @Override
        public boolean isCancelled() {
            return shutdown.requested();
        }
    }
}
