package org.xenwb.engine.core.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.xenwb.trace.core.read.TraceReader;

/** Walks a trace's records in the reader's order, for tests that check each record against its pCPU's previous one. */
final class RecordWalk {

    /** Sees one record. */
    interface Visitor {
        /**
         * @param r the reader, on the record
         * @param previousOnCpu the event id of the previous record on the same pCPU, or -1 for its first
         */
        void record(TraceReader r, int previousOnCpu);
    }

    private RecordWalk() {
    }

    /**
     * Visits every record of a trace, then checks that the reader found no format problem.
     *
     * @param file the trace
     * @param visitor called per record
     */
    static void eachRecord(Path file, Visitor visitor) throws IOException {
        Map<Integer, Integer> last = new HashMap<>();
        try (TraceReader r = TraceReader.open(file)) {
            while (r.next()) {
                if (r.kind() != TraceReader.Kind.RECORD) {
                    continue;
                }
                Integer previous = last.put(r.cpu(), r.event());
                visitor.record(r, previous == null ? -1 : previous);
            }
            assertTrue(r.problems().isEmpty(), r.problems().toString());
        }
    }

    /** @return where the reader is, for a message: file, offset and pCPU */
    static String at(Path file, TraceReader r) {
        return file.getFileName() + " at offset " + r.offset() + " (pCPU " + r.cpu() + "): ";
    }
}
