package org.xenwb.engine.core.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;

/** Runs Debian's real {@code /usr/bin/xenalyze} and parses the per-vCPU runstate lines of {@code --summary}. */
final class Xenalyze {

    static final Path BINARY = Path.of("/usr/bin/xenalyze");

    /** Output of one run. */
    record Result(String stdout, String stderr, int exitCode) {
    }

    /**
     * One runstate line of a vCPU: count, time in cycles is count * average (xenalyze prints the average in cycles,
     * truncated, so the true total lies in [count*avg, count*avg + count)).
     */
    record Runstate(long count, long avgCycles) {
        long minCycles() {
            return count * avgCycles;
        }

        long maxCycles() {
            return count * avgCycles + count;
        }
    }

    /**
     * The informational lines Debian's xenalyze prints on stderr for every trace, the real ones included (see
     * shared/data/traces/*&#47;xenalyze-summary.stderr.txt); anything else is a complaint.
     */
    private static final Pattern INFO = Pattern.compile("^(Using VMX hardware"
            + "|scan_for_new_pcpu: Activating|Creating vcpu \\d+ for dom|Creating domain \\d+$"
            + "|init_pcpus: through first"
            + "|First schedule for d\\d+v\\d+ doesn't take us into a running state|read_record: read returned zero"
            + "|deactivate_pcpu: )");

    /**
     * What Debian's xenalyze says of a vCPU that credit2 parked while it ran (for lack of cap budget) when it runs
     * again: Xen 4.17's {@code unpark_parked_units} clears {@code _VPF_parked} without a runstate change, so the
     * vCPU goes from offline straight to running, which xenalyze's sanity check calls strange while it accounts the
     * time as usual. Xen's own trace of a domain capped at 25% has 1,020 of these lines
     * ({@code shared/data/traces/credit2boot-lifecycle-all/xenalyze-summary.stderr.txt}).
     */
    private static final Pattern CREDIT2_UNPARKED = Pattern.compile(
            "^Strange, d\\d+v\\d+ unexpected runstate transition offline->running$");

    private Xenalyze() {
    }

    /**
     * @param stderr xenalyze's standard error
     * @return {@link #complaints} without the lines about credit2's unparked vCPUs running from offline
     */
    static String complaintsBesidesCredit2Unparks(String stderr) {
        return complaints(stderr).lines().filter(l -> !CREDIT2_UNPARKED.matcher(l).find())
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    /**
     * @param stderr xenalyze's standard error
     * @return how many lines say that a vCPU went from offline straight to running (see {@link #CREDIT2_UNPARKED})
     */
    static long credit2Unparks(String stderr) {
        return stderr.lines().filter(l -> CREDIT2_UNPARKED.matcher(l).find()).count();
    }

    /**
     * @param stderr xenalyze's standard error
     * @return the lines that are not the usual informational ones, joined by new lines (empty when none)
     */
    static String complaints(String stderr) {
        return stderr.lines().filter(l -> !INFO.matcher(l).find()).collect(java.util.stream.Collectors.joining("\n"));
    }

    static Result run(Path trace, long cpuHz, String... extra) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(BINARY), "xenalyze not installed at " + BINARY);
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "--cpu-hz=" + cpuHz));
        cmd.addAll(List.of(extra));
        cmd.add(trace.toString());
        Path out = Files.createTempFile("xenalyze", ".out");
        Path err = Files.createTempFile("xenalyze", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("xenalyze timed out");
            }
            return new Result(Files.readString(out, StandardCharsets.ISO_8859_1),
                    Files.readString(err, StandardCharsets.ISO_8859_1), p.exitValue());
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static final Pattern DOMAIN = Pattern.compile("^\\|-- Domain (\\d+) --\\|");
    private static final Pattern VCPU = Pattern.compile("^-- v(\\d+) --");
    private static final Pattern STATE = Pattern.compile(
            "^\\s+(running|runnable|blocked|offline|lost):\\s+(\\d+)\\s+[\\d.]+s\\s+(\\d+)");

    /**
     * @param summary xenalyze --summary output
     * @return "d1v0/running" -> runstate
     */
    static Map<String, Runstate> runstates(String summary) {
        Map<String, Runstate> out = new LinkedHashMap<>();
        int dom = -1;
        int vcpu = -1;
        boolean inRunstates = false;
        for (String line : summary.split("\n")) {
            Matcher m = DOMAIN.matcher(line);
            if (m.find()) {
                dom = Integer.parseInt(m.group(1));
                vcpu = -1;
                continue;
            }
            m = VCPU.matcher(line);
            if (m.find()) {
                vcpu = Integer.parseInt(m.group(1));
                continue;
            }
            if (line.startsWith(" Runstates:")) {
                inRunstates = vcpu >= 0;
                continue;
            }
            m = STATE.matcher(line);
            if (inRunstates && m.find()) {
                out.put("d" + dom + "v" + vcpu + "/" + m.group(1), new Runstate(Long.parseLong(m.group(2)),
                        Long.parseLong(m.group(3))));
            } else if (!line.startsWith("  ")) {
                inRunstates = false;
            }
        }
        return out;
    }
}
