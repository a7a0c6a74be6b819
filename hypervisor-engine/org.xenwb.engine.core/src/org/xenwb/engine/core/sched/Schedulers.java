package org.xenwb.engine.core.sched;

import org.xenwb.engine.core.model.SchedulerKind;

/** Creates scheduler instances. */
public final class Schedulers {

    private Schedulers() {
    }

    /**
     * @param kind which scheduler
     * @return a new, uninitialised instance
     */
    public static Scheduler create(SchedulerKind kind) {
        return switch (kind) {
            case CREDIT -> new CreditScheduler();
            case CREDIT2 -> new Credit2Scheduler();
            case RTDS -> new RtdsScheduler();
            case ARINC653 -> new Arinc653Scheduler();
            case NULL -> new NullScheduler();
        };
    }
}
