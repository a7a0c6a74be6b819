package org.xenwb.trace.core.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xenwb.trace.core.SharedData;
import org.xenwb.trace.core.catalog.EventFormatter;
import org.xenwb.trace.core.catalog.Xen417Layout;
import org.xenwb.trace.core.read.TraceReader;
import org.xenwb.trace.core.state.Lane;
import org.xenwb.trace.core.state.Runstate;
import org.xenwb.trace.core.state.StateModel;
import org.xenwb.trace.core.state.StateModelBuilder;

/**
 * The index answers what a brute-force scan of the trace answers, on every real capture: the lanes read back from
 * the file equal the lanes built from the trace, level-of-detail summaries equal clipping every interval to every
 * pixel, and event queries equal filtering every record of a {@link TraceReader} pass. Ranges, resolutions and
 * filters are random with a fixed seed.
 */
class IndexQueryTest {

    static List<String> traces() {
        return SharedData.traceNames();
    }

    /** Every record of one reader pass, as flat arrays (lost records once, at their own TSC). */
    private static final class AllRecords {
        final List<TraceEvent> events = new ArrayList<>();
    }

    private static AllRecords scan(Path trace, StateModel model) throws Exception {
        AllRecords all = new AllRecords();
        try (TraceReader r = TraceReader.open(trace)) {
            while (r.next()) {
                if (r.kind() == TraceReader.Kind.RECORD && !r.isLostRecordsEnd()) {
                    int[] extra = new int[r.extraCount()];
                    for (int i = 0; i < extra.length; i++) {
                        extra[i] = r.extra(i);
                    }
                    int running = model.runningOn(r.cpu(), r.tsc());
                    int[] owner = ownerFromText(r.event(), extra, running);
                    all.events.add(new TraceEvent(r.tsc(), r.cpu(), r.offset(), r.event(), extra, running,
                            owner[0], EventOwner.Source.values()[owner[1]]));
                }
            }
        }
        all.events.sort(TraceIndex.ORDER);
        return all;
    }

    private static final EventFormatter FORMATTER = new EventFormatter(Xen417Layout.INSTANCE);
    private static final Pattern PACKED = Pattern.compile("(?:^| )[a-z_]+=d(\\d+)v(\\d+)(?: |$)");
    private static final Pattern DOM = Pattern.compile("(?:^| )dom=(\\d+)(?: |$)");
    private static final Pattern VCPU = Pattern.compile("(?:^| )vcpu=(\\d+)(?: |$)");

    /**
     * The brute-force owner: from the catalog's decoded text of the record (name=value pairs), the first
     * {@code x=d<dom>v<vcpu>} pair, else {@code dom=} with {@code vcpu=}, else {@code dom=} alone, else the running
     * vCPU.
     *
     * @return {owner, ordinal of EventOwner.Source}
     */
    private static int[] ownerFromText(int event, int[] extra, int running) {
        StringBuilder sb = new StringBuilder();
        FORMATTER.append(event, extra, extra.length, sb);
        String text = sb.toString();
        Matcher m = PACKED.matcher(text);
        if (m.find()) {
            return new int[] {Integer.parseInt(m.group(1)) << 16 | Integer.parseInt(m.group(2)),
                EventOwner.Source.RECORD.ordinal()};
        }
        Matcher d = DOM.matcher(text);
        if (d.find()) {
            int dom = Integer.parseInt(d.group(1)) & 0xffff;
            Matcher v = VCPU.matcher(text);
            if (v.find()) {
                return new int[] {dom << 16 | Integer.parseInt(v.group(1)) & 0xffff,
                    EventOwner.Source.RECORD.ordinal()};
            }
            return new int[] {dom << 16 | EventOwner.NO_VCPU, EventOwner.Source.RECORD_DOMAIN.ordinal()};
        }
        return new int[] {running, (running < 0 ? EventOwner.Source.NONE : EventOwner.Source.RUNNING).ordinal()};
    }

    @ParameterizedTest
    @MethodSource("traces")
    void indexAnswersEqualBruteForce(String name) throws Exception {
        Path trace = SharedData.trace(name);
        Path index = Files.createTempDirectory(SharedData.targetDir(), "idx").resolve(name + TraceIndex.SUFFIX);
        StateModel fresh;
        try (TraceReader r = TraceReader.open(trace)) {
            fresh = StateModelBuilder.build(r);
        }
        try (TraceIndex built = TraceIndex.open(trace, index, IndexProgress.NONE)) {
            assertEquals("no index yet", built.rebuildReason());
        }
        try (TraceIndex idx = TraceIndex.open(trace, index, IndexProgress.NONE)) {
            assertNull(idx.rebuildReason(), "a fresh index is reused");
            StateModel m = idx.model();
            assertEquals(fresh.firstTsc(), m.firstTsc());
            assertEquals(fresh.lastTsc(), m.lastTsc());
            assertLanesEqual(fresh.allLanes(), m.allLanes());

            Random random = new Random(20261124L);
            long first = m.firstTsc();
            long span = m.lastTsc() - first;
            for (int q = 0; q < 25; q++) {
                long a = first - span / 20 + (long) (random.nextDouble() * span * 1.1);
                long b = a + 1 + (long) (random.nextDouble() * (q % 3 == 0 ? span / 1000 : span));
                int pixels = 1 + random.nextInt(q % 2 == 0 ? 50 : 2000);
                List<LaneSummary> got = idx.states(a, b, pixels);
                List<LaneSummary> want = bruteStates(fresh, a, b, pixels);
                assertEquals(want.size(), got.size());
                for (int i = 0; i < want.size(); i++) {
                    assertEquals(want.get(i).id(), got.get(i).id());
                    assertArrayEquals(want.get(i).mix(), got.get(i).mix(), name + " " + want.get(i).id() + " mix");
                    assertArrayEquals(want.get(i).dominant(), got.get(i).dominant(), name + " dominant");
                }
            }

            AllRecords all = scan(trace, fresh);
            long recordOwned = all.events.stream().filter(e -> e.ownerSource() == EventOwner.Source.RECORD
                    && e.owner() != e.running()).count();
            assertTrue(recordOwned > 0, name + ": no record names a vCPU other than the running one");
            int eventsCompared = 0;
            List<EventFilter> filters = filters(fresh, all);
            for (int q = 0; q < 40; q++) {
                long a = first + (long) (random.nextDouble() * span);
                long b = a + (long) (random.nextDouble() * (q % 2 == 0 ? span / 200 : span));
                EventFilter f = filters.get(q % filters.size());
                int limit = q % 4 == 0 ? Integer.MAX_VALUE : 1 + random.nextInt(800);
                List<TraceEvent> want = new ArrayList<>();
                for (TraceEvent e : all.events) {
                    if (Long.compareUnsigned(e.tsc(), a) >= 0 && Long.compareUnsigned(e.tsc(), b) <= 0
                            && f.matches(e.event(), e.cpu(), e.owner()) && want.size() < limit) {
                        want.add(e);
                    }
                }
                List<TraceEvent> got = idx.events(a, b, f, limit);
                assertEquals(want, got, name + " events in [" + a + ", " + b + "] " + f + " limit " + limit);
                eventsCompared += want.size();
            }
            assertTrue(eventsCompared > 1000, "the random queries compared too few events: " + eventsCompared);
        } finally {
            Files.deleteIfExists(index);
            Files.deleteIfExists(index.getParent());
        }
    }

    private static List<EventFilter> filters(StateModel m, AllRecords all) {
        List<EventFilter> f = new ArrayList<>();
        f.add(EventFilter.ALL);
        f.add(EventFilter.parse("class=sched"));
        f.add(EventFilter.parse("pcpu=1"));
        f.add(EventFilter.parse("domain=0"));
        Lane some = m.vcpuLanes().get(m.vcpuLanes().size() / 2);
        f.add(new EventFilter(-1, -1, some.id().domain(), some.id().vcpu(), -1));
        f.add(new EventFilter(all.events.get(all.events.size() / 2).event(), -1, -1, -1, -1));
        f.add(EventFilter.parse("class=pv,domain=0,vcpu=1"));
        f.add(new EventFilter(-1, 0x2, some.id().domain(), some.id().vcpu(), -1));
        f.add(new EventFilter(-1, 0x2, some.id().domain(), -1, -1));
        return f;
    }

    static void assertLanesEqual(List<Lane> want, List<Lane> got) {
        assertEquals(want.size(), got.size());
        for (int i = 0; i < want.size(); i++) {
            Lane w = want.get(i);
            Lane g = got.get(i);
            assertEquals(w.id(), g.id());
            assertEquals(w.size(), g.size(), w.id() + " size");
            assertEquals(w.end(), g.end(), w.id() + " end");
            for (int k = 0; k < w.size(); k++) {
                if (w.start(k) != g.start(k) || w.state(k) != g.state(k) || w.arg(k) != g.arg(k)) {
                    throw new AssertionError(w.id() + " interval " + k + " differs");
                }
            }
        }
    }

    /** Clips every interval of every lane to every pixel. */
    static List<LaneSummary> bruteStates(StateModel m, long from, long to, int pixels) {
        List<LaneSummary> out = new ArrayList<>();
        long[] bounds = new long[pixels + 1];
        for (int k = 0; k <= pixels; k++) {
            bounds[k] = from + (to - from) * k / pixels;
        }
        for (Lane lane : m.allLanes()) {
            long[] mix = new long[pixels * Runstate.COUNT];
            for (int i = 0; i < lane.size(); i++) {
                for (int k = 0; k < pixels; k++) {
                    long a = Math.max(lane.start(i), bounds[k]);
                    long b = Math.min(lane.end(i), bounds[k + 1]);
                    if (a < b) {
                        mix[k * Runstate.COUNT + lane.state(i)] += b - a;
                    }
                }
            }
            int[] dominant = new int[pixels];
            Arrays.fill(dominant, -1);
            for (int k = 0; k < pixels; k++) {
                long best = 0;
                for (int s = 0; s < Runstate.COUNT; s++) {
                    if (mix[k * Runstate.COUNT + s] > best) {
                        best = mix[k * Runstate.COUNT + s];
                        dominant[k] = s;
                    }
                }
            }
            out.add(new LaneSummary(lane.id(), dominant, mix));
        }
        assertNotNull(out);
        return out;
    }
}
