package org.xenwb.trace.core.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;
import org.xenwb.trace.core.SharedData;

class TraceFormatTest {

    @Test
    void headerBitsFollowTraceH() {
        int h = TraceFormat.header(TraceEvents.TRC_SCHED_SWITCH, 7, true);
        assertEquals(0xf0028000 | 10, h);
        assertEquals(TraceEvents.TRC_SCHED_SWITCH, TraceFormat.eventOf(h));
        assertEquals(7, TraceFormat.extraWordsOf(h));
        assertTrue(TraceFormat.hasTsc(h));
        assertEquals(40, TraceFormat.recordBytes(h));
        assertEquals(4, TraceFormat.recordBytes(TraceFormat.header(1, 0, false)));
        assertEquals(0x2001f003, TraceFormat.CPU_CHANGE_HEADER);
        assertThrows(IllegalArgumentException.class, () -> TraceFormat.header(0x10000000, 0, false));
        assertThrows(IllegalArgumentException.class, () -> TraceRecord.withTsc(1, 0, 0, new int[8]));
    }

    @Test
    void eventIdsMatchPublicHeader() {
        assertEquals(0x0002800a, TraceEvents.TRC_SCHED_SWITCH);
        assertEquals(0x00021001, TraceEvents.TRC_SCHED_RUNSTATE_CHANGE);
        assertEquals(0x00081102, TraceEvents.TRC_HVM_VMEXIT64);
        assertEquals(0x00082216, TraceEvents.TRC_HVM_IOPORT_WRITE);
        assertEquals(0x0020100d, TraceEvents.TRC_PV_HYPERCALL_V2);
        assertEquals(0x0020200e, TraceEvents.TRC_PV_HYPERCALL_SUBCALL);
        assertEquals(0x00802008, TraceEvents.TRC_HW_IRQ_HANDLED);
        assertEquals(0x00022201, TraceEvents.schedClassEvent(TraceEvents.TRC_SCHED_CSCHED2, 1));
        assertEquals(TraceEvents.TRC_SCHED_CSCHED2, TraceEvents.schedulerIdOf(0x00022201));
        assertTrue(TraceEvents.isInClass(TraceEvents.TRC_SCHED_SWITCH, TraceEvents.TRC_SCHED));
        assertTrue(TraceEvents.isInClass(TraceEvents.TRC_HVM_VMEXIT, TraceEvents.TRC_HVM_ENTRYEXIT));
        assertFalse(TraceEvents.isInClass(TraceEvents.TRC_HVM_PF_XEN, TraceEvents.TRC_HVM_ENTRYEXIT));
        assertFalse(TraceEvents.isInClass(TraceEvents.TRC_PV_TRAP, TraceEvents.TRC_SCHED));
    }

    @Test
    void encodeDecodeRoundTrip() throws TraceFormatException {
        TraceRecord[] records = {
            TraceRecord.withTsc(TraceEvents.TRC_SCHED_SWITCH, 3, 0xfedcba9876543210L, 1, 2, 3, 4, 5, 6, 7),
            TraceRecord.withoutTsc(TraceEvents.TRC_PV_HYPERCALL_V2, 0, 0x12345),
            TraceRecord.withoutTsc(0x0ffffff0, 1),
            TraceRecord.lostRecords(2, 1000, 17, 0x7fff, 3, 900),
        };
        for (TraceRecord r : records) {
            byte[] bytes = TraceRecordEncoder.toBytes(r);
            assertEquals(r.sizeInBytes(), bytes.length);
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(bytes.length, TraceRecordDecoder.recordBytes(b, 0, bytes.length, 0));
            assertEquals(r, TraceRecordDecoder.decode(b, 0, r.cpu()));
        }
        TraceRecord lost = records[3];
        assertEquals(17, lost.extra(0));
        assertEquals(0x00037fff, lost.extra(1));
        assertEquals(900, lost.extra(2));
        assertEquals(0, lost.extra(3));
    }

    @Test
    void decoderReportsOffsetOfCutRecord() {
        byte[] bytes = TraceRecordEncoder.toBytes(TraceRecord.withTsc(TraceEvents.TRC_SCHED_WAKE, 0, 5, 1, 2));
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        TraceFormatException e = assertThrows(TraceFormatException.class,
                () -> TraceRecordDecoder.recordBytes(b, 0, bytes.length - 4, 1000));
        assertEquals(1000, e.offset());
        assertTrue(e.getMessage().contains("needs 20 bytes but only 16 remain"), e.getMessage());
    }

    @Test
    void writerGroupsRecordsIntoCpuWindows() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TraceWriter w = new TraceWriter(bytes)) {
            w.write(TraceRecord.withTsc(TraceEvents.TRC_SCHED_WAKE, 0, 10, 1));
            w.write(TraceRecord.withTsc(TraceEvents.TRC_SCHED_WAKE, 0, 11, 2));
            w.write(TraceRecord.withoutTsc(TraceEvents.TRC_PV_HYPERCALL_V2, 1, 3));
        }
        ByteBuffer b = ByteBuffer.wrap(bytes.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(12 + 32 + 12 + 8, b.limit());
        assertArrayEquals(new long[] {0, 32}, TraceRecordDecoder.decodeCpuChange(b, 0, b.limit(), 0));
        assertArrayEquals(new long[] {1, 8}, TraceRecordDecoder.decodeCpuChange(b, 44, b.limit(), 0));
        assertEquals(TraceRecord.withoutTsc(TraceEvents.TRC_PV_HYPERCALL_V2, 1, 3),
                TraceRecordDecoder.decode(b, 56, 1));
    }

    /** Decodes a real xentrace file window by window and writes it again: the bytes must be identical. */
    @Test
    void writerReproducesRealXentraceFileExactly() throws IOException {
        byte[] original = Files.readAllBytes(SharedData.trace("creditboot-credit-sched"));
        ByteBuffer in = ByteBuffer.wrap(original).order(ByteOrder.LITTLE_ENDIAN);
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        int records = 0;
        try (TraceWriter w = new TraceWriter(copy)) {
            int p = 0;
            while (p < original.length) {
                long[] change = TraceRecordDecoder.decodeCpuChange(in, p, original.length, 0);
                p += TraceFormat.CPU_CHANGE_BYTES;
                int end = p + (int) change[1];
                while (p < end) {
                    int size = TraceRecordDecoder.recordBytes(in, p, end, 0);
                    w.write(TraceRecordDecoder.decode(in, p, (int) change[0]));
                    p += size;
                    records++;
                }
                w.endWindow();
            }
        }
        assertEquals(20271, records, "record count of INDEX.md");
        assertArrayEquals(original, copy.toByteArray());
    }
}
