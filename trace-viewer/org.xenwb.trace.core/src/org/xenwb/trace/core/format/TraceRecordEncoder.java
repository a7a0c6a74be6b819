package org.xenwb.trace.core.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Encodes records and CPU-change records into the exact bytes of a xentrace file (see {@link TraceFormat}).
 *
 * <p>Stateless and thread-safe. Each method writes at the buffer's position, advances it, and sets nothing else
 * of the buffer (its byte order is ignored: the bytes are always little-endian).</p>
 */
public final class TraceRecordEncoder {

    private TraceRecordEncoder() {
    }

    /**
     * Writes one record: header, TSC (low word first) when present, extra words.
     *
     * @param record the record
     * @param out destination with at least {@link TraceRecord#sizeInBytes()} bytes remaining
     * @throws java.nio.BufferOverflowException when the buffer is too small
     */
    public static void encode(TraceRecord record, ByteBuffer out) {
        ByteOrder order = out.order();
        out.order(ByteOrder.LITTLE_ENDIAN);
        try {
            out.putInt(record.header());
            if (record.hasTsc()) {
                out.putLong(record.tsc());
            }
            for (int i = 0; i < record.extraCount(); i++) {
                out.putInt(record.extra(i));
            }
        } finally {
            out.order(order);
        }
    }

    /**
     * Writes the CPU-change record that introduces a window.
     *
     * @param cpu the pCPU of the window
     * @param windowBytes the number of bytes of records that follow in the window
     * @param out destination with at least {@link TraceFormat#CPU_CHANGE_BYTES} bytes remaining
     */
    public static void encodeCpuChange(int cpu, int windowBytes, ByteBuffer out) {
        ByteOrder order = out.order();
        out.order(ByteOrder.LITTLE_ENDIAN);
        try {
            out.putInt(TraceFormat.CPU_CHANGE_HEADER);
            out.putInt(cpu);
            out.putInt(windowBytes);
        } finally {
            out.order(order);
        }
    }

    /**
     * The bytes of one record.
     *
     * @param record the record
     * @return a new array of {@link TraceRecord#sizeInBytes()} bytes
     */
    public static byte[] toBytes(TraceRecord record) {
        ByteBuffer buffer = ByteBuffer.allocate(record.sizeInBytes());
        encode(record, buffer);
        return buffer.array();
    }
}
