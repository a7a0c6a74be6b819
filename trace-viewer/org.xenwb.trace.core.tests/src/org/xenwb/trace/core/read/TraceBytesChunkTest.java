package org.xenwb.trace.core.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.xenwb.trace.core.SharedData;

/**
 * The chunked mapping (used for files over 2 GiB) reads the same words as one mapping: checked with 4 KiB chunks on
 * a real capture, at every 4-byte-aligned and unaligned offset around each chunk boundary and across the file.
 */
class TraceBytesChunkTest {

    @Test
    void chunkedReadsEqualOneMapping() throws IOException {
        Path trace = SharedData.trace("creditboot-credit-sched");
        long size = Files.size(trace);
        try (TraceBytes whole = TraceBytes.open(trace); TraceBytes chunked = TraceBytes.open(trace, 12)) {
            assertEquals(size, chunked.size());
            for (long at = 0; at + 8 <= size; at += 4) {
                assertEquals(whole.word(at), chunked.word(at), "word at " + at);
                assertEquals(whole.longWord(at), chunked.longWord(at), "longWord at " + at);
            }
            for (long boundary = 1L << 12; boundary < size; boundary += 1L << 12) {
                for (long at = Math.max(0, boundary - 9); at < Math.min(size - 8, boundary + 9); at++) {
                    assertEquals(whole.longWord(at), chunked.longWord(at), "longWord at " + at);
                    assertEquals(whole.word(at), chunked.word(at), "word at " + at);
                }
            }
        }
    }
}
