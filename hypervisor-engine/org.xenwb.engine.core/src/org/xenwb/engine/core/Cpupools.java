package org.xenwb.engine.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.xenwb.engine.core.model.CpuSet;
import org.xenwb.engine.core.model.Cpupool;
import org.xenwb.engine.core.model.Domain;
import org.xenwb.engine.core.model.SchedulerKind;
import org.xenwb.engine.core.model.Vcpu;
import org.xenwb.engine.core.ops.OperationKind;

/**
 * The cpupools of an {@link Engine} (Xen's {@code sched/cpupool.c}): Pool-0 and the pools created later, each
 * with its scheduler; moving pCPUs and domains between them pauses the domains concerned, takes their vCPUs out of
 * the old scheduler and inserts them into the new one, as Xen does. Simulation thread only.
 */
final class Cpupools {

    private final Engine engine;
    private final SchedulingCore core;
    private final List<Cpupool> pools = new ArrayList<>();
    private int nextPoolId = 1;

    Cpupools(Engine engine, SchedulingCore core) {
        this.engine = engine;
        this.core = core;
    }

    /** Registers Pool-0 at boot. */
    void addPool0(Cpupool pool0) {
        pools.add(pool0);
    }

    /** @return the pools in id order */
    List<Cpupool> pools() {
        return Collections.unmodifiableList(pools);
    }

    /**
     * @param id a pool id
     * @return the pool
     */
    Cpupool pool(int id) {
        for (Cpupool p : pools) {
            if (p.id() == id) {
                return p;
            }
        }
        throw new IllegalArgumentException("cpupool " + id + " does not exist");
    }

    /**
     * @param name a pool name or id
     * @return the pool
     */
    Cpupool poolByName(String name) {
        for (Cpupool p : pools) {
            if (p.name().equals(name) || Integer.toString(p.id()).equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("cpupool '" + name + "' does not exist");
    }

    /** @return pCPUs in no pool */
    CpuSet freeCpus() {
        CpuSet s = engine.hostTopology().allCpus();
        for (Cpupool p : pools) {
            s = s.andNot(p.cpus());
        }
        return s;
    }

    void setPoolCpus(Cpupool pool, CpuSet cpus) {
        List<Domain> members = new ArrayList<>();
        for (Domain d : engine.domainMap().values()) {
            if (d.poolId == pool.id()) {
                members.add(d);
            }
        }
        if (cpus.isEmpty() && !members.isEmpty()) {
            throw new IllegalArgumentException("cpupool " + pool.name() + " would have no CPU left for its domains");
        }
        for (Domain d : members) {
            engine.pauseInternal(d);
            engine.detach(d);
        }
        CpuSet old = pool.cpus();
        breakAffinities(pool, members, old.andNot(cpus), cpus);
        for (int c : old.toArray()) {
            core.cpuPool[c] = null;
        }
        pool.scheduler().setCpus(cpus);
        for (int c : cpus.toArray()) {
            core.cpuPool[c] = pool;
        }
        for (int c : old.or(cpus).toArray()) {
            core.tickle(c);
        }
        for (Domain d : members) {
            engine.attach(d, pool);
            engine.unpauseInternal(d);
        }
    }

    /**
     * {@code cpu_disable_scheduler}: a vCPU whose hard affinity contains a pCPU leaving its pool and none of the
     * pCPUs that stay gets the whole host as its hard affinity ("Breaking affinity for dXvY", in the console).
     */
    private void breakAffinities(Cpupool pool, List<Domain> members, CpuSet leaving, CpuSet staying) {
        if (leaving.isEmpty()) {
            return;
        }
        for (Domain d : members) {
            for (Vcpu v : d.vcpus()) {
                if (v.hardAffinity.intersects(leaving) && !v.hardAffinity.intersects(staying)) {
                    engine.log("Breaking affinity for " + v + " (cpupool " + pool.name() + ")");
                    v.hardAffinity = engine.allCpus();
                }
            }
        }
    }

    /**
     * Creates a cpupool ({@code xl cpupool-create}).
     *
     * @param name pool name
     * @param kind its scheduler
     * @param cpus free pCPUs to give it
     * @return the pool
     */
    Cpupool create(String name, SchedulerKind kind, CpuSet cpus) {
        engine.check(OperationKind.CPUPOOL_OP, -1, "create " + name);
        engine.build().requireScheduler(kind);
        for (Cpupool p : pools) {
            if (p.name().equals(name)) {
                throw new IllegalArgumentException("cpupool '" + name + "' already exists");
            }
        }
        if (!freeCpus().and(cpus).equals(cpus)) {
            throw new IllegalArgumentException("CPUs " + cpus.andNot(freeCpus()).formatList()
                    + " are not free (remove them from their pool first)");
        }
        Cpupool p = new Cpupool(nextPoolId++, name, engine.newScheduler(kind));
        pools.add(p);
        setPoolCpus(p, cpus);
        engine.applied(OperationKind.CPUPOOL_OP, -1, "create " + name);
        return p;
    }

    /**
     * Removes a pCPU from a pool ({@code xl cpupool-cpu-remove}).
     *
     * @param poolName the pool
     * @param cpu the pCPU
     */
    void cpuRemove(String poolName, int cpu) {
        Cpupool p = poolByName(poolName);
        engine.check(OperationKind.CPUPOOL_OP, -1, "cpu-remove " + cpu);
        if (!p.cpus().contains(cpu)) {
            throw new IllegalArgumentException("cpu " + cpu + " is not in cpupool " + p.name());
        }
        setPoolCpus(p, p.cpus().andNot(CpuSet.of(cpu)));
        engine.applied(OperationKind.CPUPOOL_OP, -1, "cpu-remove " + cpu);
    }

    /**
     * Adds a free pCPU to a pool ({@code xl cpupool-cpu-add}).
     *
     * @param poolName the pool
     * @param cpu the pCPU
     */
    void cpuAdd(String poolName, int cpu) {
        Cpupool p = poolByName(poolName);
        engine.check(OperationKind.CPUPOOL_OP, -1, "cpu-add " + cpu);
        if (!freeCpus().contains(cpu)) {
            throw new IllegalArgumentException("cpu " + cpu + " is not free");
        }
        setPoolCpus(p, p.cpus().or(CpuSet.of(cpu)));
        engine.applied(OperationKind.CPUPOOL_OP, -1, "cpu-add " + cpu);
    }

    /**
     * Moves a domain to another pool ({@code xl cpupool-migrate}).
     *
     * @param domid the domain (not 0)
     * @param poolName the target pool
     */
    void migrate(int domid, String poolName) {
        Domain d = engine.domain(domid);
        Cpupool target = poolByName(poolName);
        engine.check(OperationKind.CPUPOOL_OP, domid, "migrate to " + target.name());
        if (domid == 0) {
            throw new IllegalArgumentException("Domain-0 cannot leave Pool-0");
        }
        if (target.cpus().isEmpty()) {
            throw new IllegalArgumentException("cpupool " + target.name() + " has no CPUs");
        }
        if (target.id() == d.poolId) {
            return;
        }
        engine.pauseInternal(d);
        engine.detach(d);
        // sched_move_domain allocates the new scheduler's domain data: default weight, no cap (the real host's
        // xl list -l shows burn1 back at 256/0 after its weight and cap were set in pool-credit)
        d.weight = 256;
        d.cap = 0;
        // ... and sets every unit's hard and soft affinity to all CPUs
        for (Vcpu v : d.vcpus()) {
            v.hardAffinity = engine.allCpus();
            v.softAffinity = engine.allCpus();
        }
        engine.attach(d, target);
        engine.unpauseInternal(d);
        engine.applied(OperationKind.CPUPOOL_OP, domid, "migrate to " + target.name());
    }

    /**
     * Destroys an empty pool ({@code xl cpupool-destroy}); its pCPUs become free.
     *
     * @param poolName the pool (not Pool-0)
     */
    void destroy(String poolName) {
        Cpupool p = poolByName(poolName);
        engine.check(OperationKind.CPUPOOL_OP, -1, "destroy " + p.name());
        if (p.id() == 0) {
            throw new IllegalArgumentException("Pool-0 cannot be destroyed");
        }
        for (Domain d : engine.domainMap().values()) {
            if (d.poolId == p.id()) {
                throw new IllegalArgumentException("cpupool " + p.name() + " still has domain " + d.name());
            }
        }
        setPoolCpus(p, CpuSet.empty());
        pools.remove(p);
        engine.applied(OperationKind.CPUPOOL_OP, -1, "destroy " + p.name());
    }
}
