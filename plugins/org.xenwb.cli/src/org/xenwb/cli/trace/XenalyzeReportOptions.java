package org.xenwb.cli.trace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.xenwb.trace.core.xenalyze.SymbolTable;
import org.xenwb.trace.core.xenalyze.XenalyzeOptions;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options of {@code xenalyze} that shape its summary, with xenalyze's spellings and defaults, for
 * {@code xenwb trace summary}. Options that only exist for analyses this report has no part of (scatter plots,
 * intervals, histograms) are not offered; the ones accepted for compatibility say so in their help.
 */
final class XenalyzeReportOptions {

    @Option(names = "--sample-size", paramLabel = "SIZE", description = "Start each statistic with SIZE samples for"
            + " the {p5|p50|p95} figures; 0 disables them (default 1024, as xenalyze).")
    private String sampleSize;

    @Option(names = "--sample-max", paramLabel = "SIZE", description = "Let a statistic's samples grow to SIZE at"
            + " most; 0 for no limit (default 33554432, as xenalyze).")
    private String sampleMax;

    @Option(names = "--show-default-domain-summary", description = "Start the report with the vCPUs of xenalyze's"
            + " default domain (what ran before a pCPU's first scheduling record).")
    private boolean showDefaultDomainSummary;

    @Option(names = "--with-interrupt-eip-enumeration", paramLabel = "VECTOR", description = "List, per domain, the"
            + " guest addresses that external interrupt VECTOR interrupted.")
    private String interruptEipVector;

    @Option(names = "--with-mmio-enumeration", description = "List, per HVM vCPU, the emulated MMIO addresses with"
            + " their read and write statistics.")
    private boolean mmioEnumeration;

    @Option(names = "--mmio-enumeration-skip-vga", paramLabel = "0|1", description = "Leave the VGA window"
            + " 0xa0000-0xbffff out of the MMIO list (default 1).")
    private String mmioSkipVga;

    @Option(names = "--with-cr3-enumeration", description = "List, per domain, the CR3 values (guest page-table"
            + " roots) its HVM vCPUs loaded, with the time spent under each, split into guest and hypervisor time.")
    private boolean cr3Enumeration;

    @Option(names = "--tolerance", paramLabel = "LEVEL", description = "Carry on after errors up to LEVEL (0 to 6;"
            + " default 3): 4 goes past records that cannot be processed, 5 past signs of a corrupt file, 6 past"
            + " exceeded limits, as xenalyze does. The report then starts with xenalyze's 'Tolerating' line.")
    private String tolerance;

    @Option(names = "--symbol-file", paramLabel = "FILE", description = "Name guest addresses in the address lists"
            + " from FILE: lines of a hexadecimal address and a symbol name, in address order (xenalyze's format).")
    private Path symbolFile;

    @Option(names = "--default-guest-paging-levels", paramLabel = "L", description = "Paging levels assumed for a"
            + " vCPU before its records say (default 2, as xenalyze); they select the shadow-paging record layouts.")
    private String defaultGuestPagingLevels;

    @Option(names = "--with-pio-enumeration", description = "Accepted for compatibility: the I/O port list is always"
            + " printed, as in xenalyze.")
    private boolean pioEnumeration;

    @Option(names = "--summary-only", hidden = true, description = "Accepted for compatibility: this command prints"
            + " only the summary.")
    private boolean summaryOnly;

    /**
     * Applies the options given to a set of xenalyze options.
     *
     * @param base the options so far (frequency, vendor, per-pCPU report)
     * @param spec the command, for error messages
     * @return the options with these applied
     * @throws ParameterException when a value is not a number xenalyze would accept
     * @throws IOException when the symbol file cannot be read or is out of order (the message names it)
     */
    XenalyzeOptions apply(XenalyzeOptions base, CommandSpec spec) throws IOException {
        return withSymbols(applyValues(base, spec), symbolFile);
    }

    private XenalyzeOptions applyValues(XenalyzeOptions base, CommandSpec spec) {
        try {
            XenalyzeOptions options = base;
            int size = sampleSize == null ? base.sampleSize() : XenalyzeOptions.parseInt("--sample-size", sampleSize);
            int max = sampleMax == null ? base.sampleMax() : XenalyzeOptions.parseInt("--sample-max", sampleMax);
            if (size < 0 || max < 0) {
                throw new IllegalArgumentException("--sample-size and --sample-max must not be negative");
            }
            options = options.withSampling(size, max).withDefaultDomainSummary(showDefaultDomainSummary);
            if (interruptEipVector != null) {
                int vector = XenalyzeOptions.parseInt("--with-interrupt-eip-enumeration", interruptEipVector);
                if (vector < 0) {
                    throw new IllegalArgumentException("--with-interrupt-eip-enumeration: a vector is not negative");
                }
                options = options.withInterruptEipEnumeration(vector);
            }
            boolean skipVga = mmioSkipVga == null
                    || XenalyzeOptions.parseInt("--mmio-enumeration-skip-vga", mmioSkipVga) != 0;
            options = options.withMmioEnumeration(mmioEnumeration, skipVga).withCr3Enumeration(cr3Enumeration);
            return withTolerance(withDefaultGuestPagingLevels(options, defaultGuestPagingLevels), tolerance);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /**
     * Applies {@code --symbol-file}, shared with {@code trace dump --format xenalyze}.
     *
     * @param options the options so far
     * @param file the symbol file, or null when not given
     * @return the options with its symbols
     * @throws IOException when the file cannot be read or its addresses are out of order
     */
    static XenalyzeOptions withSymbols(XenalyzeOptions options, Path file) throws IOException {
        if (file == null) {
            return options;
        }
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a directory, not a symbol file");
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such symbol file");
        }
        try {
            return options.withSymbols(SymbolTable.read(file));
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * Applies {@code --default-guest-paging-levels}, shared with {@code trace dump --format xenalyze}.
     *
     * @param options the options so far
     * @param text the option's value, or null when not given
     * @return the options with that default
     * @throws IllegalArgumentException when the value is not a number
     */
    static XenalyzeOptions withDefaultGuestPagingLevels(XenalyzeOptions options, String text) {
        if (text == null) {
            return options;
        }
        return options.withDefaultGuestPagingLevels(XenalyzeOptions.parseInt("--default-guest-paging-levels", text));
    }

    /**
     * Applies {@code --tolerance}, shared with {@code trace dump --format xenalyze}.
     *
     * @param options the options so far
     * @param text the option's value, or null when not given
     * @return the options with the tolerance
     * @throws IllegalArgumentException when the value is not a number from 0 to 6
     */
    static XenalyzeOptions withTolerance(XenalyzeOptions options, String text) {
        if (text == null) {
            return options;
        }
        int level = XenalyzeOptions.parseInt("--tolerance", text);
        if (level < 0 || level > XenalyzeOptions.MAX_TOLERANCE) {
            throw new IllegalArgumentException("--tolerance: " + text + " is not a level from 0 to "
                    + XenalyzeOptions.MAX_TOLERANCE);
        }
        return options.withTolerance(level);
    }
}
