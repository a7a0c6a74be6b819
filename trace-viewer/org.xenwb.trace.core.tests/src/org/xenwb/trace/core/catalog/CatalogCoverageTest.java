package org.xenwb.trace.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.util.List;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xenwb.trace.core.SharedData;
import org.xenwb.trace.core.format.TraceEvents;
import org.xenwb.trace.core.read.TraceReader;

/** The Xen 4.17 layout names every event that occurs in the real captures, and the public header's ids. */
class CatalogCoverageTest {

    static List<String> traces() {
        return SharedData.traceNames();
    }

    @ParameterizedTest
    @MethodSource("traces")
    void everyEventOfRealCapturesHasAName(String name) throws IOException {
        TreeSet<String> unknown = new TreeSet<>();
        try (TraceReader reader = TraceReader.open(SharedData.trace(name))) {
            while (reader.next()) {
                if (reader.kind() == TraceReader.Kind.RECORD && Xen417Layout.INSTANCE.find(reader.event()) == null) {
                    unknown.add(String.format("0x%08x", reader.event()));
                }
            }
        }
        assertEquals(new TreeSet<String>(), unknown, name + ": events without a name in the 4.17 layout");
    }

    @Test
    void publicHeaderIdsHaveNames() {
        int[] ids = {TraceEvents.TRC_LOST_RECORDS, TraceEvents.TRC_SCHED_SWITCH, TraceEvents.TRC_SCHED_SHUTDOWN_CODE,
            TraceEvents.TRC_DOM0_DOM_ADD, TraceEvents.TRC_MEM_POD_SUPERPAGE_SPLINTER, TraceEvents.TRC_PV_TRAP | 0x100,
            TraceEvents.TRC_SHADOW_RESYNC_ONLY, TraceEvents.TRC_HVM_VMEXIT64, TraceEvents.TRC_HVM_IOPORT_WRITE,
            TraceEvents.TRC_HVM_EMUL_LAPIC_PIC_INTR, TraceEvents.TRC_HVM_NPF | TraceEvents.TRC_HVM_NESTEDFLAG,
            TraceEvents.TRC_PM_IDLE_EXIT, TraceEvents.TRC_HW_IRQ_HANDLED, TraceEvents.TRC_SCHED_RUNSTATE_CHANGE | 0x120,
            TraceEvents.schedClassEvent(TraceEvents.TRC_SCHED_RTDS, 6),
            TraceEvents.schedClassEvent(TraceEvents.TRC_SCHED_SNULL, 6)};
        for (int id : ids) {
            assertNotNull(Xen417Layout.INSTANCE.find(id), String.format("0x%08x", id));
        }
    }
}
