package org.xenwb.engine.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A simulated domain: its configuration, vCPUs, life-cycle state, pause count, cpupool and scheduling parameters.
 * Mutated only by the engine on its simulation thread.
 */
public final class Domain {

    /** Xen's {@code DOMID_IDLE}. */
    public static final int IDLE_DOMID = 32767;

    private final int id;
    private final DomainConfig config;
    private final List<Vcpu> vcpus = new ArrayList<>();
    private DomainState state = DomainState.ACTIVE;
    private int pauseCount;
    private String shutdownReason;
    /** The cpupool id. */
    public int poolId;
    /** Weight (credit, credit2). */
    public int weight = 256;
    /** Cap in percent of one pCPU, 0 = none (credit, credit2). */
    public int cap;
    /** Scheduler-private per-domain data. */
    public Object schedData;
    /** Current memory, MiB. */
    public long memoryMiB;
    /** Creation time, ns. */
    public long createdAt;

    /**
     * @param id the domain id
     * @param config its configuration
     */
    public Domain(int id, DomainConfig config) {
        this.id = id;
        this.config = config;
        this.memoryMiB = config.memoryMiB();
    }

    /** @return the domain id */
    public int id() {
        return id;
    }

    /** @return the name */
    public String name() {
        return config.name();
    }

    /** @return the configuration it was created from */
    public DomainConfig config() {
        return config;
    }

    /** @return whether this is the idle domain */
    public boolean isIdle() {
        return id == IDLE_DOMID;
    }

    /** @return the vCPUs by id (unmodifiable view) */
    public List<Vcpu> vcpus() {
        return Collections.unmodifiableList(vcpus);
    }

    /**
     * @param v a new vCPU, with the next id
     */
    public void addVcpu(Vcpu v) {
        vcpus.add(v);
    }

    /** @return the life-cycle state */
    public DomainState state() {
        return state;
    }

    /**
     * @param s the new state
     * @param reason shutdown reason ({@code poweroff}, {@code reboot}, {@code crash}...), or null
     */
    public void setState(DomainState s, String reason) {
        this.state = s;
        this.shutdownReason = reason;
    }

    /** @return the shutdown reason, or null */
    public String shutdownReason() {
        return shutdownReason;
    }

    /** @return the pause count (paused when above 0) */
    public int pauseCount() {
        return pauseCount;
    }

    /** Increments the pause count. */
    public void pause() {
        pauseCount++;
    }

    /**
     * Decrements the pause count.
     *
     * @throws IllegalStateException when the domain is not paused
     */
    public void unpause() {
        if (pauseCount == 0) {
            throw new IllegalStateException("domain " + id + " is not paused");
        }
        pauseCount--;
    }

    /** @return the number of online vCPUs */
    public int onlineVcpus() {
        return (int) vcpus.stream().filter(v -> !v.down).count();
    }

    /**
     * @param now current time, ns
     * @return total CPU time of all vCPUs, ns
     */
    public long cpuTime(long now) {
        long t = 0;
        for (Vcpu v : vcpus) {
            t += v.timeIn(RunState.RUNNING, now);
        }
        return t;
    }

    @Override
    public String toString() {
        return "d" + id + "(" + name() + ")";
    }
}
