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
 * <p>The file is mapped read-only in chunks of {@value #CHUNK} bytes that overlap by {@value #OVERLAP} bytes, so
 * every record (at most 40 bytes) that starts in a chunk can be read from that chunk alone. Mappings live outside
 * the Java heap: the heap use is a few objects whatever the file size. Readers that share one instance must not
 * close it while others read; reading is otherwise thread-safe (absolute reads only).</p>
 */
public final class TraceBytes implements Closeable {

    /** Size of one mapped chunk in bytes (1 GiB). */
    static final long CHUNK = 1L << 30;
    /** Bytes by which consecutive chunks overlap. */
    static final int OVERLAP = 64;

    private final Path path;
    private final FileChannel channel;
    private final MappedByteBuffer[] chunks;
    /** The only chunk of files up to {@value #CHUNK} bytes (the usual case: one mapping, no chunk arithmetic). */
    private final MappedByteBuffer single;
    private final long size;

    private TraceBytes(Path path, FileChannel channel, long size) throws IOException {
        this.path = path;
        this.channel = channel;
        this.size = size;
        int n = (int) ((size + CHUNK - 1) / CHUNK);
        this.chunks = new MappedByteBuffer[n];
        for (int i = 0; i < n; i++) {
            long start = i * CHUNK;
            long length = Math.min(CHUNK + OVERLAP, size - start);
            chunks[i] = channel.map(FileChannel.MapMode.READ_ONLY, start, length);
            chunks[i].order(ByteOrder.LITTLE_ENDIAN);
        }
        this.single = n == 1 ? chunks[0] : null;
    }

    /**
     * Opens and maps a file.
     *
     * @param path the trace file
     * @return the mapped bytes; close it when done
     * @throws IOException when the file cannot be opened or mapped
     */
    public static TraceBytes open(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return new TraceBytes(path, channel, channel.size());
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
        int chunk = (int) (offset / CHUNK);
        return chunks[chunk].getInt((int) (offset - chunk * CHUNK));
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
