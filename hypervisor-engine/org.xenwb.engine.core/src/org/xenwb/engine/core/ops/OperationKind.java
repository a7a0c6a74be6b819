package org.xenwb.engine.core.ops;

/**
 * Every privileged operation the engine performs. They mirror the places where Xen calls an XSM hook (the FLASK
 * classes and permissions in parentheses) so that a FLASK implementation can map each kind to its check.
 */
public enum OperationKind {
    /** Create a domain (domain: create). */
    DOMAIN_CREATE,
    /** Pause a domain (domain: pause). */
    DOMAIN_PAUSE,
    /** Unpause a domain (domain: unpause). */
    DOMAIN_UNPAUSE,
    /** Shut a domain down or reboot it (domain: shutdown). */
    DOMAIN_SHUTDOWN,
    /** Destroy a domain (domain: destroy). */
    DOMAIN_DESTROY,
    /** Read a domain's scheduler parameters (domain: getscheduler). */
    SCHED_GET,
    /** Change a domain's scheduler parameters (domain: setscheduler). */
    SCHED_SET,
    /** Change a vCPU's affinity (domain: setvcpuaffinity). */
    VCPU_AFFINITY,
    /** Bring vCPUs on or off line (domain: max_vcpus / vcpu hotplug). */
    VCPU_SET,
    /** Map another domain's memory (mmu: map_read/map_write). */
    MEMORY_MAP,
    /** Map a grant (grant: map_read/map_write). */
    GRANT_MAP,
    /** Bind an event channel (event: bind). */
    EVTCHN_BIND,
    /** Create, destroy or change a cpupool, or move CPUs/domains between pools (resource: use / cpupool_op). */
    CPUPOOL_OP,
    /** Change a pool's scheduler-wide parameters (xen2: setscheduler / sysctl sched_op). */
    SCHED_POOL_SET,
    /** Read host information (xen: physinfo / getdomaininfo). */
    HOST_INFO,
    /** Read the console ring (xen: readconsole). */
    READ_CONSOLE,
    /** Control tracing (xen: tbufcontrol). */
    TRACE_CONTROL,
    /** Upload or apply a live patch (xen2: livepatch_op). */
    LIVEPATCH_OP
}
