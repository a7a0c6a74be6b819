package org.xenwb.cli.trace;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.xenwb.trace.core.read.TraceReader;
import org.xenwb.trace.core.xenalyze.VendorDetect;
import org.xenwb.trace.core.xenalyze.XenalyzeOptions;
import org.xenwb.trace.core.xenalyze.XenalyzeAnalysis;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code xenwb trace summary FILE}: the report of {@code xenalyze --summary}, with xenalyze's option spellings.
 * Records whose analysis is not reproduced (populate-on-demand orders that make xenalyze count outside its tables,
 * which Xen never writes) make a note on standard error.
 */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = {"Print the report of 'xenalyze --summary', byte for byte.",
            "Exit code 0, as xenalyze's, also for a capture cut short inside its last window (as a killed xentrace"
                + " leaves it), with a warning on standard error; 1 for other damage and where xenalyze stops."})
final class TraceSummaryCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A file written by xentrace.")
    private Path file;

    @Option(names = "--cpu-hz", paramLabel = "HZ",
            description = "TSC frequency, e.g. 2596127000 or 2.4G (default 2.4G, as xenalyze).")
    private String cpuHz;

    @Option(names = "--svm-mode", description = "HVM exit reasons are AMD SVM ones.")
    private boolean svmMode;

    @Option(names = "--auto-vendor", description = "Not in xenalyze: read the trace once first and use --svm-mode when"
            + " an HVM exit reason is above every Intel VMX one (75), as AMD SVM exit codes are (said on standard"
            + " error). The report is then xenalyze's for the mode chosen.")
    private boolean autoVendor;

    @Option(names = "--report-pcpu", description = "Append the per-pCPU running/idle/lost report.")
    private boolean reportPcpu;

    @Option(names = "--verbose", description = "Print xenalyze's diagnostics on standard error.")
    private boolean verbose;

    @Option(names = "--summary", description = "Accepted for compatibility with xenalyze (always on).")
    private boolean summaryFlag;

    @Mixin
    private XenalyzeReportOptions reportOptions;

    @Override
    public Integer call() throws IOException {
        TraceFiles.requireFile(file);
        long hz = XenalyzeOptions.DEFAULT_CPU_HZ;
        if (cpuHz != null) {
            try {
                hz = XenalyzeOptions.parseCpuHz(cpuHz);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        boolean svm = svmMode;
        if (autoVendor && !svmMode) {
            try (TraceReader reader = TraceReader.open(file)) {
                svm = VendorDetect.detect(reader) == VendorDetect.Vendor.SVM;
            }
            if (svm) {
                err.println("xenwb: " + file.getFileName() + ": AMD SVM exit reasons found: using --svm-mode");
                err.flush();
            }
        }
        XenalyzeOptions options = reportOptions.apply(new XenalyzeOptions(hz, svm, reportPcpu), spec);
        XenalyzeAnalysis summary = new XenalyzeAnalysis(options, verbose ? err : java.io.Writer.nullWriter());
        try (TraceReader reader = TraceReader.openLikeXenalyze(file)) {
            summary.process(reader);
        }
        PrintWriter out = spec.commandLine().getOut();
        summary.printTo(out);
        out.flush();
        return TraceProblems.finish(summary, file, "the trace has records whose analysis is not reproduced yet"
                + " (populate-on-demand records with orders xenalyze counts outside its tables): the report may"
                + " differ there", "analysis", err);
    }
}
