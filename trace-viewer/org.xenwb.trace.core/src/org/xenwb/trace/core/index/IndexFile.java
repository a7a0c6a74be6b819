package org.xenwb.trace.core.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import org.xenwb.trace.core.format.TraceFormatException;
import org.xenwb.trace.core.state.Lane;
import org.xenwb.trace.core.state.LaneId;
import org.xenwb.trace.core.state.Runstate;
import org.xenwb.trace.core.state.StateModel;

/**
 * The index file format, version {@value #VERSION}, little-endian.
 *
 * <pre>
 * header (64 bytes): magic "XWBTIDX\0", int version, int 0, long trace size, long trace mtime (ms),
 *                    long CRC32C of the trace's first 64 KiB, long body length, long CRC32C of the body, long 0
 * body: long first TSC, long last TSC, long oddities, int windows, int pCPU lanes, int vCPU lanes, int 0,
 *       windows x 40 bytes (see WindowTable),
 *       lanes: int isPcpu, int domain, int vcpu, int n, long end,
 *              long[n] starts, long[(n / 64 + 1) * 6] cumulative times, int[n] args, byte[n] states,
 *              zero padding to a multiple of 8,
 *       int problems, int 0, problems: long byte offset, int 1 when the file only ends early (else 0), int n,
 *                                      byte[n] UTF-8 reason, zero padding to a multiple of 8
 * </pre>
 *
 * <p>The problems are the trace's format problems found by the build (see {@link TraceIndex#problems()}), kept so
 * that every query on a damaged trace reports them, not only the one that built the index.</p>
 *
 * <p>Written to a temporary file in the same folder and renamed into place, so a reader never sees a half file.
 * Read by memory-mapping: lanes are views of the mapping. Stateless, thread-safe.</p>
 */
final class IndexFile {

    static final long MAGIC = 0x0058444954425758L; // "XWBTIDX\0" little-endian
    static final int VERSION = 2;
    static final int HEADER_BYTES = 64;
    static final int STAMP_BYTES = 64 * 1024;

    /** What identifies the trace an index was built from. */
    record Stamp(long size, long mtime, long headCrc) {

        static Stamp of(Path trace) throws IOException {
            long size = Files.size(trace);
            long mtime = Files.getLastModifiedTime(trace).toMillis();
            CRC32C crc = new CRC32C();
            try (FileChannel ch = FileChannel.open(trace, StandardOpenOption.READ)) {
                ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, STAMP_BYTES));
                while (head.hasRemaining() && ch.read(head) >= 0) {
                    // fill
                }
                head.flip();
                crc.update(head);
            }
            return new Stamp(size, mtime, crc.getValue());
        }
    }

    /** An index file is unusable: wrong magic or version, stale, or damaged. */
    static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;

        Unusable(String reason) {
            super(reason);
        }
    }

    /** A loaded index; the problems name the trace by the path given to {@link #read}. */
    record Loaded(StateModel model, WindowTable windows, List<TraceFormatException> problems) {
    }

    private IndexFile() {
    }

    /**
     * Writes an index to a temporary file next to it and renames it into place (creating its folder if needed).
     *
     * @param index the index path; not a directory
     * @param stamp the trace's stamp
     * @param r the build's result
     * @throws IOException when the file cannot be written; the message names {@code index}, not the temporary file
     */
    static void write(Path index, Stamp stamp, IndexBuilder.Result r) throws IOException {
        if (Files.isDirectory(index)) {
            throw new IOException(index + ": cannot write the index: is a directory");
        }
        Path dir = index.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, index.getFileName().toString(), ".tmp");
        tmp.toFile().deleteOnExit();
        boolean done = false;
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            CRC32C crc = new CRC32C();
            ch.position(HEADER_BYTES);
            Out out = new Out(ch, crc);
            StateModel m = r.model();
            out.putLong(m.firstTsc()).putLong(m.lastTsc()).putLong(m.oddities());
            out.putInt(r.windowCount()).putInt(m.pcpuLanes().size()).putInt(m.vcpuLanes().size()).putInt(0);
            ByteBuffer w = r.windows().duplicate().order(ByteOrder.LITTLE_ENDIAN);
            w.clear();
            out.put(w);
            for (Lane lane : m.allLanes()) {
                writeLane(out, lane);
            }
            out.putInt(r.problems().size()).putInt(0);
            for (TraceFormatException p : r.problems()) {
                byte[] reason = p.reason().getBytes(StandardCharsets.UTF_8);
                out.putLong(p.offset()).putInt(p.endOfFile() ? 1 : 0).putInt(reason.length);
                for (byte x : reason) {
                    out.putByte(x);
                }
                for (int i = reason.length; i % 8 != 0; i++) {
                    out.putByte(0);
                }
            }
            out.flush();
            long bodyLength = ch.position() - HEADER_BYTES;
            ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            h.putLong(MAGIC).putInt(VERSION).putInt(0).putLong(stamp.size()).putLong(stamp.mtime())
                    .putLong(stamp.headCrc()).putLong(bodyLength).putLong(crc.getValue()).putLong(0);
            h.flip();
            ch.write(h, 0);
            ch.force(true);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
        try {
            try {
                Files.move(tmp, index, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, index, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            // the message names the user's path, not the temporary file's
            String why = e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                    : e.getClass().getSimpleName();
            throw new IOException(index + ": cannot write the index: " + why, e);
        }
    }

    private static void writeLane(Out out, Lane lane) throws IOException {
        int n = lane.size();
        LaneId id = lane.id();
        out.putInt(id.pcpuLane() ? 1 : 0).putInt(id.domain()).putInt(id.vcpu()).putInt(n).putLong(lane.end());
        for (int i = 0; i < n; i++) {
            out.putLong(lane.start(i));
        }
        long[] acc = new long[Runstate.COUNT];
        for (int i = 0; i <= n; i++) {
            if (i % Lane.CHECKPOINT == 0) {
                for (long a : acc) {
                    out.putLong(a);
                }
            }
            if (i < n) {
                acc[lane.state(i)] += lane.end(i) - lane.start(i);
            }
        }
        for (int i = 0; i < n; i++) {
            out.putInt(lane.arg(i));
        }
        for (int i = 0; i < n; i++) {
            out.putByte(lane.state(i));
        }
        for (int i = n; i % 8 != 0; i++) {
            out.putByte(0);
        }
    }

    /**
     * Maps and checks an index.
     *
     * @param index the file
     * @param stamp the trace's current stamp
     * @return the loaded index (its buffers view a mapping that outlives the closed channel)
     * @throws Unusable when the index cannot be used (then it should be rebuilt)
     * @throws IOException when the file cannot be read at all
     */
    static Loaded read(Path index, Stamp stamp, String source) throws Unusable, IOException {
        try (FileChannel ch = FileChannel.open(index, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < HEADER_BYTES) {
                throw new Unusable("file of " + size + " bytes is shorter than the header");
            }
            if (size > Integer.MAX_VALUE) {
                throw new Unusable("index larger than 2 GiB is not supported");
            }
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            map.order(ByteOrder.LITTLE_ENDIAN);
            if (map.getLong(0) != MAGIC) {
                throw new Unusable("not a xenwb trace index (bad magic)");
            }
            if (map.getInt(8) != VERSION) {
                throw new Unusable("index format version " + map.getInt(8) + ", this build reads " + VERSION);
            }
            if (map.getLong(16) != stamp.size() || map.getLong(24) != stamp.mtime()
                    || map.getLong(32) != stamp.headCrc()) {
                throw new Unusable("stale: the trace changed since the index was built");
            }
            long bodyLength = map.getLong(40);
            if (bodyLength != size - HEADER_BYTES) {
                throw new Unusable("body of " + (size - HEADER_BYTES) + " bytes, header says " + bodyLength);
            }
            CRC32C crc = new CRC32C();
            crc.update(map.slice(HEADER_BYTES, (int) bodyLength));
            if (crc.getValue() != map.getLong(48)) {
                throw new Unusable("damaged: body checksum mismatch");
            }
            return parse(map.slice(HEADER_BYTES, (int) bodyLength).order(ByteOrder.LITTLE_ENDIAN), source);
        } catch (RuntimeException e) {
            throw new Unusable("damaged: " + e);
        }
    }

    private static Loaded parse(ByteBuffer b, String source) throws Unusable {
        long first = b.getLong(0);
        long last = b.getLong(8);
        long oddities = b.getLong(16);
        int windows = b.getInt(24);
        int pcpus = b.getInt(28);
        int vcpus = b.getInt(32);
        if (windows < 0 || pcpus < 0 || vcpus < 0) {
            throw new Unusable("damaged: negative counts");
        }
        int at = 40;
        WindowTable table = new WindowTable(b.slice(at, Math.multiplyExact(windows, WindowTable.ENTRY_BYTES)),
                windows);
        at += windows * WindowTable.ENTRY_BYTES;
        List<Lane> pl = new ArrayList<>();
        List<Lane> vl = new ArrayList<>();
        for (int k = 0; k < pcpus + vcpus; k++) {
            boolean isPcpu = b.getInt(at) != 0;
            LaneId id = new LaneId(isPcpu, b.getInt(at + 4), b.getInt(at + 8));
            int n = b.getInt(at + 12);
            long end = b.getLong(at + 16);
            if (n < 0 || isPcpu != (k < pcpus)) {
                throw new Unusable("damaged: lane " + k);
            }
            at += 24;
            int cp = Lane.checkpoints(n) * Runstate.COUNT;
            ByteBuffer starts = b.slice(at, Math.multiplyExact(n, 8)).order(ByteOrder.LITTLE_ENDIAN);
            at += n * 8;
            ByteBuffer cum = b.slice(at, Math.multiplyExact(cp, 8)).order(ByteOrder.LITTLE_ENDIAN);
            at += cp * 8;
            ByteBuffer args = b.slice(at, Math.multiplyExact(n, 4)).order(ByteOrder.LITTLE_ENDIAN);
            at += n * 4;
            ByteBuffer states = b.slice(at, n);
            at += (n + 7) & ~7;
            Lane lane = new Lane(id, starts.asLongBuffer(), states, args.asIntBuffer(), cum.asLongBuffer(), end);
            (isPcpu ? pl : vl).add(lane);
        }
        int count = b.getInt(at);
        if (count < 0) {
            throw new Unusable("damaged: negative problem count");
        }
        at += 8;
        List<TraceFormatException> problems = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            long offset = b.getLong(at);
            boolean endOfFile = b.getInt(at + 8) != 0;
            int n = b.getInt(at + 12);
            if (n < 0) {
                throw new Unusable("damaged: problem " + k);
            }
            byte[] reason = new byte[n];
            b.get(at + 16, reason);
            problems.add(new TraceFormatException(source, offset, new String(reason, StandardCharsets.UTF_8),
                    endOfFile));
            at += 16 + ((n + 7) & ~7);
        }
        if (at != b.limit()) {
            throw new Unusable("damaged: " + (b.limit() - at) + " bytes after the last problem");
        }
        return new Loaded(new StateModel(vl, pl, first, last, oddities), table, problems);
    }

    /** Buffered little-endian output that feeds a checksum. */
    private static final class Out {
        private final FileChannel ch;
        private final CRC32C crc;
        private final ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);

        Out(FileChannel ch, CRC32C crc) {
            this.ch = ch;
            this.crc = crc;
        }

        private void room(int n) throws IOException {
            if (buf.remaining() < n) {
                flush();
            }
        }

        Out putLong(long v) throws IOException {
            room(8);
            buf.putLong(v);
            return this;
        }

        Out putInt(int v) throws IOException {
            room(4);
            buf.putInt(v);
            return this;
        }

        Out putByte(int v) throws IOException {
            room(1);
            buf.put((byte) v);
            return this;
        }

        void put(ByteBuffer src) throws IOException {
            while (src.hasRemaining()) {
                room(1);
                int n = Math.min(buf.remaining(), src.remaining());
                ByteBuffer part = src.slice(src.position(), n);
                buf.put(part);
                src.position(src.position() + n);
            }
        }

        void flush() throws IOException {
            buf.flip();
            crc.update(buf.duplicate());
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            buf.clear();
        }
    }
}
