package org.xenwb.engine.core.model;

import org.xenwb.engine.core.sched.Scheduler;

/**
 * A cpupool: a set of pCPUs run by one scheduler instance. Pool-0 (id 0) exists from boot.
 */
public final class Cpupool {

    private final int id;
    private final String name;
    private final Scheduler scheduler;

    /**
     * @param id pool id
     * @param name pool name
     * @param scheduler its scheduler instance
     */
    public Cpupool(int id, String name, Scheduler scheduler) {
        this.id = id;
        this.name = name;
        this.scheduler = scheduler;
    }

    /** @return pool id */
    public int id() {
        return id;
    }

    /** @return pool name */
    public String name() {
        return name;
    }

    /** @return its scheduler */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** @return its pCPUs */
    public CpuSet cpus() {
        return scheduler.cpus();
    }
}
