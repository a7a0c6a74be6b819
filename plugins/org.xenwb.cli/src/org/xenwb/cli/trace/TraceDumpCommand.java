package org.xenwb.cli.trace;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.xenwb.trace.core.catalog.EventFormatter;
import org.xenwb.trace.core.catalog.EventLayout;
import org.xenwb.trace.core.dump.CanonicalDump;
import org.xenwb.trace.core.format.TraceFormatException;
import org.xenwb.trace.core.read.TraceReader;
import org.xenwb.trace.core.xenalyze.XenalyzeOptions;
import org.xenwb.trace.core.xenalyze.XenalyzeAnalysis;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code xenwb trace dump FILE}: one canonical line per record, in merged time order. Format problems of the file
 * are reported after the records that precede them, on standard error, and make the exit code 1, except that with
 * {@code --format xenalyze} a file that merely ends inside its last window gives 0, as xenalyze does.
 */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = {"Print one line per record: TSC, pCPU, event name and decoded fields.",
            "With --format xenalyze, print what 'xenalyze --dump-all' prints, byte for byte.",
            "Format problems are reported on standard error and give exit code 1; with --format xenalyze, as with"
                + " xenalyze, a capture cut short inside its last window gives 0 (with the warning)."})
final class TraceDumpCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A file written by xentrace.")
    private Path file;

    @Option(names = "--limit", paramLabel = "N", description = "Print at most N records (canonical format).")
    private long limit = -1;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "canonical",
            description = "canonical (default) or xenalyze (the output of 'xenalyze --dump-all').")
    private String format;

    @Option(names = "--cpu-hz", paramLabel = "HZ",
            description = "xenalyze format: TSC frequency, e.g. 2596127000 or 2.4G (default 2.4G).")
    private String cpuHz;

    @Option(names = "--tolerance", paramLabel = "LEVEL", description = "With --format xenalyze: carry on after"
            + " errors up to LEVEL (0 to 6, default 3), as xenalyze's --tolerance.")
    private String tolerance;

    @Option(names = "--symbol-file", paramLabel = "FILE", description = "With --format xenalyze: name the guest"
            + " addresses of exits from FILE, as xenalyze's --symbol-file.")
    private Path symbolFile;

    @Option(names = "--report-pcpu", description = "With --format xenalyze: append the per-pCPU report after the"
            + " dump, as xenalyze does.")
    private boolean reportPcpu;

    @Option(names = "--default-guest-paging-levels", paramLabel = "L", description = "With --format xenalyze: the"
            + " paging levels assumed for a vCPU before its records say (default 2), as xenalyze's option.")
    private String defaultGuestPagingLevels;

    @Mixin
    private LayoutOptions layoutOptions;

    @Override
    public Integer call() throws IOException {
        TraceFiles.requireFile(file);
        PrintWriter out = spec.commandLine().getOut();
        if ("xenalyze".equals(format)) {
            return xenalyzeDump(out);
        }
        if (!"canonical".equals(format)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "Unknown format '" + format + "': use canonical or xenalyze");
        }
        EventLayout layout = layoutOptions.layout(spec);
        List<TraceFormatException> problems;
        try (TraceReader reader = TraceReader.open(file)) {
            BufferedWriter buffered = new BufferedWriter(out, 1 << 16);
            new CanonicalDump(new EventFormatter(layout)).dump(reader, buffered, limit);
            buffered.flush();
            problems = reader.problems();
        }
        return TraceProblems.report(problems, spec.commandLine().getErr());
    }

    private int xenalyzeDump(PrintWriter out) throws IOException {
        long hz = XenalyzeOptions.DEFAULT_CPU_HZ;
        if (cpuHz != null) {
            try {
                hz = XenalyzeOptions.parseCpuHz(cpuHz);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        XenalyzeOptions options;
        try {
            options = XenalyzeReportOptions.withTolerance(new XenalyzeOptions(hz, layoutOptions.svmMode(), reportPcpu),
                    tolerance);
            options = XenalyzeReportOptions.withDefaultGuestPagingLevels(options, defaultGuestPagingLevels);
            options = XenalyzeReportOptions.withSymbols(options, symbolFile);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter buffered = new PrintWriter(new BufferedWriter(out, 1 << 16));
        XenalyzeAnalysis analysis = XenalyzeAnalysis.forDumpAll(options, buffered);
        try (TraceReader reader = TraceReader.openLikeXenalyze(file)) {
            analysis.process(reader);
        }
        buffered.flush();
        return TraceProblems.finish(analysis, file, "the trace has records whose xenalyze lines are not reproduced"
                + " yet (populate-on-demand records with orders xenalyze counts outside its tables)", "dump",
                spec.commandLine().getErr());
    }
}
