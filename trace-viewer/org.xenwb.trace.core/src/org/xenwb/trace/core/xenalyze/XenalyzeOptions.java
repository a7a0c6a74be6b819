package org.xenwb.trace.core.xenalyze;

/**
 * The options of {@code xenalyze} that shape its reports, with xenalyze's defaults.
 *
 * @param cpuHz the TSC frequency in Hz ({@code --cpu-hz}); xenalyze's default is 2.4 GHz
 * @param svmMode whether HVM exit reasons are AMD SVM ones ({@code --svm-mode}) rather than Intel VMX ones
 * @param reportPcpu whether to append the per-pCPU report ({@code --report-pcpu})
 */
public record XenalyzeOptions(long cpuHz, boolean svmMode, boolean reportPcpu) {

    /** xenalyze's default TSC frequency in Hz. */
    public static final long DEFAULT_CPU_HZ = 2_400_000_000L;

    /** @return xenalyze's defaults */
    public static XenalyzeOptions defaults() {
        return new XenalyzeOptions(DEFAULT_CPU_HZ, false, false);
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
}
