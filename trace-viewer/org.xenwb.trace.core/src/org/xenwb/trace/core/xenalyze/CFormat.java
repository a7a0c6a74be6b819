package org.xenwb.trace.core.xenalyze;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** printf-compatible number formatting where Java's {@link String#format} rounds differently from glibc. */
final class CFormat {

    private CFormat() {
    }

    /**
     * C's {@code %.<digits>f} of a double: glibc rounds the exact binary value, ties to even.
     *
     * @param value the value
     * @param digits digits after the point
     * @return the text
     */
    static String fixed(double value, int digits) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.isNaN(value) ? "nan" : (value > 0 ? "inf" : "-inf");
        }
        String s = new BigDecimal(value).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
        if (value < 0 || (value == 0 && 1 / value < 0)) {
            return s.startsWith("-") ? s : "-" + s;
        }
        return s;
    }

    /**
     * xenalyze's {@code stringify_cpu_hz}: e.g. {@code "2.60 GHz"}.
     *
     * @param cpuHz the frequency in Hz
     * @return the text
     */
    static String cpuHz(long cpuHz) {
        float hz;
        char suffix;
        if (cpuHz > 1_000_000_000L) {
            hz = (float) cpuHz / 1_000_000_000L;
            suffix = 'G';
        } else if (cpuHz > 1_000_000L) {
            hz = (float) cpuHz / 1_000_000L;
            suffix = 'M';
        } else if (cpuHz > 1_000L) {
            hz = (float) cpuHz / 1_000L;
            suffix = 'k';
        } else {
            hz = cpuHz;
            suffix = ' ';
        }
        return fixed(hz, 2) + " " + suffix + "Hz";
    }
}
