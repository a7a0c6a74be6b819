package org.xenwb.engine.core.model;

import java.util.Locale;

/**
 * The schedulers of Xen 4.17, with the names {@code xl} and the {@code sched=} boot option use, the Kconfig symbol
 * that builds them in and the {@code XEN_SCHEDULER_*} id of Xen's public sysctl interface.
 */
public enum SchedulerKind {
    /** Credit (credit.c): weights, caps, 30 ms timeslice, BOOST/UNDER/OVER. */
    CREDIT("credit", "SCHED_CREDIT", 5, "SMP Credit Scheduler"),
    /** Credit2 (credit2.c): credits reset per runqueue, ratelimit, caps via budgets. */
    CREDIT2("credit2", "SCHED_CREDIT2", 6, "SMP Credit Scheduler rev2"),
    /** ARINC653 (arinc653.c): static major frame / schedule table, one pCPU. */
    ARINC653("arinc653", "SCHED_ARINC653", 7, "ARINC 653 Scheduler"),
    /** RTDS (rt.c): global EDF with per-vCPU budget and period. */
    RTDS("rtds", "SCHED_RTDS", 8, "SMP RTDS Scheduler"),
    /** null (null.c): one vCPU per pCPU, no time sharing. */
    NULL("null", "SCHED_NULL", 9, "null Scheduler");

    private final String xlName;
    private final String kconfig;
    private final int xenId;
    private final String longName;

    SchedulerKind(String xlName, String kconfig, int xenId, String longName) {
        this.xlName = xlName;
        this.kconfig = kconfig;
        this.xenId = xenId;
        this.longName = longName;
    }

    /** @return the name used by xl and {@code sched=}, e.g. {@code credit2} */
    public String xlName() {
        return xlName;
    }

    /** @return the Kconfig symbol without {@code CONFIG_}, e.g. {@code SCHED_CREDIT2} */
    public String kconfigSymbol() {
        return kconfig;
    }

    /** @return the {@code XEN_SCHEDULER_*} value */
    public int xenId() {
        return xenId;
    }

    /** @return the name Xen prints at boot ("Using scheduler: ...") */
    public String longName() {
        return longName;
    }

    /**
     * @param name an xl scheduler name (case-insensitive)
     * @return the scheduler
     * @throws IllegalArgumentException listing the valid names
     */
    public static SchedulerKind fromXlName(String name) {
        for (SchedulerKind k : values()) {
            if (k.xlName.equals(name.toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown scheduler '" + name
                + "' (known: credit, credit2, rtds, arinc653, null)");
    }
}
