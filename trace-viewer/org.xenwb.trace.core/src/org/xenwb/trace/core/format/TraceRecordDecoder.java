package org.xenwb.trace.core.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes the bytes of a xentrace file (see {@link TraceFormat}); the single decoder behind every reader.
 *
 * <p>Stateless and thread-safe. Methods read at absolute positions of the given buffer and never change its
 * position, limit or byte order, so one buffer (for example a memory-mapped region) can be shared by readers.</p>
 */
public final class TraceRecordDecoder {

    private TraceRecordDecoder() {
    }

    /**
     * Reads a little-endian 32-bit word at an absolute position.
     *
     * @param buffer the bytes
     * @param position index of the first byte
     * @return the word
     */
    public static int word(ByteBuffer buffer, int position) {
        if (buffer.order() == ByteOrder.LITTLE_ENDIAN) {
            return buffer.getInt(position);
        }
        return Integer.reverseBytes(buffer.getInt(position));
    }

    /**
     * The size of the record whose header is at {@code position}, checking that it fits before {@code limit}.
     *
     * @param buffer the bytes
     * @param position index of the header
     * @param limit index one past the last byte the record may use (e.g. the end of its window)
     * @param fileOffset the file offset of {@code buffer} index 0, for error messages
     * @return the record size in bytes (4..40)
     * @throws TraceFormatException when fewer than 4 bytes remain or the record runs past {@code limit}
     */
    public static int recordBytes(ByteBuffer buffer, int position, int limit, long fileOffset)
            throws TraceFormatException {
        if (limit - position < TraceFormat.HEADER_BYTES) {
            throw new TraceFormatException(null, fileOffset + position,
                    "record header cut short: " + (limit - position) + " of 4 bytes before the end of the window");
        }
        int header = word(buffer, position);
        int size = TraceFormat.recordBytes(header);
        if (limit - position < size) {
            throw new TraceFormatException(null, fileOffset + position, String.format(
                    "record (event 0x%08x) needs %d bytes but only %d remain in the window",
                    TraceFormat.eventOf(header), size, limit - position));
        }
        return size;
    }

    /**
     * Decodes the record at {@code position}. The caller has checked its size with
     * {@link #recordBytes(ByteBuffer, int, int, long)}.
     *
     * @param buffer the bytes
     * @param position index of the header
     * @param cpu the pCPU of the window that holds the record
     * @return the record
     */
    public static TraceRecord decode(ByteBuffer buffer, int position, int cpu) {
        int header = word(buffer, position);
        int event = TraceFormat.eventOf(header);
        int n = TraceFormat.extraWordsOf(header);
        int p = position + TraceFormat.HEADER_BYTES;
        long tsc = 0;
        boolean hasTsc = TraceFormat.hasTsc(header);
        if (hasTsc) {
            tsc = (word(buffer, p) & 0xffffffffL) | ((long) word(buffer, p + 4) << 32);
            p += TraceFormat.TSC_BYTES;
        }
        int[] extra = new int[n];
        for (int i = 0; i < n; i++) {
            extra[i] = word(buffer, p + 4 * i);
        }
        return hasTsc ? TraceRecord.withTsc(event, cpu, tsc, extra) : TraceRecord.withoutTsc(event, cpu, extra);
    }

    /**
     * Decodes a CPU-change record, checking its header.
     *
     * @param buffer the bytes
     * @param position index of the header
     * @param limit index one past the last readable byte
     * @param fileOffset the file offset of {@code buffer} index 0, for error messages
     * @return {@code {cpu, windowBytes}}; the window size is an unsigned value and may exceed
     *         {@link Integer#MAX_VALUE} only in a corrupt file, which the caller detects as a window past the end
     * @throws TraceFormatException when fewer than 12 bytes remain or the header is not a CPU-change header
     */
    public static long[] decodeCpuChange(ByteBuffer buffer, int position, int limit, long fileOffset)
            throws TraceFormatException {
        if (limit - position < TraceFormat.CPU_CHANGE_BYTES) {
            throw new TraceFormatException(null, fileOffset + position, "CPU-change record cut short: "
                    + (limit - position) + " of " + TraceFormat.CPU_CHANGE_BYTES + " bytes at the end of the file");
        }
        int header = word(buffer, position);
        if (header != TraceFormat.CPU_CHANGE_HEADER) {
            throw new TraceFormatException(null, fileOffset + position, String.format(
                    "expected a CPU-change record (header 0x%08x) but found header 0x%08x",
                    TraceFormat.CPU_CHANGE_HEADER, header));
        }
        long cpu = word(buffer, position + 4) & 0xffffffffL;
        long window = word(buffer, position + 8) & 0xffffffffL;
        return new long[] {cpu, window};
    }
}
