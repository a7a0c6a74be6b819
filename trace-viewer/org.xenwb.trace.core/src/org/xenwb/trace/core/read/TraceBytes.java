package org.xenwb.trace.core.read;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Random read access to the bytes of a trace file of any size through memory mapping.
 *
 * <p>The file is mapped read-only in one mapping when it fits (up to 2 GiB - 1 bytes), else in chunks of
 * 2<sup>{@value #CHUNK_SHIFT}</sup> bytes that overlap by {@value #OVERLAP} bytes, so every record (at most 40 bytes)
 * that starts in a chunk can be read from that chunk alone. Mappings live outside
 * the Java heap: the heap use is a few objects whatever the file size. Readers that share one instance must not
 * close it while others read; reading is otherwise thread-safe (absolute reads only).</p>
 */
public final class TraceBytes implements Closeable {

    /** log2 of the size of one mapped chunk of files too large for one mapping (1 GiB chunks). */
    static final int CHUNK_SHIFT = 30;
    /** Bytes by which consecutive chunks overlap, so that a record (at most 40 bytes) never spans two chunks. */
    static final int OVERLAP = 64;

    private final Path path;
    private final FileChannel channel;
    private final MappedByteBuffer[] chunks;
    private final int chunkShift;
    /**
     * The only mapping of files that fit in one (up to 2 GiB - 1 bytes: the usual case, no chunk arithmetic), or
     * null.
     */
    private final MappedByteBuffer single;
    private final long size;

    private TraceBytes(Path path, FileChannel channel, long size, int chunkShift) throws IOException {
        this.path = path;
        this.channel = channel;
        this.size = size;
        this.chunkShift = chunkShift;
        long chunk = 1L << chunkShift;
        if (size <= Integer.MAX_VALUE && size <= chunk + OVERLAP) {
            this.chunks = new MappedByteBuffer[] {map(channel, 0, size)};
        } else {
            int n = (int) ((size + chunk - 1) >>> chunkShift);
            this.chunks = new MappedByteBuffer[n];
            for (int i = 0; i < n; i++) {
                long start = i * chunk;
                chunks[i] = map(channel, start, Math.min(chunk + OVERLAP, size - start));
            }
        }
        this.single = chunks.length == 1 ? chunks[0] : null;
    }

    private static MappedByteBuffer map(FileChannel channel, long start, long length) throws IOException {
        MappedByteBuffer buffer = channel.map(FileChannel.MapMode.READ_ONLY, start, length);
        buffer.order(ByteOrder.LITTLE_ENDIAN);
        return buffer;
    }

    /**
     * Opens and maps a file: in one mapping when it fits (up to 2 GiB - 1 bytes), else in overlapping 1 GiB chunks.
     *
     * @param path the trace file
     * @return the mapped bytes; close it when done
     * @throws IOException when the file cannot be opened or mapped
     */
    public static TraceBytes open(Path path) throws IOException {
        return open(path, -1);
    }

    /**
     * Opens and maps a file with chunks of a given size (tests use small chunks to exercise the chunked path).
     *
     * @param path the trace file
     * @param chunkShift log2 of the chunk size, or -1 for the default (one mapping when the file fits)
     * @return the mapped bytes
     * @throws IOException when the file cannot be opened or mapped
     */
    static TraceBytes open(Path path, int chunkShift) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            long size = channel.size();
            if (chunkShift < 0) {
                return new TraceBytes(path, channel, size, size <= Integer.MAX_VALUE ? 31 : CHUNK_SHIFT);
            }
            return new TraceBytes(path, channel, size, chunkShift);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** @return the file */
    public Path path() {
        return path;
    }

    /** @return the file size in bytes */
    public long size() {
        return size;
    }

    /**
     * A little-endian 32-bit word.
     *
     * @param offset byte offset in the file; {@code offset + 4 <= size()}
     * @return the word
     */
    public int word(long offset) {
        if (single != null) {
            return single.getInt((int) offset);
        }
        int chunk = (int) (offset >>> chunkShift);
        return chunks[chunk].getInt((int) (offset - ((long) chunk << chunkShift)));
    }

    /**
     * A little-endian 64-bit value.
     *
     * @param offset byte offset in the file; {@code offset + 8 <= size()}
     * @return the value
     */
    public long longWord(long offset) {
        if (single != null) {
            return single.getLong((int) offset);
        }
        return (word(offset) & 0xffffffffL) | ((long) word(offset + 4) << 32);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
