package org.xenwb.trace.core.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The per-vCPU runstate lines of a saved {@code xenalyze --summary} report: for each vCPU and runstate, the count
 * and the average in cycles (xenalyze prints {@code total / count} as an integer, and the total in seconds with two
 * decimals).
 */
final class XenalyzeRunstates {

    private static final Pattern DOMAIN = Pattern.compile("^\\|-- Domain (\\d+) --\\|");
    private static final Pattern VCPU = Pattern.compile("^-- v(\\d+) --");
    private static final Pattern STATE = Pattern.compile(
            "^\\s+(running|runnable|blocked|offline|lost|wake|cpu affinity):\\s+(\\d+)\\s+(?:([0-9.]+)s\\s+)?(\\d+)");

    /** count and average cycles of one runstate of one vCPU, and xenalyze's seconds. */
    record Entry(long count, long avg, double seconds) {
    }

    private XenalyzeRunstates() {
    }

    /**
     * @param report the xenalyze summary
     * @return "dDvV state" to entry
     * @throws IOException on a read error
     */
    static Map<String, Entry> parse(Path report) throws IOException {
        Map<String, Entry> out = new TreeMap<>();
        String domain = null;
        String vcpu = null;
        for (String line : Files.readAllLines(report)) {
            if (line.startsWith("   [")) {
                continue; // per-pCPU affinity detail
            }
            Matcher m = DOMAIN.matcher(line);
            if (m.find()) {
                domain = m.group(1);
                vcpu = null;
                continue;
            }
            m = VCPU.matcher(line);
            if (m.find()) {
                vcpu = m.group(1);
                continue;
            }
            if (line.startsWith("Emulate eip list")) {
                vcpu = null;
                continue;
            }
            m = STATE.matcher(line);
            if (vcpu != null && domain != null && m.find()) {
                out.putIfAbsent("d" + domain + "v" + vcpu + " " + m.group(1),
                        new Entry(Long.parseLong(m.group(2)), Long.parseLong(m.group(4)),
                                m.group(3) == null ? 0 : Double.parseDouble(m.group(3))));
            }
        }
        return out;
    }
}
