package org.xenwb.engine.core.sched;

import java.util.ArrayList;
import java.util.List;

import org.xenwb.engine.core.model.Domain;

/** Credit2's per-domain state ({@code struct csched2_dom}): weight, cap budget, parked vCPUs. */
final class Credit2Dom {
    final Domain d;
    long budget;
    long totBudget;
    long nextRepl;
    final List<Credit2Unit> parked = new ArrayList<>();
    SchedContext.Timer replTimer;
    int nrUnits;

    Credit2Dom(Domain d) {
        this.d = d;
    }
}
