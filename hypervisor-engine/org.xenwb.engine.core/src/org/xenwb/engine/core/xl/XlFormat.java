package org.xenwb.engine.core.xl;

import java.util.List;
import java.util.Locale;

import org.xenwb.engine.core.Engine;
import org.xenwb.engine.core.model.Cpupool;
import org.xenwb.engine.core.model.Domain;
import org.xenwb.engine.core.model.DomainState;
import org.xenwb.engine.core.model.HostTopology;
import org.xenwb.engine.core.model.RunState;
import org.xenwb.engine.core.model.SchedulerKind;
import org.xenwb.engine.core.model.Vcpu;
import org.xenwb.engine.core.sched.CreditScheduler;
import org.xenwb.engine.core.sched.Credit2Scheduler;
import org.xenwb.engine.core.sched.RtdsScheduler;

/**
 * The text layouts of {@code xl} 4.17's listing commands, reproduced from the printf formats of
 * {@code tools/xl/xl_info.c}, {@code xl_vcpu.c}, {@code xl_sched.c} and {@code xl_cpupool.c} and checked against
 * the outputs of the real xl in {@code shared/data/traces/*-boot-info}. Stateless.
 */
public final class XlFormat {

    private XlFormat() {
    }

    /**
     * {@code xl list}.
     *
     * @param e the engine
     * @return the text, lines ending in {@code \n}
     */
    public static String list(Engine e) {
        StringBuilder sb = new StringBuilder(
                "Name                                        ID   Mem VCPUs\tState\tTime(s)\n");
        long now = e.now();
        for (Domain d : e.domains()) {
            sb.append(String.format(Locale.ROOT, "%-40s %5d %5d %5d     %s  %8.1f%n", d.name(), d.id(), d.memoryMiB,
                    d.onlineVcpus(), stateFlags(d), d.cpuTime(now) / 1e9).replace(System.lineSeparator(), "\n"));
        }
        return sb.toString();
    }

    /**
     * The six state flags of {@code xl list}: running, blocked, paused, shutdown, crashed, dying; a flag is its
     * letter when set, {@code -} otherwise. Like Xen's getdomaininfo, "blocked" means every vCPU is blocked.
     *
     * @param d a domain
     * @return e.g. {@code r-----}
     */
    public static String stateFlags(Domain d) {
        boolean running = false;
        boolean blocked = true;
        for (Vcpu v : d.vcpus()) {
            blocked &= v.blocked && !v.isRunning;
            running |= v.isRunning;
        }
        return new String(new char[] {running ? 'r' : '-', blocked ? 'b' : '-',
            d.pauseCount() > 0 ? 'p' : '-', d.state() == DomainState.SHUTDOWN ? 's' : '-',
            d.state() == DomainState.CRASHED ? 'c' : '-', d.state() == DomainState.DESTROYED ? 'd' : '-'});
    }

    /**
     * {@code xl vcpu-list} for all domains.
     *
     * @param e the engine
     * @return the text
     */
    public static String vcpuList(Engine e) {
        return vcpuList(e, e.domains());
    }

    /**
     * {@code xl vcpu-list DOM...}.
     *
     * @param e the engine
     * @param domains the domains to list
     * @return the text
     */
    public static String vcpuList(Engine e, Iterable<Domain> domains) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-32s %5s %5s %5s %5s %9s %s\n", "Name",
                "ID", "VCPU", "CPU", "State", "Time(s)", "Affinity (Hard / Soft)"));
        int n = e.hostTopology().nrCpus();
        long now = e.now();
        for (Domain d : domains) {
            for (Vcpu v : d.vcpus()) {
                sb.append(String.format(Locale.ROOT, "%-32s %5d %5d", d.name(), d.id(), v.id()));
                if (v.down) {
                    sb.append(String.format(Locale.ROOT, "%5c %3c%cp ", '-', '-', '-'));
                } else {
                    sb.append(String.format(Locale.ROOT, "%5d %3c%c- ", v.processor, v.isRunning ? 'r' : '-',
                            v.blocked && !v.isRunning ? 'b' : '-'));
                }
                sb.append(String.format(Locale.ROOT, "%9.1f  ", v.timeIn(RunState.RUNNING, now) / 1e9));
                sb.append(v.hardAffinity.format(n)).append(" / ").append(v.softAffinity.format(n)).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * {@code xl info}, with the host, build and Xen values the engine has; what a simulation cannot know (kernel
     * release, compiler) is labelled as such.
     *
     * @param e the engine
     * @return the text
     */
    public static String info(Engine e) {
        HostTopology h = e.hostTopology();
        long used = 0;
        for (Domain d : e.domains()) {
            used += d.memoryMiB;
        }
        String[] version = xenVersion(e);
        StringBuilder sb = new StringBuilder();
        row(sb, "host", h.hostname());
        row(sb, "release", "xenwb-engine");
        row(sb, "version", "simulated");
        row(sb, "machine", "x86_64");
        row(sb, "nr_cpus", Integer.toString(h.nrCpus()));
        row(sb, "max_cpu_id", Integer.toString(h.nrCpus() - 1));
        row(sb, "nr_nodes", Integer.toString(h.numaNodes()));
        row(sb, "cores_per_socket", Integer.toString(h.coresPerSocket()));
        row(sb, "threads_per_core", Integer.toString(h.threadsPerCore()));
        row(sb, "cpu_mhz", String.format(Locale.ROOT, "%d.%03d", h.tscHz() / 1_000_000, h.tscHz() / 1000 % 1000));
        row(sb, "virt_caps", "pv hvm hap gnttab-v1 gnttab-v2");
        row(sb, "total_memory", Long.toString(h.memoryMiB()));
        row(sb, "free_memory", Long.toString(Math.max(0, h.memoryMiB() - used)));
        row(sb, "sharing_freed_memory", "0");
        row(sb, "sharing_used_memory", "0");
        row(sb, "outstanding_claims", "0");
        row(sb, "free_cpus", Integer.toString(e.freeCpus().size()));
        row(sb, "xen_major", version[0]);
        row(sb, "xen_minor", version[1]);
        row(sb, "xen_extra", version[2]);
        row(sb, "xen_version", version[0] + "." + version[1] + version[2]);
        row(sb, "xen_caps", "xen-3.0-x86_64 hvm-3.0-x86_32 hvm-3.0-x86_32p hvm-3.0-x86_64 ");
        row(sb, "xen_scheduler", e.pool(0).scheduler().kind().xlName());
        row(sb, "xen_pagesize", "4096");
        row(sb, "platform_params", "virt_start=0xffff800000000000");
        row(sb, "xen_changeset", "");
        row(sb, "xen_commandline", "sched=" + e.pool(0).scheduler().kind().xlName() + " dom0_max_vcpus="
                + e.domain(0).vcpus().size() + " dom0_mem=" + e.domain(0).memoryMiB + "M ");
        row(sb, "cc_compiler", "xenwb engine (simulation)");
        row(sb, "build_id", e.build().buildId());
        row(sb, "xend_config_format", "4");
        return sb.toString();
    }

    private static String[] xenVersion(Engine e) {
        String v = e.build().version();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\.(\\d+)(\\.\\S+)?").matcher(v);
        if (m.find()) {
            return new String[] {m.group(1), m.group(2), m.group(3) == null ? "" : m.group(3)};
        }
        return new String[] {"4", "17", ".7"};
    }

    private static void row(StringBuilder sb, String key, String value) {
        sb.append(String.format(Locale.ROOT, "%-23s: %s%n", key, value).replace(System.lineSeparator(), "\n"));
    }

    /**
     * {@code xl sched-credit}, {@code sched-credit2} or {@code sched-rtds} listing: for every pool with that
     * scheduler (or only {@code poolName}), the pool line, the header and its domains.
     *
     * @param e the engine
     * @param kind the scheduler
     * @param poolName a pool name, or null for all
     * @return the text
     */
    public static String schedList(Engine e, SchedulerKind kind, String poolName) {
        StringBuilder sb = new StringBuilder();
        for (Cpupool p : e.pools()) {
            if (p.scheduler().kind() != kind || (poolName != null && !p.name().equals(poolName))) {
                continue;
            }
            sb.append(poolLine(p)).append('\n');
            if (kind == SchedulerKind.RTDS) {
                sb.append(rtdsDomainHeader());
            } else {
                sb.append(String.format(Locale.ROOT, "%-33s %4s %6s %4s\n", "Name", "ID", "Weight", "Cap"));
            }
            for (Domain d : e.domains()) {
                if (d.poolId != p.id()) {
                    continue;
                }
                sb.append(domainSchedLine(p, d));
            }
        }
        return sb.toString();
    }

    /**
     * One domain's line of {@code xl sched-*}.
     *
     * @param p its pool
     * @param d the domain
     * @return the line with its newline
     */
    public static String domainSchedLine(Cpupool p, Domain d) {
        if (p.scheduler() instanceof RtdsScheduler) {
            // rt_dom_cntl's getinfo returns the defaults (RTDS_DEFAULT_PERIOD and _BUDGET), whatever the vCPUs
            // have, and libxl leaves extratime at its default (-1), which xl prints as "yes"
            return String.format(Locale.ROOT, "%-33s %4d %9d %9d %10s\n", d.name(), d.id(), 10000, 4000, "yes");
        }
        return String.format(Locale.ROOT, "%-33s %4d %6d %4d\n", d.name(), d.id(), d.weight, d.cap);
    }

    /** @return the header of {@code xl sched-rtds}'s per-domain table */
    public static String rtdsDomainHeader() {
        return String.format(Locale.ROOT, "%-33s %4s %9s %9s %10s\n", "Name", "ID", "Period", "Budget", "Extratime");
    }

    /** @return the header of {@code xl sched-rtds}'s per-vCPU table */
    public static String rtdsVcpuHeader() {
        return String.format(Locale.ROOT, "%-33s %4s %4s %9s %9s %10s\n", "Name", "ID", "VCPU", "Period", "Budget",
                "Extratime");
    }

    /**
     * Rows of {@code xl sched-rtds}'s per-vCPU table ({@code sched_rtds_vcpu_output}).
     *
     * @param rt the domain's RTDS scheduler
     * @param d the domain
     * @param vcpus the vCPUs to show, in order
     * @return the rows, each with its newline
     */
    public static String rtdsVcpuRows(RtdsScheduler rt, Domain d, List<Vcpu> vcpus) {
        StringBuilder sb = new StringBuilder();
        for (Vcpu v : vcpus) {
            long[] par = rt.params(v);
            sb.append(String.format(Locale.ROOT, "%-33s %4d %4d %9d %9d %10s\n", d.name(), d.id(), v.id(),
                    par[0] / 1000, par[1] / 1000, par[2] != 0 ? "yes" : "no"));
        }
        return sb.toString();
    }

    /**
     * {@code xl sched-rtds -v all} without a domain: per RTDS pool (or only {@code poolName}), the pool line, the
     * per-vCPU header and every vCPU of its domains ({@code sched_rtds_vcpu_output_all}).
     *
     * @param e the engine
     * @param poolName a pool name, or null for all
     * @return the text
     */
    public static String rtdsVcpuListAll(Engine e, String poolName) {
        StringBuilder sb = new StringBuilder();
        for (Cpupool p : e.pools()) {
            if (!(p.scheduler() instanceof RtdsScheduler rt) || (poolName != null && !p.name().equals(poolName))) {
                continue;
            }
            sb.append(poolLine(p)).append('\n').append(rtdsVcpuHeader());
            for (Domain d : e.domains()) {
                if (d.poolId == p.id()) {
                    sb.append(rtdsVcpuRows(rt, d, d.vcpus()));
                }
            }
        }
        return sb.toString();
    }

    /**
     * The pool line of {@code xl sched-*}.
     *
     * @param p a pool
     * @return e.g. {@code Cpupool Pool-0: ratelimit=1000us}
     */
    public static String poolLine(Cpupool p) {
        if (p.scheduler() instanceof CreditScheduler c) {
            return "Cpupool " + p.name() + ": tslice=" + c.tsliceMs() + "ms ratelimit=" + c.ratelimitUs()
                    + "us migration-delay=0us";
        }
        if (p.scheduler() instanceof Credit2Scheduler c2) {
            return "Cpupool " + p.name() + ": ratelimit=" + c2.ratelimitUs() + "us";
        }
        if (p.scheduler() instanceof RtdsScheduler) {
            return "Cpupool " + p.name() + ": sched=RTDS";
        }
        return "Cpupool " + p.name() + ": " + p.scheduler().poolParams();
    }

    /**
     * {@code xl cpupool-list} and {@code xl cpupool-list -c}.
     *
     * @param e the engine
     * @param cpus whether {@code -c} was given
     * @return the text
     */
    public static String cpupoolList(Engine e, boolean cpus) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-19s", "Name"));
        sb.append(cpus ? "CPU list\n" : "CPUs   Sched     Active   Domain count\n");
        for (Cpupool p : e.pools()) {
            sb.append(String.format(Locale.ROOT, "%-19s", p.name()));
            if (cpus) {
                sb.append(p.cpus().formatCommas()).append('\n');
            } else {
                long n = e.domains().stream().filter(d -> d.poolId == p.id()).count();
                sb.append(String.format(Locale.ROOT, "%3d %9s       y       %4d\n", p.cpus().size(),
                        p.scheduler().kind().xlName(), n));
            }
        }
        return sb.toString();
    }
}
