package org.xenwb.trace.core.xenalyze;

/**
 * The options of {@code xenalyze} that shape its reports, with xenalyze's defaults. Build one from
 * {@link #defaults()} and the {@code with...} methods.
 *
 * @param cpuHz the TSC frequency in Hz ({@code --cpu-hz}); xenalyze's default is 2.4 GHz
 * @param svmMode whether HVM exit reasons are AMD SVM ones ({@code --svm-mode}) rather than Intel VMX ones
 * @param reportPcpu whether to append the per-pCPU report ({@code --report-pcpu})
 * @param sampleSize the first size of each statistic's sample ({@code --sample-size}, default 1024); 0 turns
 *        sampling off and the reports then print no {p5|p50|p95}
 * @param sampleMax the size a sample may not grow beyond ({@code --sample-max}, default 32M); 0 means no limit
 * @param showDefaultDomainSummary whether the report starts with the vCPUs of xenalyze's default domain, the
 *        placeholder for what ran before the first scheduling record of a pCPU
 *        ({@code --show-default-domain-summary})
 * @param interruptEipVector the external interrupt vector whose interrupted guest instruction pointers each domain
 *        lists ({@code --with-interrupt-eip-enumeration=VECTOR}), or {@link #OFF}
 * @param tolerance the highest error level xenalyze carries on after ({@code --tolerance}, 0 to 6), or
 *        {@link #OFF} for xenalyze's default (3) without the line xenalyze prints when the option is given
 * @param mmioEnumeration whether each HVM vCPU lists its emulated MMIO addresses ({@code --with-mmio-enumeration})
 * @param mmioSkipVga whether that list leaves out the VGA window 0xa0000-0xbfffe
 *        ({@code --mmio-enumeration-skip-vga}, on by default)
 * @param cr3Enumeration whether each domain lists the CR3 values its HVM vCPUs loaded, with the time spent under
 *        each ({@code --with-cr3-enumeration})
 * @param symbols guest symbols that name the addresses of exits and address lists ({@code --symbol-file}), or
 *        {@link SymbolTable#NONE}
 * @param defaultGuestPagingLevels the paging levels xenalyze assumes for a vCPU it activates, and after a 64-bit
 *        guest's first 32-bit exit (where 4 means 2), which selects the shadow record layouts
 *        ({@code --default-guest-paging-levels}, default 2)
 */
public record XenalyzeOptions(long cpuHz, boolean svmMode, boolean reportPcpu, int sampleSize, int sampleMax,
        boolean showDefaultDomainSummary, int interruptEipVector, int tolerance, boolean mmioEnumeration,
        boolean mmioSkipVga, boolean cr3Enumeration, SymbolTable symbols, int defaultGuestPagingLevels) {

    /** xenalyze's default TSC frequency in Hz. */
    public static final long DEFAULT_CPU_HZ = 2_400_000_000L;
    /** The value of an option that is not given. */
    public static final int OFF = -1;
    /** xenalyze's default tolerance, ERR_SANITY: record-level errors and worse stop it. */
    public static final int DEFAULT_TOLERANCE = 3;
    /** xenalyze's ERR_MAX_TOLERABLE: errors above it always stop it. */
    public static final int MAX_TOLERANCE = 6;

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException when a sample size is negative or the tolerance is out of range
     */
    public XenalyzeOptions {
        if (sampleSize < 0 || sampleMax < 0) {
            throw new IllegalArgumentException("a sample size must not be negative");
        }
        if (tolerance != OFF && (tolerance < 0 || tolerance > MAX_TOLERANCE)) {
            throw new IllegalArgumentException("Max tolerable error " + MAX_TOLERANCE);
        }
        if (symbols == null) {
            throw new IllegalArgumentException("no symbol table: use SymbolTable.NONE");
        }
    }

    /**
     * The options that existed first: everything else at xenalyze's default.
     *
     * @param cpuHz the TSC frequency in Hz
     * @param svmMode whether exit reasons are AMD SVM ones
     * @param reportPcpu whether to append the per-pCPU report
     */
    public XenalyzeOptions(long cpuHz, boolean svmMode, boolean reportPcpu) {
        this(cpuHz, svmMode, reportPcpu, Sampling.DEFAULT.size(), Sampling.DEFAULT.max(), false, OFF, OFF, false,
                true, false, SymbolTable.NONE, 2);
    }

    /** @return xenalyze's defaults */
    public static XenalyzeOptions defaults() {
        return new XenalyzeOptions(DEFAULT_CPU_HZ, false, false);
    }

    /** @param hz the TSC frequency in Hz @return a copy with {@code --cpu-hz} */
    public XenalyzeOptions withCpuHz(long hz) {
        Copy c = new Copy(this);
        c.cpuHz = hz;
        return c.build();
    }

    /** @param svm whether exit reasons are AMD SVM ones @return a copy with {@code --svm-mode} as given */
    public XenalyzeOptions withSvmMode(boolean svm) {
        Copy c = new Copy(this);
        c.svmMode = svm;
        return c.build();
    }

    /** @param report whether to append the per-pCPU report @return a copy with {@code --report-pcpu} as given */
    public XenalyzeOptions withReportPcpu(boolean report) {
        Copy c = new Copy(this);
        c.reportPcpu = report;
        return c.build();
    }

    /**
     * @param size {@code --sample-size} (0: no percentiles)
     * @param max {@code --sample-max} (0: no limit)
     * @return a copy with these sample sizes
     */
    public XenalyzeOptions withSampling(int size, int max) {
        Copy c = new Copy(this);
        c.sampleSize = size;
        c.sampleMax = max;
        return c.build();
    }

    /** @param show whether to print the default domain @return a copy with that choice */
    public XenalyzeOptions withDefaultDomainSummary(boolean show) {
        Copy c = new Copy(this);
        c.showDefaultDomainSummary = show;
        return c.build();
    }

    /** @param vector an interrupt vector, or {@link #OFF} @return a copy with that enumeration */
    public XenalyzeOptions withInterruptEipEnumeration(int vector) {
        Copy c = new Copy(this);
        c.interruptEipVector = vector;
        return c.build();
    }

    /** @param level 0 to 6, or {@link #OFF} @return a copy with that {@code --tolerance} */
    public XenalyzeOptions withTolerance(int level) {
        Copy c = new Copy(this);
        c.tolerance = level;
        return c.build();
    }

    /**
     * @param enumerate {@code --with-mmio-enumeration}
     * @param skipVga {@code --mmio-enumeration-skip-vga}
     * @return a copy with that MMIO enumeration
     */
    public XenalyzeOptions withMmioEnumeration(boolean enumerate, boolean skipVga) {
        Copy c = new Copy(this);
        c.mmioEnumeration = enumerate;
        c.mmioSkipVga = skipVga;
        return c.build();
    }

    /** @param enumerate {@code --with-cr3-enumeration} @return a copy with that CR3 enumeration */
    public XenalyzeOptions withCr3Enumeration(boolean enumerate) {
        Copy c = new Copy(this);
        c.cr3Enumeration = enumerate;
        return c.build();
    }

    /** @param table {@code --symbol-file}'s table, or {@link SymbolTable#NONE} @return a copy with those symbols */
    public XenalyzeOptions withSymbols(SymbolTable table) {
        Copy c = new Copy(this);
        c.symbols = table;
        return c.build();
    }

    /** @param levels {@code --default-guest-paging-levels} @return a copy with that default */
    public XenalyzeOptions withDefaultGuestPagingLevels(int levels) {
        Copy c = new Copy(this);
        c.defaultGuestPagingLevels = levels;
        return c.build();
    }

    /** @return the tolerance in effect (xenalyze's default when none was given) */
    public int effectiveTolerance() {
        return tolerance == OFF ? DEFAULT_TOLERANCE : tolerance;
    }

    Sampling sampling() {
        return new Sampling(sampleSize, sampleMax);
    }

    /** A mutable copy of the components, for the {@code with...} methods. */
    private static final class Copy {
        long cpuHz;
        boolean svmMode;
        boolean reportPcpu;
        int sampleSize;
        int sampleMax;
        boolean showDefaultDomainSummary;
        int interruptEipVector;
        int tolerance;
        boolean mmioEnumeration;
        boolean mmioSkipVga;
        boolean cr3Enumeration;
        SymbolTable symbols;
        int defaultGuestPagingLevels;

        Copy(XenalyzeOptions o) {
            cpuHz = o.cpuHz;
            svmMode = o.svmMode;
            reportPcpu = o.reportPcpu;
            sampleSize = o.sampleSize;
            sampleMax = o.sampleMax;
            showDefaultDomainSummary = o.showDefaultDomainSummary;
            interruptEipVector = o.interruptEipVector;
            tolerance = o.tolerance;
            mmioEnumeration = o.mmioEnumeration;
            mmioSkipVga = o.mmioSkipVga;
            cr3Enumeration = o.cr3Enumeration;
            symbols = o.symbols;
            defaultGuestPagingLevels = o.defaultGuestPagingLevels;
        }

        XenalyzeOptions build() {
            return new XenalyzeOptions(cpuHz, svmMode, reportPcpu, sampleSize, sampleMax, showDefaultDomainSummary,
                    interruptEipVector, tolerance, mmioEnumeration, mmioSkipVga, cr3Enumeration, symbols,
                    defaultGuestPagingLevels);
        }
    }

    /**
     * Parses a frequency the way xenalyze's {@code --cpu-hz} does: a number, optionally followed by {@code G},
     * {@code M} or {@code K}. xenalyze parses the number as a C {@code float}, so large plain values lose precision
     * exactly as they do there.
     *
     * @param text e.g. {@code "2596127000"} or {@code "2.4G"}
     * @return the frequency in Hz
     * @throws IllegalArgumentException when the text is not a number
     */
    public static long parseCpuHz(String text) {
        int end = 0;
        while (end < text.length() && "0123456789.+-eE".indexOf(text.charAt(end)) >= 0) {
            end++;
        }
        if (end == 0) {
            throw new IllegalArgumentException("Invalid cpu_hz " + text);
        }
        float base = Float.parseFloat(text.substring(0, end));
        String suffix = text.substring(end);
        return switch (suffix) {
            case "" -> (long) base;
            case "G" -> (long) (base * 1_000_000_000L);
            case "M" -> (long) (base * 1_000_000L);
            case "K" -> (long) (base * 1_000L);
            default -> throw new IllegalArgumentException("Unknown suffix " + suffix);
        };
    }

    /**
     * Parses an integer option the way xenalyze does ({@code strtol} with base 0: decimal, {@code 0x} hex or
     * {@code 0} octal; what follows the number is ignored).
     *
     * @param option the option's name, for the message
     * @param text the value
     * @return the number
     * @throws IllegalArgumentException when the text does not start with a number
     */
    public static int parseInt(String option, String text) {
        String t = text.strip();
        int i = 0;
        boolean negative = false;
        if (i < t.length() && (t.charAt(i) == '-' || t.charAt(i) == '+')) {
            negative = t.charAt(i) == '-';
            i++;
        }
        int radix = 10;
        if ((t.startsWith("0x", i) || t.startsWith("0X", i)) && i + 2 < t.length()
                && Character.digit(t.charAt(i + 2), 16) >= 0) {
            radix = 16;
            i += 2;
        } else if (t.startsWith("0", i)) {
            radix = 8;
        }
        int start = i;
        while (i < t.length() && i - start < 18 && Character.digit(t.charAt(i), radix) >= 0) {
            i++;
        }
        if (i == start) {
            throw new IllegalArgumentException(option + ": not a number: " + text);
        }
        long value = Long.parseLong(t.substring(start, i), radix);
        return (int) (negative ? -value : value);
    }
}
