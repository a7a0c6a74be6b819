package org.xenwb.trace.core.xenalyze;

/** The state xenalyze keeps per pCPU, domain and vCPU, as plain mutable holders (package-private). */
final class Model {

    private Model() {
    }

    static final int MAX_CPUS = 256;
    static final int IDLE_DOMAIN = 32767;
    static final int DEFAULT_DOMAIN = 32768;

    static final int RUNSTATE_RUNNING = 0;
    static final int RUNSTATE_RUNNABLE = 1;
    static final int RUNSTATE_BLOCKED = 2;
    static final int RUNSTATE_OFFLINE = 3;
    static final int RUNSTATE_LOST = 4;
    static final int RUNSTATE_QUEUED = 5;
    static final int RUNSTATE_INIT = 6;
    static final int RUNSTATE_MAX = 7;
    static final String[] RUNSTATE_NAME = {"running", "runnable", "blocked", "offline", "lost", "queued", "init"};

    static final int RUNNABLE_STATE_INVALID = 0;
    static final int RUNNABLE_STATE_WAKE = 1;
    static final int RUNNABLE_STATE_PREEMPT = 2;
    static final int RUNNABLE_STATE_OTHER = 3;
    static final int RUNNABLE_STATE_MAX = 4;
    static final String[] RUNNABLE_STATE_NAME = {"invalid", "wake", "preempt", "other"};

    static final int DOMAIN_RUNSTATE_BLOCKED = 0;
    static final int DOMAIN_RUNSTATE_PARTIAL_RUN = 1;
    static final int DOMAIN_RUNSTATE_FULL_RUN = 2;
    static final int DOMAIN_RUNSTATE_PARTIAL_CONTENTION = 3;
    static final int DOMAIN_RUNSTATE_CONCURRENCY_HAZARD = 4;
    static final int DOMAIN_RUNSTATE_FULL_CONTENTION = 5;
    static final int DOMAIN_RUNSTATE_LOST = 6;
    static final int DOMAIN_RUNSTATE_MAX = 7;
    static final String[] DOMAIN_RUNSTATE_NAME = {"blocked", "partial run", "full run", "partial contention",
        "concurrency_hazard", "full_contention", "lost"};

    static final int DATA_NONE = 0;
    static final int DATA_HVM = 1;
    static final int DATA_PV = 2;

    /** xenalyze's {@code struct pcpu_info}, the analysis part. */
    static final class Pcpu {
        final int pid;
        boolean active;
        boolean summary;
        long firstTsc;
        long lastTsc;
        Vcpu current;
        boolean lostActive;
        long lostTsc;
        boolean lostDomainValid;
        int lostDid;
        int lostVid;
        boolean seenValidSchedule = true;
        long timeTsc;
        final CycleSummary timeRunning;
        final CycleSummary timeIdle;
        final CycleSummary timeLost;
        /** 8 class volumes, then sched_verbose, then the HVM vmentry, vmexit and handler volumes. */
        final long[] volume = new long[12];

        Pcpu(int pid, Sampling sampling) {
            this.pid = pid;
            timeRunning = new CycleSummary(sampling);
            timeIdle = new CycleSummary(sampling);
            timeLost = new CycleSummary(sampling);
        }
    }

    /** xenalyze's {@code struct domain_data}. */
    static final class Domain {
        final int did;
        final Sampling sampling;
        final Vcpu[] vcpu = new Vcpu[MAX_CPUS];
        int maxVid;
        int runstate;
        long runstateTsc;
        final CycleSummary totalTime;
        final CycleSummary[] runstates;
        /** Number of vCPUs in each runstate, INIT excluded (what domain_runstate counts each time). */
        final int[] stateCount = new int[RUNSTATE_MAX];
        final int[] memDone = new int[MemOps.MEM_MAX];
        final int[] memDoneFor = new int[MemOps.MEM_MAX];
        final PodCounts pod = new PodCounts();
        /** --with-interrupt-eip-enumeration: interrupted guest addresses and how often, in address order. */
        final java.util.TreeMap<Long, Integer> interruptEips = new java.util.TreeMap<>();
        /** Guest instruction addresses whose page-table writes Xen emulated, with their exit cycles, in address order
         *  (xenalyze's emulate_eip_list). */
        final java.util.TreeMap<Long, CycleSummary> emulateEips = new java.util.TreeMap<>(Long::compareUnsigned);
        /** --with-cr3-enumeration: the CR3 values this domain's vCPUs loaded, in order of first load. */
        final java.util.List<Cr3Value> cr3Values = new java.util.ArrayList<>();

        Domain(int did, Sampling sampling) {
            this.did = did;
            this.sampling = sampling;
            totalTime = new CycleSummary(sampling);
            runstates = summaries(DOMAIN_RUNSTATE_MAX, sampling);
        }
    }

    /** xenalyze's {@code struct vcpu_data}, scheduling part. */
    static final class Vcpu {
        final int vid;
        final Domain d;
        boolean activated;
        /** The guest's paging levels as xenalyze guesses them: 0 until the vCPU is first activated (a vCPU that
         *  xenalyze's start-of-day brings in is not), the default (2) then; the HVM and shadow records change it. */
        int guestPagingLevels;
        int state = RUNSTATE_INIT;
        int runnableState;
        long runstateTsc;
        int lastOldstateWrong = RUNSTATE_INIT;
        int lastOldstateActual;
        int lastOldstatePid;
        long lastOldstateTsc;
        Pcpu p;
        long pcpuTsc;
        int dataType = DATA_NONE;
        PvData pv;
        Hvm.Data hvm;
        /** xenalyze keeps the virtual LAPIC's IPIs per vCPU, whatever its data type. */
        final Vlapic vlapic = new Vlapic();
        final CycleSummary[] runstates;
        final CycleSummary[] runnableStates;
        final CycleSummary cpuAffinityAll;
        final CycleSummary[] cpuAffinityPcpu = new CycleSummary[MAX_CPUS];
        /** The guest's current CR3 as xenalyze tracks it (see {@link Cr3Tracking}). */
        final Cr3Tracking.VcpuCr3 cr3 = new Cr3Tracking.VcpuCr3();

        Vcpu(Domain d, int vid) {
            this.d = d;
            this.vid = vid;
            runstates = summaries(RUNSTATE_MAX, d.sampling);
            runnableStates = summaries(RUNNABLE_STATE_MAX, d.sampling);
            cpuAffinityAll = new CycleSummary(d.sampling);
        }

        CycleSummary affinity(int pcpu) {
            if (cpuAffinityPcpu[pcpu] == null) {
                cpuAffinityPcpu[pcpu] = new CycleSummary(d.sampling);
            }
            return cpuAffinityPcpu[pcpu];
        }
    }

    static CycleSummary[] summaries(int n, Sampling sampling) {
        CycleSummary[] a = new CycleSummary[n];
        for (int i = 0; i < n; i++) {
            a[i] = new CycleSummary(sampling);
        }
        return a;
    }
}
