package org.xenwb.trace.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xenwb.trace.core.SharedData;
import org.xenwb.trace.core.read.TraceReader;

/**
 * The layouts name and decode every event of the real captures, and name every event of Xen 4.17's own
 * {@code tools/xentrace/formats} file.
 */
class CatalogCoverageTest {

    private static final Pattern RAW_WORD = Pattern.compile(" w\\d+=");
    private static final Pattern NUMERIC_SYMBOL =
            Pattern.compile(" (exit_reason|op|trapnr|vector|source)=\\d+(?= |$)");

    /**
     * Ids of the 4.17 formats file that Xen 4.17 no longer emits: TRC_TRACE_IRQ (gone from public/trace.h), a
     * credit2 id 18 the scheduler never defines (the file's credit2 ids 0x13..0x16 are off by one against
     * credit2.c), and 64-bit variants of shadow records that common.c traces without level bits.
     */
    private static final Set<Integer> STALE_FORMATS = Set.of(0x0001f004, 0x00022212, 0x0040f10c, 0x0040f10d,
            0x0040f10e, 0x0040f10f);

    static List<String> traces() {
        return SharedData.traceNames();
    }

    /** Every record: a name, every word decoded (no raw {@code w<i>=}), symbols named where the table knows them. */
    @ParameterizedTest
    @MethodSource("traces")
    void everyEventOfRealCapturesIsNamedAndDecoded(String name) throws IOException {
        EventFormatter formatter = new EventFormatter(TraceLayouts.forTrace(name));
        TreeMap<String, String> problems = new TreeMap<>();
        TreeSet<String> seen = new TreeSet<>();
        int[] words = new int[8];
        try (TraceReader reader = TraceReader.open(SharedData.trace(name))) {
            while (reader.next()) {
                if (reader.kind() != TraceReader.Kind.RECORD) {
                    continue;
                }
                int n = reader.extraCount();
                for (int i = 0; i < n; i++) {
                    words[i] = reader.extra(i);
                }
                StringBuilder line = new StringBuilder();
                formatter.append(reader.event(), words, n, line);
                String id = String.format("0x%08x/%d", reader.event(), n);
                seen.add(id);
                String text = line.toString();
                if (text.startsWith("unknown:") || RAW_WORD.matcher(text).find()
                        || NUMERIC_SYMBOL.matcher(text).find()) {
                    problems.putIfAbsent(id, text);
                }
            }
        }
        assertTrue(!seen.isEmpty(), name + ": no records");
        assertEquals(new TreeMap<String, String>(), problems, name + ": events not fully decoded");
    }

    @Test
    void everyEventOfXenFormatsFileHasAName() throws IOException {
        Path formats = SharedData.sharedDir().orElse(Path.of("/nonexistent"))
                .resolve("data/xen-4.17/tools/xentrace/formats");
        Assumptions.assumeTrue(Files.isRegularFile(formats), formats + " absent: skipped");
        TreeSet<String> missing = new TreeSet<>();
        int checked = 0;
        for (String line : Files.readAllLines(formats, StandardCharsets.UTF_8)) {
            if (!line.startsWith("0x")) {
                continue;
            }
            int id = (int) Long.parseLong(line.substring(2, 10), 16);
            if (id == 0 || STALE_FORMATS.contains(id)) {
                continue;
            }
            checked++;
            for (EventLayout layout : List.of(Xen417Layout.INSTANCE, Xen417Layout.SVM, Xen420Layout.INSTANCE)) {
                if (layout.find(id) == null) {
                    missing.add(layout.xenVersion() + " " + line.substring(0, 10));
                }
            }
        }
        assertTrue(checked > 180, "formats file has " + checked + " event lines");
        assertEquals(new TreeSet<String>(), missing);
    }

    /** A name is used by one class only, and every event class of public/trace.h has events. */
    @Test
    void classesAndNamesAreConsistent() {
        TreeMap<String, String> classOfName = new TreeMap<>();
        TreeSet<String> classes = new TreeSet<>();
        for (EventType t : Xen417Layout.INSTANCE.types()) {
            classes.add(t.eventClass());
            String before = classOfName.putIfAbsent(t.name(), t.eventClass());
            assertTrue(before == null || before.equals(t.eventClass()), t.name());
        }
        assertEquals(new TreeSet<>(List.of("DOM0OP", "GEN", "HVM", "HW", "MEM", "PV", "SCHED", "SHADOW")), classes);
    }

    @Test
    void xen420SeparatesSvmExits() {
        int[] exit = {0x60, 0x81234};
        assertEquals("hvm:vmexit exit_reason=VMEXIT_INTR rip=0x81234", line(Xen420Layout.INSTANCE, 0x00081003, exit));
        assertEquals("hvm:vmexit exit_reason=EXCEPTION_NMI rip=0x81234",
                line(Xen420Layout.INSTANCE, 0x00081002, new int[] {0, 0x81234}));
        assertEquals("hvm:vmexit exit_reason=VMEXIT_INTR rip=0x81234", line(Xen417Layout.SVM, 0x00081002, exit));
        assertEquals("unknown:0x00081003 w0=0x60 w1=0x81234", line(Xen417Layout.INSTANCE, 0x00081003, exit));
        assertNotNull(EventLayouts.forVersion("4.22", false).find(0x00081103));
    }

    @Test
    void unsupportedVersionIsAClearError() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> EventLayouts.forVersion("4.2", false));
        assertTrue(e.getMessage().contains("4.17"), e.getMessage());
    }

    private static String line(EventLayout layout, int event, int[] words) {
        StringBuilder sb = new StringBuilder();
        new EventFormatter(layout).append(event, words, words.length, sb);
        return sb.toString();
    }
}
