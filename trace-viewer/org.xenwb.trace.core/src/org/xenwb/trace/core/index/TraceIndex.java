package org.xenwb.trace.core.index;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;

import org.xenwb.trace.core.catalog.EventLayout;
import org.xenwb.trace.core.catalog.Xen417Layout;
import org.xenwb.trace.core.format.TraceFormat;
import org.xenwb.trace.core.format.TraceFormatException;
import org.xenwb.trace.core.read.TraceBytes;
import org.xenwb.trace.core.state.Lane;
import org.xenwb.trace.core.state.Runstate;
import org.xenwb.trace.core.state.StateModel;

/**
 * The persistent index of one trace: built once (one pass, progress and cancel through {@link IndexProgress}),
 * kept in a file, and reused while the trace keeps its size, modification time and first 64 KiB. An index that is
 * missing, stale, of another format version or damaged is rebuilt, never trusted.
 *
 * <p>It answers (a) the state of every lane between two times at N pixels ({@link #states}), in a time that
 * depends on N and the number of lanes, not on the trace length (cumulative checkpoints per lane), and (b) the
 * records in a time range that pass a filter ({@link #events}), reading only the windows of the trace that hold
 * that range (a table of windows with their TSC ranges).</p>
 *
 * <p>Times are TSC cycles. Queries are thread-safe (the index is immutable and memory-mapped; the trace is read
 * with absolute reads). Close it to unmap the trace.</p>
 */
public final class TraceIndex implements Closeable {

    /** The file name suffix of an index next to its trace. */
    public static final String SUFFIX = ".xwbidx";

    private final Path trace;
    private final StateModel model;
    private final WindowTable windows;
    private final String rebuildReason;
    private final List<TraceFormatException> problems;
    private TraceBytes bytes;

    private TraceIndex(Path trace, IndexFile.Loaded loaded, String rebuildReason) {
        this.trace = trace;
        this.model = loaded.model();
        this.windows = loaded.windows();
        this.rebuildReason = rebuildReason;
        this.problems = List.copyOf(loaded.problems());
    }

    /**
     * The default place of a trace's index: next to it ({@code FILE.xwbidx}) when its folder is meant to be written
     * (writable, and its permission bits grant write access: a {@code dr-xr-xr-x} folder is read-only even for
     * root), else in {@code ~/.cache/xenwb/trace-index/} under a name derived from the trace's absolute path.
     *
     * @param trace the trace file
     * @return the index path
     */
    public static Path defaultIndexPath(Path trace) {
        Path abs = trace.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null && isWritableFolder(dir)) {
            return abs.resolveSibling(abs.getFileName() + SUFFIX);
        }
        String home = System.getProperty("user.home");
        String key = Integer.toHexString(abs.toString().hashCode()) + "-" + abs.getFileName();
        return Path.of(home, ".cache", "xenwb", "trace-index", key + SUFFIX);
    }

    /**
     * Tells whether a folder is meant to be written by the current user: the access check passes (which also
     * refuses a read-only mount) and the folder's POSIX permission bits grant it write access: the owner's bit when
     * the user owns it, else any write bit. The bits matter for root, whom the access check never refuses: a
     * {@code dr-xr-xr-x} data folder is read-only by intent, even for root.
     *
     * @param dir a folder
     * @return true when an index may be written into it
     */
    static boolean isWritableFolder(Path dir) {
        if (!Files.isWritable(dir)) {
            return false;
        }
        try {
            Set<PosixFilePermission> bits = Files.getPosixFilePermissions(dir);
            if (Files.getOwner(dir).getName().equals(System.getProperty("user.name"))) {
                return bits.contains(PosixFilePermission.OWNER_WRITE);
            }
            return bits.contains(PosixFilePermission.OWNER_WRITE) || bits.contains(PosixFilePermission.GROUP_WRITE)
                    || bits.contains(PosixFilePermission.OTHERS_WRITE);
        } catch (UnsupportedOperationException | IOException e) {
            return true; // no POSIX bits (or unreadable ones): the access check has the last word
        }
    }

    /**
     * Opens the index of a trace, building it first when it is missing or unusable.
     *
     * @param trace the trace file
     * @param index the index file
     * @param progress progress and cancellation of a build
     * @return the index
     * @throws IOException when the trace cannot be read or the index cannot be written
     * @throws CancellationException when a build was cancelled (no index file is left behind)
     */
    public static TraceIndex open(Path trace, Path index, IndexProgress progress) throws IOException {
        IndexFile.Stamp stamp = IndexFile.Stamp.of(trace);
        String reason;
        if (Files.isRegularFile(index)) {
            try {
                return new TraceIndex(trace, IndexFile.read(index, stamp, trace.toString()), null);
            } catch (IndexFile.Unusable e) {
                reason = e.getMessage();
            }
        } else {
            reason = "no index yet";
        }
        return build(trace, index, progress, reason, stamp);
    }

    /**
     * Builds (or rebuilds) the index of a trace and opens it.
     *
     * @param trace the trace file
     * @param index the index file, replaced atomically
     * @param progress progress and cancellation
     * @return the index
     * @throws IOException when the trace cannot be read or the index cannot be written
     * @throws CancellationException when cancelled (no index file is left behind, an old one is kept)
     */
    public static TraceIndex build(Path trace, Path index, IndexProgress progress) throws IOException {
        return build(trace, index, progress, "rebuild requested", IndexFile.Stamp.of(trace));
    }

    private static TraceIndex build(Path trace, Path index, IndexProgress progress, String reason,
            IndexFile.Stamp stamp) throws IOException {
        IndexBuilder.Result result;
        try (TraceBytes b = TraceBytes.open(trace)) {
            result = IndexBuilder.build(b, progress);
        }
        IndexFile.write(index, stamp, result);
        try {
            return new TraceIndex(trace, IndexFile.read(index, stamp, trace.toString()), reason);
        } catch (IndexFile.Unusable e) {
            throw new IOException(index + ": the index just written cannot be read back: " + e.getMessage(), e);
        }
    }

    /** @return why the index was built by {@link #open}, or null when an existing index was reused */
    public String rebuildReason() {
        return rebuildReason;
    }

    /**
     * @return the format problems found in the trace when the index was built (kept in the index file, so also when
     *     it is reused), each with the trace's path and a byte offset; the model and the window table cover only the
     *     records before each problem on its pCPU (a damaged window is left out, with the later
     *     records of its pCPU)
     */
    public List<TraceFormatException> problems() {
        return problems;
    }

    /** @return the state model (lanes backed by the index file) */
    public StateModel model() {
        return model;
    }

    /**
     * The state of every lane between two times at a resolution: pixel {@code k} covers
     * {@code [from + (to - from) * k / pixels, from + (to - from) * (k + 1) / pixels)}.
     *
     * @param from start, TSC cycles
     * @param to end, TSC cycles, &gt; from
     * @param pixels number of pixels, &gt;= 1, with {@code (to - from) * pixels} below 2^63
     * @return one summary per lane, pCPU lanes first
     */
    public List<LaneSummary> states(long from, long to, int pixels) {
        return summarize(model, from, to, pixels);
    }

    /**
     * Level-of-detail summaries of a model's lanes (see {@link #states}).
     *
     * @param model the model
     * @param from start, TSC cycles
     * @param to end, TSC cycles, &gt; from
     * @param pixels number of pixels, &gt;= 1
     * @return one summary per lane, pCPU lanes first
     */
    public static List<LaneSummary> summarize(StateModel model, long from, long to, int pixels) {
        if (pixels < 1 || to <= from) {
            throw new IllegalArgumentException("need pixels >= 1 and to > from");
        }
        long span = to - from;
        long[] bounds = new long[pixels + 1];
        for (int k = 0; k <= pixels; k++) {
            bounds[k] = from + Math.multiplyExact(span, (long) k) / pixels;
        }
        List<LaneSummary> out = new ArrayList<>();
        long[] prev = new long[Runstate.COUNT];
        long[] next = new long[Runstate.COUNT];
        for (Lane lane : model.allLanes()) {
            int[] dominant = new int[pixels];
            long[] mix = new long[pixels * Runstate.COUNT];
            java.util.Arrays.fill(prev, 0);
            lane.addTimeBefore(bounds[0], 1, prev);
            for (int k = 0; k < pixels; k++) {
                java.util.Arrays.fill(next, 0);
                lane.addTimeBefore(bounds[k + 1], 1, next);
                int best = -1;
                long bestTime = 0;
                for (int s = 0; s < Runstate.COUNT; s++) {
                    long t = next[s] - prev[s];
                    mix[k * Runstate.COUNT + s] = t;
                    if (t > bestTime) {
                        best = s;
                        bestTime = t;
                    }
                }
                dominant[k] = best;
                long[] swap = prev;
                prev = next;
                next = swap;
            }
            out.add(new LaneSummary(lane.id(), dominant, mix));
        }
        return out;
    }

    /**
     * The records whose TSC is in {@code [from, to]} and that pass a filter, in time order (then pCPU, then file
     * offset). Second deliveries of lost-records records are not repeated.
     *
     * @param from start, TSC cycles (unsigned)
     * @param to end, inclusive, TSC cycles (unsigned)
     * @param filter the filter
     * @param limit the most records to return (the earliest ones)
     * @return the records
     * @throws IOException when the trace cannot be mapped
     */
    public List<TraceEvent> events(long from, long to, EventFilter filter, int limit) throws IOException {
        return events(from, to, filter, limit, Xen417Layout.INSTANCE);
    }

    /**
     * The records whose TSC is in {@code [from, to]} and that pass a filter, with the owner of each record decoded
     * by a given event catalog (see {@link EventOwner}; the domain and vCPU criteria of the filter match the owner).
     *
     * @param from start, TSC cycles (unsigned)
     * @param to end, inclusive, TSC cycles (unsigned)
     * @param filter the filter
     * @param limit the most records to return (the earliest ones)
     * @param layout the event catalog of the trace's Xen version
     * @return the records, in time order (then pCPU, then file offset)
     * @throws IOException when the trace cannot be mapped
     */
    public List<TraceEvent> events(long from, long to, EventFilter filter, int limit, EventLayout layout)
            throws IOException {
        TraceBytes b = bytes();
        List<TraceEvent> out = new ArrayList<>();
        int[] words = new int[TraceFormat.MAX_EXTRA_WORDS];
        EventOwner owners = new EventOwner(layout);
        for (int c = 0; c < windows.cpuCount(); c++) {
            if (filter.pcpu() >= 0 && c != filter.pcpu()) {
                continue;
            }
            int[] list = windows.windowsOf(c);
            List<TraceEvent> mine = new ArrayList<>();
            for (int k = windows.firstWindowReaching(c, from); k < list.length && mine.size() < limit; k++) {
                int w = list[k];
                int n = windows.records(w);
                if (n == 0) {
                    continue;
                }
                if (Long.compareUnsigned(windows.firstTsc(w), to) > 0) {
                    break;
                }
                long at = windows.offset(w) + TraceFormat.CPU_CHANGE_BYTES;
                long tsc = windows.tscBefore(w);
                for (int r = 0; r < n; r++) {
                    int header = b.word(at);
                    long pos = at + TraceFormat.HEADER_BYTES;
                    if (TraceFormat.hasTsc(header)) {
                        tsc = (b.word(pos) & 0xffffffffL) | ((long) b.word(pos + 4) << 32);
                        pos += TraceFormat.TSC_BYTES;
                    }
                    if (Long.compareUnsigned(tsc, to) > 0) {
                        break;
                    }
                    if (Long.compareUnsigned(tsc, from) >= 0) {
                        int event = TraceFormat.eventOf(header);
                        int running = model.runningOn(c, tsc);
                        int x = TraceFormat.extraWordsOf(header);
                        for (int i = 0; i < x; i++) {
                            words[i] = b.word(pos + 4L * i);
                        }
                        int owner = owners.owner(event, words, x, running);
                        if (filter.matches(event, c, owner)) {
                            mine.add(new TraceEvent(tsc, c, at, event, java.util.Arrays.copyOf(words, x), running,
                                    owner, owners.source()));
                            if (mine.size() >= limit) {
                                break;
                            }
                        }
                    }
                    at += TraceFormat.recordBytes(header);
                }
            }
            out.addAll(mine);
        }
        out.sort(ORDER);
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }

    /** Time order, then pCPU, then file offset. */
    public static final Comparator<TraceEvent> ORDER = (a, b) -> {
        int t = Long.compareUnsigned(a.tsc(), b.tsc());
        if (t != 0) {
            return t;
        }
        return a.cpu() != b.cpu() ? Integer.compare(a.cpu(), b.cpu()) : Long.compare(a.offset(), b.offset());
    };

    private synchronized TraceBytes bytes() throws IOException {
        if (bytes == null) {
            bytes = TraceBytes.open(trace);
        }
        return bytes;
    }

    @Override
    public synchronized void close() throws IOException {
        if (bytes != null) {
            bytes.close();
            bytes = null;
        }
    }
}
