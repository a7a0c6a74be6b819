package org.xenwb.trace.core.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xenwb.trace.core.SharedData;
import org.xenwb.trace.core.Xenalyze;
import org.xenwb.trace.core.catalog.EventFormatter;
import org.xenwb.trace.core.catalog.TraceLayouts;
import org.xenwb.trace.core.catalog.Xen417Layout;
import org.xenwb.trace.core.read.TraceReader;

/**
 * Canonical dump: golden files (first records of real traces, reviewed against xenalyze --dump-all, see
 * resources/golden/README.md) and, automatically over whole traces, the decoded scheduling fields against the
 * ones xenalyze prints.
 */
class CanonicalDumpTest {

    private static final Pattern X_RUNSTATE = Pattern.compile(" runstate_change (d\\d+v\\d+) (\\w+)->(\\w+)");
    private static final Pattern X_SWITCH = Pattern.compile(" sched_switch prev (d\\d+v\\d+) next (d\\d+v\\d+)$");
    private static final Pattern O_RUNSTATE = Pattern.compile(" runstate_change old=(\\w+) new=(\\w+) vcpu=(\\S+)");
    private static final Pattern O_SWITCH = Pattern.compile(
            " switch prev_dom=(\\d+) prev_vcpu=(\\d+) next_dom=(\\d+) next_vcpu=(\\d+)");

    static List<String> traces() {
        return SharedData.traceNames();
    }

    private static String dump(String name, long limit) throws IOException {
        StringWriter out = new StringWriter();
        try (TraceReader reader = TraceReader.open(SharedData.trace(name))) {
            new CanonicalDump(new EventFormatter(TraceLayouts.forTrace(name))).dump(reader, out, limit);
        }
        return out.toString();
    }

    @ParameterizedTest
    @MethodSource("goldenTraces")
    void firstRecordsMatchGoldenFile(String name) throws IOException {
        String expected;
        try (InputStream in = getClass().getResourceAsStream("/golden/" + name + ".dump.txt")) {
            assertTrue(in != null, "golden file missing for " + name);
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(expected, dump(name, 200));
    }

    static List<String> goldenTraces() {
        return List.of("creditboot-credit-sched", "credit2boot-pvh-run-all", "tbufboot-boottime-all",
                "public-xentrace-parser-rs");
    }

    @Test
    void unknownEventsAreShownRawNeverDropped() {
        StringBuilder sb = new StringBuilder();
        new EventFormatter(Xen417Layout.INSTANCE).append(0x0002f999, new int[] {1, 0xabc}, 2, sb);
        assertEquals("unknown:0x0002f999 w0=0x1 w1=0xabc", sb.toString());
    }

    /** Every runstate change and context switch of the whole trace, in order, as xenalyze --dump-all decodes it. */
    @ParameterizedTest
    @MethodSource("traces")
    void schedulingFieldsMatchXenalyzeDumpAll(String name) throws IOException {
        Xenalyze.assumeInstalled();
        Path file = SharedData.trace(name);
        List<String> expected = new ArrayList<>();
        List<String> args = new ArrayList<>(Xenalyze.options(file.getParent()));
        args.add("--dump-all");
        args.add(file.toString());
        try (BufferedReader x = Xenalyze.start(args)) {
            for (String line = x.readLine(); line != null; line = x.readLine()) {
                Matcher m = X_RUNSTATE.matcher(line);
                if (m.find()) {
                    expected.add("rs " + m.group(1) + " " + m.group(2) + "->" + m.group(3));
                    continue;
                }
                m = X_SWITCH.matcher(line);
                if (m.find()) {
                    expected.add("sw " + m.group(1) + " " + m.group(2));
                }
            }
        }
        List<String> actual = new ArrayList<>();
        try (TraceReader reader = TraceReader.open(file)) {
            CanonicalDump d = new CanonicalDump(new EventFormatter(Xen417Layout.INSTANCE));
            while (reader.next()) {
                if (reader.kind() != TraceReader.Kind.RECORD) {
                    continue;
                }
                String line = d.format(reader);
                Matcher m = O_RUNSTATE.matcher(line);
                if (m.find()) {
                    actual.add("rs " + m.group(3) + " " + m.group(1) + "->" + m.group(2));
                    continue;
                }
                m = O_SWITCH.matcher(line);
                if (m.find()) {
                    actual.add("sw d" + m.group(1) + "v" + m.group(2) + " d" + m.group(3) + "v" + m.group(4));
                }
            }
        }
        assertTrue(expected.size() > 10 || name.startsWith("public"), name + ": few scheduling lines");
        assertEquals(expected.size(), actual.size(), name + ": number of runstate changes and switches");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), name + ": scheduling line " + i);
        }
    }

    /** Regenerates the golden files (run by hand, then review the diff against xenalyze --dump-all). */
    public static void main(String[] args) throws IOException {
        for (String name : goldenTraces()) {
            Files.writeString(Path.of(args[0], name + ".dump.txt"), dump(name, 200));
        }
    }
}
