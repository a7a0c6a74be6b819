package org.xenwb.engine.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Map;

import org.xenwb.engine.core.Engine;
import org.xenwb.engine.core.model.Domain;
import org.xenwb.engine.core.model.RunState;
import org.xenwb.engine.core.model.Vcpu;
import org.xenwb.engine.core.trace.XentraceRecorder;

/**
 * Compares Debian xenalyze's per-vCPU runstate totals ({@code --summary}) with the engine's own accounting, for the
 * domains the engine still has.
 *
 * <p>xenalyze accounts a vCPU from the first time it is scheduled into the running state ("leaving INIT"), and only
 * intervals closed by a runstate change (a trace ends with {@code Engine.quiesce()}, which closes them), so the
 * engine's completed-interval totals ({@code Vcpu.runstateTime}) minus those before the first run must match. Per
 * interval, xenalyze's truncated average loses under a cycle, each end may round by a cycle, and the recorder's TSC
 * tie-breaking (records of one instant take consecutive TSCs) moves an end by up to the recorder's
 * {@code maxTscLead()}: a few cycles for context switches, hundreds when a cpupool operation pauses, moves and
 * resumes every vCPU of its domains at one instant. That, plus two cycles, per interval (and 64 cycles overall) is
 * the tolerance.</p>
 *
 * @param checked how many totals were compared
 * @param worstCycles the largest difference seen, TSC cycles
 */
record RunstateTotals(int checked, long worstCycles) {

    /**
     * Asserts that every runstate total of every vCPU of the engine's domains agrees with xenalyze's.
     *
     * @param e the engine, after {@code quiesce()} and {@code closeTrace()}, tracing with a {@link XentraceRecorder}
     * @param xenalyze {@link Xenalyze#runstates} of its trace's summary
     * @return what was compared
     */
    static RunstateTotals assertAgree(Engine e, Map<String, Xenalyze.Runstate> xenalyze) {
        long lead = ((XentraceRecorder) e.options().trace).maxTscLead();
        int checked = 0;
        long worst = 0;
        for (Domain d : e.domains()) {
            for (Vcpu v : d.vcpus()) {
                for (RunState s : RunState.values()) {
                    String key = "d" + d.id() + "v" + v.id() + "/" + s.name().toLowerCase(Locale.ROOT);
                    long engineNs = v.runstateTime[s.ordinal()] - (v.timeBeforeFirstRun == null
                            ? v.runstateTime[s.ordinal()] : v.timeBeforeFirstRun[s.ordinal()]);
                    Xenalyze.Runstate x = xenalyze.get(key);
                    if (x == null) {
                        assertEquals(0, engineNs, key + ": xenalyze has no such line but the engine counted "
                                + engineNs + " ns");
                        continue;
                    }
                    long engineCycles = e.hostTopology().nsToTsc(engineNs);
                    long slack = (lead + 2) * x.count() + 64;
                    long diff = Math.abs(engineCycles - x.minCycles());
                    assertTrue(diff <= slack, key + ": engine " + engineCycles + " cycles, xenalyze " + x.minCycles()
                            + " (" + x + "; records lead their time by up to " + lead + " cycles)");
                    checked++;
                    worst = Math.max(worst, diff);
                }
            }
        }
        return new RunstateTotals(checked, worst);
    }
}
