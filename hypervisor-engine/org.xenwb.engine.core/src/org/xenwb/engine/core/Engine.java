package org.xenwb.engine.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;

import org.xenwb.engine.core.model.CpuSet;
import org.xenwb.engine.core.model.Cpupool;
import org.xenwb.engine.core.model.Domain;
import org.xenwb.engine.core.model.DomainConfig;
import org.xenwb.engine.core.model.DomainState;
import org.xenwb.engine.core.model.HostTopology;
import org.xenwb.engine.core.model.HypervisorBuild;
import org.xenwb.engine.core.model.RunState;
import org.xenwb.engine.core.model.SchedulerKind;
import org.xenwb.engine.core.model.Vcpu;
import org.xenwb.engine.core.ops.Operation;
import org.xenwb.engine.core.ops.OperationDeniedException;
import org.xenwb.engine.core.ops.OperationKind;
import org.xenwb.engine.core.ops.Verdict;
import org.xenwb.engine.core.sched.Scheduler;
import org.xenwb.engine.core.sched.Schedulers;
import org.xenwb.engine.core.sim.EngineTrace;
import org.xenwb.engine.core.sim.EventQueue;
import org.xenwb.engine.core.sim.SimRandom;
import org.xenwb.engine.core.workload.Workload;
import org.xenwb.engine.core.workload.Workloads;

/**
 * A simulated Xen host: pCPUs, cpupools with their schedulers, dom0, the idle domain and guest domains, driven by
 * a deterministic discrete-event loop. The engine holds the domain life-cycle and cpupool code (Xen's
 * {@code common/domain.c}, {@code sched/cpupool.c}); its scheduling core ({@code sched/core.c}) is
 * {@code SchedulingCore}. Every privileged operation goes through the
 * {@link org.xenwb.engine.core.ops.OperationGateway}.
 *
 * <p>Determinism: the same host, build, options (seed) and sequence of calls give the same results and trace,
 * byte for byte. Not thread-safe: use one engine from one thread.</p>
 */
public final class Engine {

    private final HostTopology host;
    /**
     * Every pCPU, one instance shared by all vCPUs whose affinity is the whole host (most of them): the schedulers
     * test affinities on every decision, and one set stays in the processor's cache where a thousand copies do not.
     */
    private final CpuSet allCpus;
    private final HypervisorBuild build;
    private final EngineOptions options;
    private final SchedulingCore core;
    private final EventQueue queue;
    private final SimRandom random;
    private final Cpupool[] cpuPool;
    private final Cpupools cpupools;
    private final TreeMap<Integer, Domain> domains = new TreeMap<>();
    private final Domain idleDomain;
    private final List<String> console = new ArrayList<>();
    private final EngineTrace trace;
    private int domidRover = 1;

    /**
     * Boots the host: the idle domain, Pool-0 with all pCPUs and the boot scheduler, and dom0.
     *
     * @param host the host
     * @param build the hypervisor build
     * @param bootScheduler the {@code sched=} scheduler, or null for the build's default
     * @param options options
     * @throws IllegalArgumentException if the scheduler is not in the build
     */
    public Engine(HostTopology host, HypervisorBuild build, SchedulerKind bootScheduler, EngineOptions options) {
        this.host = host;
        this.allCpus = host.allCpus();
        this.build = build;
        this.options = options;
        this.random = new SimRandom(options.seed);
        this.trace = build.hasTraceBuffer() ? options.trace : EngineTrace.NONE;
        if (!build.hasTraceBuffer() && options.trace != EngineTrace.NONE) {
            throw new IllegalArgumentException("tracing needs CONFIG_TRACEBUFFER, which is not set in "
                    + build.source());
        }
        String nrCpus = build.value("NR_CPUS");
        if (nrCpus != null && nrCpus.matches("\\d+") && host.nrCpus() > Integer.parseInt(nrCpus)) {
            throw new IllegalArgumentException("the host has " + host.nrCpus() + " pCPUs but the build supports "
                    + nrCpus + " (CONFIG_NR_CPUS in " + build.source() + ")");
        }
        if (options.gateway.isFlaskPolicy() && !build.hasFlask()) {
            throw new IllegalArgumentException("a FLASK policy needs CONFIG_XSM and CONFIG_XSM_FLASK, which are not "
                    + "set in " + build.source());
        }
        this.core = new SchedulingCore(host, options, trace, this::pool);
        this.cpupools = new Cpupools(this, core);
        this.queue = core.queue;
        this.cpuPool = core.cpuPool;
        trace.bind(queue::now, host);
        int n = host.nrCpus();
        idleDomain = new Domain(Domain.IDLE_DOMID, DomainConfig.simple("(idle)", n, 1));
        for (int cpu = 0; cpu < n; cpu++) {
            Vcpu v = new Vcpu(idleDomain, cpu, cpu, CpuSet.of(cpu));
            idleDomain.addVcpu(v);
            v.runstate = RunState.RUNNING;
            v.isRunning = true;
            core.idle[cpu] = v;
            core.curr[cpu] = v;
        }
        SchedulerKind kind = bootScheduler == null ? build.defaultScheduler() : bootScheduler;
        build.requireScheduler(kind);
        log("Xen version " + build.version() + " (engine simulation), build-id " + build.buildId());
        log("Using scheduler: " + kind.longName() + " (" + kind.xlName() + ")");
        log("XSM: " + (build.hasFlask() ? "FLASK built in; " : "") + options.gateway.describe());
        log("Brought up " + n + " CPUs");
        Cpupool pool0 = new Cpupool(0, "Pool-0", newScheduler(kind));
        cpupools.addPool0(pool0);
        cpupools.setPoolCpus(pool0, allCpus);
        DomainConfig dom0 = DomainConfig.simple("Domain-0", options.dom0Vcpus <= 0 ? n : options.dom0Vcpus,
                options.dom0MemMiB).withWorkload(options.dom0Workload);
        createDomainWithId(0, dom0);
    }

    Scheduler newScheduler(SchedulerKind kind) {
        Scheduler s = Schedulers.create(kind);
        s.init(core);
        return s;
    }

    /** @return the set of all the host's pCPUs (the shared instance the default affinities use) */
    CpuSet allCpus() {
        return allCpus;
    }

    void log(String line) {
        console.add("(XEN) " + line);
    }

    // ----------------------------------------------------------------------------------------------------------
    // running

    /**
     * Advances the simulation.
     *
     * @param durationNs how long, ns
     */
    public void run(long durationNs) {
        if (durationNs < 0) {
            throw new IllegalArgumentException("negative duration: " + durationNs + " ns");
        }
        queue.runUntil(queue.now() + durationNs, null);
    }

    /**
     * Advances the simulation, reporting each hundredth of {@code durationNs} to the monitor and checking its
     * cancellation flag then and every 4096 events. A canceled run returns with the clock at the last event fired;
     * the same run without a cancellation fires the same events as {@link #run(long)}.
     *
     * @param durationNs how long, ns
     * @param monitor progress/cancel; may be null
     */
    public void run(long durationNs, ProgressMonitor monitor) {
        if (durationNs < 0) {
            throw new IllegalArgumentException("negative duration: " + durationNs + " ns");
        }
        long end = queue.now() + durationNs;
        long step = Math.max(1, durationNs / 100);
        if (monitor != null) {
            monitor.begin("simulating", 100);
        }
        // a request to cancel is also seen within a step (every 4096 events): a step of a long run on a big host may
        // take seconds
        EventQueue.BooleanSupplierLike cancel = monitor == null ? null : monitor::isCanceled;
        while (queue.now() < end) {
            if (monitor != null && monitor.isCanceled()) {
                return;
            }
            queue.runUntil(Math.min(end, queue.now() + step), cancel);
            if (monitor != null) {
                monitor.worked(1);
                monitor.simulatedTo(queue.now());
            }
        }
    }

    /** @return events fired so far */
    public long eventCount() {
        return queue.firedCount();
    }

    /** @return scheduling decisions so far */
    public long decisionCount() {
        return core.decisions;
    }

    /** @return the current simulated time, ns */
    public long now() {
        return queue.now();
    }

    /**
     * @param cpu a pCPU
     * @return the vCPU running there now (its idle vCPU when idle)
     */
    public Vcpu curr(int cpu) {
        return core.curr[cpu];
    }

    // ----------------------------------------------------------------------------------------------------------
    // operations

    void check(OperationKind kind, int domid, String detail) {
        Operation op = Operation.byDom0(kind, domid, detail);
        Verdict v = options.gateway.check(op);
        if (!v.allowed()) {
            throw new OperationDeniedException(op, v);
        }
    }

    void applied(OperationKind kind, int domid, String detail) {
        options.gateway.applied(Operation.byDom0(kind, domid, detail));
    }

    /**
     * Creates a domain, as {@code xl create}. Like Xen's domid allocation, ids come from a rover that starts at 1
     * and moves forward (a destroyed domain's id is not reused until the rover wraps at 0x7ff0).
     *
     * @param cfg its configuration
     * @return the domain
     * @throws IllegalArgumentException for a duplicate name, an unknown pool or one without pCPUs, or bad affinity
     */
    public Domain createDomain(DomainConfig cfg) {
        int id = domidRover;
        while (domains.containsKey(id)) {
            id = id + 1 >= 0x7ff0 ? 1 : id + 1;
        }
        domidRover = id + 1 >= 0x7ff0 ? 1 : id + 1;
        return createDomainWithId(id, cfg);
    }

    private Domain createDomainWithId(int id, DomainConfig cfg) {
        check(OperationKind.DOMAIN_CREATE, id, cfg.name());
        for (Domain d : domains.values()) {
            if (d.name().equals(cfg.name())) {
                throw new IllegalArgumentException("domain '" + cfg.name() + "' already exists (id " + d.id() + ")");
            }
        }
        Cpupool pool = cfg.pool() == null ? pool(0) : poolByName(cfg.pool());
        if (pool.cpus().isEmpty()) {
            // cpupool_add_domain: -ENODEV
            throw new IllegalArgumentException("cpupool " + pool.name() + " has no CPUs: add one before creating a "
                    + "domain in it");
        }
        Domain d = new Domain(id, cfg);
        d.createdAt = queue.now();
        d.poolId = pool.id();
        d.weight = cfg.weight() > 0 ? cfg.weight() : 256;
        d.cap = Math.max(0, cfg.cap());
        int[] poolCpus = pool.cpus().toArray();
        boolean replay = cfg.workload() != null && cfg.workload().startsWith("replay");
        var makeWorkload = replay ? null : Workloads.factory(cfg.workload());
        for (int i = 0; i < cfg.maxvcpus(); i++) {
            // (no set built for the usual whole-host affinity: the vCPU's objects then lie together in memory)
            CpuSet hard = cfg.cpus().isEmpty() ? allCpus : shared(cfg.affinity(cfg.cpus(), i, host));
            CpuSet soft = cfg.cpusSoft().isEmpty() ? allCpus : shared(cfg.affinity(cfg.cpusSoft(), i, host));
            int proc = poolCpus[(id + i) % poolCpus.length];
            Vcpu v = new Vcpu(d, i, proc, allCpus);
            v.hardAffinity = hard;
            v.softAffinity = soft;
            v.down = i >= cfg.vcpus();
            v.blocked = true; // until its workload starts, after the scheduler knows it
            v.stateEntryTime = queue.now();
            Workload w = replay ? replayWorkload(cfg.workload(), id, i)
                    : makeWorkload.apply(random.seedOf(id * 65536L + i));
            VcpuState vs = new VcpuState(v, w, core);
            v.engineData = vs;
            d.addVcpu(v);
        }
        domains.put(id, d);
        if (trace.enabled()) {
            trace.domainCreated(0, d);
        }
        attach(d, pool);
        for (Vcpu v : d.vcpus()) {
            startWorkload(v);
        }
        if (pool.scheduler() instanceof org.xenwb.engine.core.sched.RtdsScheduler rt && cfg.periodUs() > 0) {
            for (Vcpu v : d.vcpus()) {
                rt.setParams(v, cfg.periodUs() * 1000, Math.max(10, cfg.budgetUs()) * 1000, cfg.extratime() != 0);
            }
        }
        applied(OperationKind.DOMAIN_CREATE, id, cfg.name());
        log("d" + id + ": created '" + cfg.name() + "' with " + cfg.vcpus() + " vCPUs in " + pool.name());
        return d;
    }

    private Workload replayWorkload(String spec, int domid, int vcpu) {
        if (options.replay == null) {
            throw new IllegalArgumentException("workload '" + spec + "' needs a trace to replay (a scenario's "
                    + "'replay FILE cpu_hz=HZ' line, or --replay FILE)");
        }
        int d = domid;
        if (spec.startsWith("replay:d")) {
            d = Integer.parseInt(spec.substring(8));
        } else if (!spec.equals("replay")) {
            throw new IllegalArgumentException("bad replay workload '" + spec + "' (replay or replay:dN)");
        }
        var p = options.replay.pattern(d, vcpu);
        if (p == null) {
            // a vCPU the trace never shows running or waking stays idle, but a whole domain missing is a mistake
            int traced = d;
            List<String> domains = options.replay.patterns().stream().map(x -> "d" + x.domid()).distinct().toList();
            if (domains.stream().noneMatch(x -> x.equals("d" + traced))) {
                throw new IllegalArgumentException("workload '" + spec + "': the replayed trace has no runstate "
                        + "changes of domain " + d + (domains.isEmpty() ? " (it has none of any domain)"
                        : " (it has " + String.join(", ", domains) + ")"));
            }
            return Workloads.create("idle", 0);
        }
        return new org.xenwb.engine.core.workload.Replay(p.startsBlockedNs(), p.pattern(),
                "replay d" + d + "v" + vcpu);
    }

    /**
     * Starts a new vCPU's workload: the domain's first unpause ({@code vcpu_wake}, with its WAKE record, for every
     * vCPU), then the vCPU runnable or blocked as its workload begins.
     */
    private void startWorkload(Vcpu v) {
        core.wakeRecord(v);
        VcpuState vs = (VcpuState) v.engineData;
        long now = queue.now();
        long first = vs.workload.start(now);
        if (first >= 0) {
            vs.remaining = first;
            v.blocked = false;
        } else {
            v.blocked = true;
            if (first != Long.MIN_VALUE) {
                vs.setWakeUp(queue, now + (-first - 1));
            }
        }
        if (v.runnable()) {
            core.makeRunnableIfPossible(v);
        } else if (v.blocked) {
            core.changeRunstate(v, RunState.BLOCKED);
        }
    }

    void attach(Domain d, Cpupool pool) {
        d.poolId = pool.id();
        Scheduler s = pool.scheduler();
        s.insertDomain(d);
        for (Vcpu v : d.vcpus()) {
            if (!pool.cpus().contains(v.processor) && !pool.cpus().isEmpty()) {
                v.processor = pool.cpus().cycleFrom(v.processor);
            }
            s.insertVcpu(v);
        }
    }

    /** Takes every vCPU of {@code d} off the pCPUs and out of its scheduler; the domain must be paused. */
    void detach(Domain d) {
        for (Vcpu v : d.vcpus()) {
            if (v.isRunning) {
                core.schedule(v.processor);
            }
        }
        Scheduler s = pool(d.poolId).scheduler();
        for (Vcpu v : d.vcpus()) {
            if (v.schedData != null) {
                s.sleep(v);
                s.removeVcpu(v);
            }
        }
        s.removeDomain(d);
    }

    /** Like Xen's {@code domain_pause}: synchronous, every vCPU is off its pCPU when this returns. */
    void pauseInternal(Domain d) {
        d.pause();
        // vcpu_sleep_sync for each vCPU: its SLEEP record, off the run queues; then the running ones leave their
        // pCPUs (Xen waits for each in turn; here all vCPUs are off the run queues first, so no pCPU picks one)
        for (Vcpu v : d.vcpus()) {
            core.vcpuSleep(v);
        }
        for (Vcpu v : d.vcpus()) {
            if (v.isRunning) {
                core.schedule(v.processor);
            }
        }
    }

    void unpauseInternal(Domain d) {
        d.unpause();
        if (d.pauseCount() == 0) {
            for (Vcpu v : d.vcpus()) {
                core.vcpuWake(v); // domain_unpause: vcpu_wake for every vCPU, with its WAKE record
            }
        }
    }

    /**
     * @param domid a domain
     * @return it
     * @throws IllegalArgumentException if there is none
     */
    public Domain domain(int domid) {
        Domain d = domains.get(domid);
        if (d == null) {
            throw new IllegalArgumentException("domain " + domid + " does not exist");
        }
        return d;
    }

    /**
     * Finds a domain by name or id, as xl's {@code find_domain}.
     *
     * @param nameOrId a name or a number
     * @return the domain
     * @throws IllegalArgumentException if there is none
     */
    public Domain findDomain(String nameOrId) {
        for (Domain d : domains.values()) {
            if (d.name().equals(nameOrId)) {
                return d;
            }
        }
        try {
            return domain(Integer.parseInt(nameOrId));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("domain '" + nameOrId + "' does not exist", e);
        }
    }

    /** @return the domains in id order (dom0 first), without the idle domain */
    public Collection<Domain> domains() {
        return Collections.unmodifiableCollection(domains.values());
    }

    /** @return the live domains by id (the engine's own map; package use only) */
    java.util.Map<Integer, Domain> domainMap() {
        return domains;
    }

    /** @return the idle domain */
    public Domain idleDomain() {
        return idleDomain;
    }

    /** @param domid a domain to pause ({@code xl pause}) */
    public void pause(int domid) {
        Domain d = domain(domid);
        check(OperationKind.DOMAIN_PAUSE, domid, "");
        pauseInternal(d);
        applied(OperationKind.DOMAIN_PAUSE, domid, "");
    }

    /** @param domid a domain to unpause ({@code xl unpause}) */
    public void unpause(int domid) {
        Domain d = domain(domid);
        check(OperationKind.DOMAIN_UNPAUSE, domid, "");
        if (d.pauseCount() == 0) {
            throw new IllegalArgumentException("domain " + domid + " is not paused");
        }
        unpauseInternal(d);
        applied(OperationKind.DOMAIN_UNPAUSE, domid, "");
    }

    /**
     * Destroys a domain ({@code xl destroy}).
     *
     * @param domid the domain (not 0)
     */
    public void destroy(int domid) {
        if (domid == 0) {
            throw new IllegalArgumentException("cannot destroy Domain-0");
        }
        Domain d = domain(domid);
        check(OperationKind.DOMAIN_DESTROY, domid, "");
        teardown(d);
        applied(OperationKind.DOMAIN_DESTROY, domid, "");
        log("d" + domid + ": destroyed");
    }

    private void teardown(Domain d) {
        if (d.state() == DomainState.ACTIVE) {
            pauseInternal(d);
        }
        detach(d);
        for (Vcpu v : d.vcpus()) {
            VcpuState vs = (VcpuState) v.engineData;
            vs.cancel(queue);
            core.changeRunstate(v, RunState.OFFLINE);
        }
        d.setState(DomainState.DESTROYED, d.shutdownReason());
        domains.remove(d.id());
        if (trace.enabled()) {
            trace.domainDestroyed(0, d);
        }
    }

    /**
     * Shuts a domain down as if the guest did ({@code xl shutdown}/{@code reboot}, or a crash), then applies the
     * configured {@code on_poweroff}/{@code on_reboot}/{@code on_crash} action.
     *
     * @param domid the domain (not 0)
     * @param reason {@code poweroff}, {@code reboot} or {@code crash}
     * @return the new domain when the action restarted it, else null
     */
    public Domain shutdown(int domid, String reason) {
        if (domid == 0) {
            throw new IllegalArgumentException("shutting down Domain-0 would stop the host; not simulated");
        }
        Domain d = domain(domid);
        check(OperationKind.DOMAIN_SHUTDOWN, domid, reason);
        var action = switch (reason) {
            case "poweroff" -> d.config().onPoweroff();
            case "reboot" -> d.config().onReboot();
            case "crash" -> d.config().onCrash();
            default -> throw new IllegalArgumentException("unknown shutdown reason '" + reason + "'");
        };
        applied(OperationKind.DOMAIN_SHUTDOWN, domid, reason);
        log("d" + domid + ": shutdown (" + reason + "), action " + action.xlName());
        switch (action) {
            case PRESERVE -> {
                pauseInternal(d);
                d.setState("crash".equals(reason) ? DomainState.CRASHED : DomainState.SHUTDOWN, reason);
                return null;
            }
            case DESTROY, COREDUMP_DESTROY -> {
                teardown(d);
                return null;
            }
            default -> {
                teardown(d);
                return createDomain(d.config());
            }
        }
    }

    /**
     * Sets a vCPU's affinities ({@code xl vcpu-pin}).
     *
     * @param domid the domain
     * @param vcpu the vCPU, or -1 for all
     * @param hard the new hard affinity, or null to keep it
     * @param soft the new soft affinity, or null to keep it
     */
    public void vcpuPin(int domid, int vcpu, CpuSet hard, CpuSet soft) {
        Domain d = domain(domid);
        check(OperationKind.VCPU_AFFINITY, domid, "vcpu " + vcpu);
        if (hard != null && hard.isEmpty()) {
            throw new IllegalArgumentException("empty hard affinity");
        }
        if (vcpu >= d.vcpus().size()) {
            throw new IllegalArgumentException("domain " + domid + " has no vCPU " + vcpu);
        }
        if (hard != null && !hard.intersects(pool(d.poolId).cpus())) {
            // vcpu_set_hard_affinity: -EINVAL without a pCPU of the domain's cpupool
            throw new IllegalArgumentException("Could not set affinity for vcpu `" + Math.max(vcpu, 0) + "': "
                    + hard.formatList() + " has no CPU of cpupool " + pool(d.poolId).name() + " ("
                    + pool(d.poolId).cpus().formatList() + ")");
        }
        for (Vcpu v : d.vcpus()) {
            if (vcpu >= 0 && v.id() != vcpu) {
                continue;
            }
            if (hard != null) {
                v.hardAffinity = shared(hard);
            }
            if (soft != null) {
                v.softAffinity = shared(soft);
            }
            if (v.schedData != null) {
                core.schedulerOf(v).affinityChanged(v);
            }
        }
        applied(OperationKind.VCPU_AFFINITY, domid, "vcpu " + vcpu);
    }

    /**
     * Sets the number of online vCPUs ({@code xl vcpu-set}).
     *
     * @param domid the domain
     * @param n online vCPUs, 1..maxvcpus
     */
    public void vcpuSet(int domid, int n) {
        Domain d = domain(domid);
        check(OperationKind.VCPU_SET, domid, "online=" + n);
        if (n < 1 || n > d.vcpus().size()) {
            throw new IllegalArgumentException("cannot set " + n + " vCPUs: the domain may have 1 to "
                    + d.vcpus().size() + " (its maxvcpus)");
        }
        for (Vcpu v : d.vcpus()) {
            boolean down = v.id() >= n;
            if (down == v.down) {
                continue;
            }
            v.down = down;
            if (down) {
                core.makeNotRunnable(v);
                if (!v.isRunning) {
                    core.schedulerOf(v).sleep(v);
                    core.changeRunstate(v, RunState.OFFLINE);
                }
            } else if (v.blocked) {
                core.changeRunstate(v, RunState.BLOCKED);
                core.schedulerOf(v).onlineBlocked(v);
            } else {
                core.makeRunnableIfPossible(v);
            }
        }
        applied(OperationKind.VCPU_SET, domid, "online=" + n);
    }

    /**
     * Sets a domain's weight and/or cap ({@code xl sched-credit -d}/{@code sched-credit2 -d}).
     *
     * @param domid the domain
     * @param weight new weight 1..65535, or -1 to keep
     * @param cap new cap in percent (0 = none), or -1 to keep
     */
    public void setWeightCap(int domid, int weight, int cap) {
        Domain d = domain(domid);
        check(OperationKind.SCHED_SET, domid, "weight=" + weight + " cap=" + cap);
        SchedulerKind k = pool(d.poolId).scheduler().kind();
        if (k != SchedulerKind.CREDIT && k != SchedulerKind.CREDIT2) {
            throw new IllegalArgumentException("weight and cap need credit or credit2; domain " + domid
                    + " is in a " + k.xlName() + " pool");
        }
        if (weight != -1 && (weight < 1 || weight > 65535)) {
            throw new IllegalArgumentException("weight must be 1..65535");
        }
        if (cap != -1 && (cap < 0 || cap > 100 * d.vcpus().size())) {
            throw new IllegalArgumentException("cap must be 0.." + 100 * d.vcpus().size());
        }
        if (weight != -1) {
            d.weight = weight;
        }
        if (cap != -1) {
            d.cap = cap;
        }
        pool(d.poolId).scheduler().domainParamsChanged(d);
        applied(OperationKind.SCHED_SET, domid, "weight=" + d.weight + " cap=" + d.cap);
    }

    // ----------------------------------------------------------------------------------------------------------
    // cpupools

    /** @return the pools in id order */
    public List<Cpupool> pools() {
        return cpupools.pools();
    }

    /**
     * @param id a pool id
     * @return the pool
     * @throws IllegalArgumentException when there is none
     */
    public Cpupool pool(int id) {
        return cpupools.pool(id);
    }

    /**
     * @param name a pool name or id
     * @return the pool
     * @throws IllegalArgumentException when there is none
     */
    public Cpupool poolByName(String name) {
        return cpupools.poolByName(name);
    }

    /** @return pCPUs in no pool */
    public CpuSet freeCpus() {
        return cpupools.freeCpus();
    }

    /**
     * Creates a cpupool ({@code xl cpupool-create}).
     *
     * @param name pool name
     * @param kind its scheduler (must be in the build)
     * @param cpus free pCPUs to give it
     * @return the pool
     */
    public Cpupool cpupoolCreate(String name, SchedulerKind kind, CpuSet cpus) {
        return cpupools.create(name, kind, cpus);
    }

    /**
     * Removes a pCPU from a pool ({@code xl cpupool-cpu-remove}).
     *
     * @param poolName the pool
     * @param cpu the pCPU
     */
    public void cpupoolCpuRemove(String poolName, int cpu) {
        cpupools.cpuRemove(poolName, cpu);
    }

    /**
     * Adds a free pCPU to a pool ({@code xl cpupool-cpu-add}).
     *
     * @param poolName the pool
     * @param cpu the pCPU
     */
    public void cpupoolCpuAdd(String poolName, int cpu) {
        cpupools.cpuAdd(poolName, cpu);
    }

    /**
     * Moves a domain to another pool ({@code xl cpupool-migrate}).
     *
     * @param domid the domain (not 0)
     * @param poolName the target pool
     */
    public void cpupoolMigrate(int domid, String poolName) {
        cpupools.migrate(domid, poolName);
    }

    /**
     * Destroys an empty pool ({@code xl cpupool-destroy}); its pCPUs become free.
     *
     * @param poolName the pool (not Pool-0)
     */
    public void cpupoolDestroy(String poolName) {
        cpupools.destroy(poolName);
    }

    // ----------------------------------------------------------------------------------------------------------
    // information

    /** @return the host */
    public HostTopology hostTopology() {
        return host;
    }

    /** @return the build */
    public HypervisorBuild build() {
        return build;
    }

    /** @return the options */
    public EngineOptions options() {
        return options;
    }

    /** @return the console ring ({@code xl dmesg}) */
    public List<String> console() {
        return Collections.unmodifiableList(console);
    }

    /** Empties the console ring ({@code xl dmesg -c}, after printing it). */
    public void clearConsole() {
        console.clear();
    }

    /**
     * @param v a vCPU
     * @return its metrics up to now
     */
    public VcpuMetrics metrics(Vcpu v) {
        long now = queue.now();
        VcpuState vs = (VcpuState) v.engineData;
        return new VcpuMetrics(v.domain().id(), v.id(), v.timeIn(RunState.RUNNING, now),
                v.timeIn(RunState.RUNNABLE, now), v.timeIn(RunState.BLOCKED, now), v.timeIn(RunState.OFFLINE, now),
                v.migrations, vs == null ? -1 : vs.latencies.percentile(50),
                vs == null ? -1 : vs.latencies.percentile(99), vs == null ? 0 : vs.latencies.count(),
                vs == null ? 0 : vs.workload.jobs(), vs == null ? 0 : vs.workload.deadlineMisses());
    }

    /**
     * Ends a run the way a host is quiesced: pauses every domain (dom0 included), so every running or runnable
     * vCPU's current runstate interval ends now, in the engine's accounting and in the trace. Blocked vCPUs stay
     * blocked (pausing does not change a blocked runstate, as in Xen). Call before {@link #closeTrace()} when the
     * trace's totals must be complete.
     */
    public void quiesce() {
        for (Domain d : new ArrayList<>(domains.values())) {
            pauseInternal(d);
        }
    }

    /**
     * Undoes {@link #quiesce()}: unpauses every domain and lets the pCPUs pick them up again at the current time.
     */
    public void resume() {
        for (Domain d : new ArrayList<>(domains.values())) {
            if (d.pauseCount() > 0) {
                unpauseInternal(d);
            }
        }
        queue.runUntil(queue.now(), null);
    }

    /** Finishes tracing (flushes the trace file). Further runs record nothing. */
    public void closeTrace() {
        trace.close();
    }

    /** @return {@code set}, or the shared instance of every pCPU when it is equal to it */
    private CpuSet shared(CpuSet set) {
        return set.equals(allCpus) ? allCpus : set;
    }
}
