package org.xenwb.engine.core.xl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.xenwb.engine.core.Engine;
import org.xenwb.engine.core.model.Cpupool;
import org.xenwb.engine.core.model.Domain;
import org.xenwb.engine.core.model.SchedulerKind;
import org.xenwb.engine.core.model.Vcpu;
import org.xenwb.engine.core.sched.CreditScheduler;
import org.xenwb.engine.core.sched.Credit2Scheduler;
import org.xenwb.engine.core.sched.RtdsScheduler;

/**
 * The scheduler sub-commands of the engine's xl: {@code sched-credit}, {@code sched-credit2} and {@code sched-rtds},
 * with xl 4.17's options, checks and messages ({@code main_sched_*} in xl_sched.c, and libxl's checks).
 */
final class XlSchedCommands {

    private final Engine engine;

    /** @param engine the engine the commands act on */
    XlSchedCommands(Engine engine) {
        this.engine = engine;
    }

    /**
     * {@code main_sched_credit} and {@code main_sched_credit2}: lists, or sets a domain's weight and cap, or a
     * pool's parameters ({@code -s}).
     *
     * @param a the arguments after the sub-command
     * @param kind credit or credit2
     * @return what xl prints
     */
    String credit(List<String> a, SchedulerKind kind) {
        XlOptions o = new XlOptions(a, "dwcptrm", new String[][] {{"domain", "d"}, {"weight", "w"}, {"cap", "c"},
            {"schedparam", "s"}, {"tslice_ms", "t"}, {"ratelimit_us", "r"}, {"migration_delay_us", "m"},
            {"cpupool", "p"}});
        String dom = o.values.get("d");
        String pool = o.values.get("p");
        boolean s = o.flags.contains("s");
        boolean setW = o.values.containsKey("w");
        boolean setC = o.values.containsKey("c");
        if ((pool != null || s) && (dom != null || setW || setC)) {
            throw new XlException("Specifying a cpupool or schedparam is not allowed with domain options.");
        }
        if (dom == null && (setW || setC)) {
            throw new XlException("Must specify a domain.");
        }
        for (String credit1Only : new String[] {"t", "m"}) {
            if (kind == SchedulerKind.CREDIT2 && o.values.containsKey(credit1Only)) {
                throw new XlException("option `" + credit1Only + "' not supported."); // sched-credit2 has -s -r only
            }
        }
        boolean setParams = o.values.containsKey("t") || o.values.containsKey("r") || o.values.containsKey("m");
        if (!s && setParams) {
            throw new XlException("Must specify schedparam to set schedule parameter values.");
        }
        if (o.values.containsKey("m") && Integer.parseInt(o.values.get("m")) != 0) {
            // accepting it while scheduling as if it were 0 would mislead
            throw new XlException("the engine's credit scheduler does not model the migration delay "
                    + "(vcpu_migr_delay_us): it stays 0");
        }
        if (s) {
            Cpupool p = pool == null ? engine.pool(0) : engine.poolByName(pool);
            if (p.scheduler().kind() != kind) {
                throw new XlException("Cpupool " + p.name() + " does not use " + kind.xlName());
            }
            if (!setParams) {
                return XlFormat.poolLine(p) + "\n";
            }
            if (p.scheduler() instanceof CreditScheduler c) {
                int tslice = Integer.parseInt(o.values.getOrDefault("t", Integer.toString(c.tsliceMs())));
                int ratelimit = Integer.parseInt(o.values.getOrDefault("r", Integer.toString(c.ratelimitUs())));
                if ((long) ratelimit > tslice * 1000L) {
                    throw new XlException("Ratelimit cannot be greater than timeslice"); // libxl's check
                }
                c.setParams(tslice, ratelimit);
            } else if (p.scheduler() instanceof Credit2Scheduler c2) {
                c2.setRatelimitUs(Integer.parseInt(o.values.getOrDefault("r", Integer.toString(c2.ratelimitUs()))));
            }
            return "";
        }
        if (dom == null) {
            if (pool != null) {
                engine.poolByName(pool);
            }
            return XlFormat.schedList(engine, kind, pool);
        }
        Domain d = engine.findDomain(dom);
        Cpupool p = engine.pool(d.poolId);
        if (p.scheduler().kind() != kind) {
            throw new XlException("libxl_domain_sched_params_get returned " + p.scheduler().kind().xlName()
                    + " not " + kind.xlName() + ".");
        }
        if (!setW && !setC) {
            return String.format(Locale.ROOT, "%-33s %4s %6s %4s\n", "Name", "ID", "Weight", "Cap")
                    + XlFormat.domainSchedLine(p, d);
        }
        engine.setWeightCap(d.id(), setW ? Integer.parseInt(o.values.get("w")) : -1,
                setC ? Integer.parseInt(o.values.get("c")) : -1);
        return "";
    }

    /**
     * {@code main_sched_rtds} (xl_sched.c): lists (all domains, one domain, or per vCPU with {@code -v ID} or
     * {@code -v all}) or sets per-vCPU parameters; {@code -v}, {@code -p}, {@code -b} and {@code -e} may repeat, and
     * setting needs as many periods, budgets and extratimes as there are vCPUs, as in xl 4.17.
     */
    String rtds(List<String> a) {
        XlOptions o = new XlOptions(a, "dvpbec", new String[][] {{"domain", "d"}, {"vcpuid", "v"}, {"period", "p"},
            {"budget", "b"}, {"extratime", "e"}, {"cpupool", "c"}});
        String dom = o.values.get("d");
        String cpupool = o.values.get("c");
        List<String> vs = new ArrayList<>(o.lists.getOrDefault("v", List.of()));
        boolean optAll = vs.removeIf(v -> v.equals("all"));
        List<String> ps = o.lists.getOrDefault("p", List.of());
        List<String> bs = o.lists.getOrDefault("b", List.of());
        List<String> es = o.lists.getOrDefault("e", List.of());
        for (String e : es) {
            if (!e.equals("0") && !e.equals("1")) {
                throw new XlException("Invalid extratime.");
            }
        }
        boolean optV = !vs.isEmpty();
        boolean setting = !ps.isEmpty() || !bs.isEmpty() || !es.isEmpty();
        if (cpupool != null && (dom != null || setting || optV || optAll)) {
            throw new XlException("Specifying a cpupool is not allowed with other options.");
        }
        if (dom == null && (setting || optV)) {
            throw new XlException("Missing parameters.");
        }
        if (dom != null && !optV && !optAll && setting) {
            throw new XlException("Must specify VCPU.");
        }
        if (optV && optAll) {
            throw new XlException("Incorrect VCPU IDs.");
        }
        if ((vs.size() > bs.size() && !bs.isEmpty()) || (vs.size() > ps.size() && !ps.isEmpty())
                || (vs.size() > es.size() && !es.isEmpty()) || ps.size() != bs.size() || ps.size() != es.size()) {
            throw new XlException("Incorrect number of period, budget and extratime (xl 4.17 needs -p, -b and -e "
                    + "for each vCPU set)");
        }
        if (dom == null) {
            return optAll ? XlFormat.rtdsVcpuListAll(engine, cpupool)
                    : XlFormat.schedList(engine, SchedulerKind.RTDS, cpupool);
        }
        Domain d = engine.findDomain(dom);
        if (!(engine.pool(d.poolId).scheduler() instanceof RtdsScheduler rt)) {
            throw new XlException("domain " + d.name() + " is not in an RTDS cpupool");
        }
        List<Vcpu> chosen = new ArrayList<>();
        for (String v : vs) {
            int id = Integer.parseInt(v);
            if (id < 0 || id >= d.vcpus().size()) {
                throw new XlException("sched-rtds: domain " + d.name() + " has no vCPU " + id);
            }
            chosen.add(d.vcpus().get(id));
        }
        if (!optV && !optAll) {
            return XlFormat.rtdsDomainHeader() + XlFormat.domainSchedLine(engine.pool(d.poolId), d);
        }
        if (!setting) {
            return XlFormat.rtdsVcpuHeader() + XlFormat.rtdsVcpuRows(rt, d, optAll ? d.vcpus() : chosen);
        }
        List<Vcpu> targets = optAll ? d.vcpus() : chosen;
        for (int i = 0; i < targets.size(); i++) {
            int k = optAll ? 0 : i; // -v all: the one set of values for every vCPU
            rt.setParams(targets.get(i), microsToNs(ps.get(k)), microsToNs(bs.get(k)), es.get(k).equals("1"));
        }
        return "";
    }

    /** @return a number of microseconds, as xl's RTDS options take them, in ns */
    private static long microsToNs(String us) {
        long v = Long.parseLong(us);
        if (v > Long.MAX_VALUE / 1000 || v < 0) {
            throw new XlException("sched-rtds: " + us + " us is out of range");
        }
        return v * 1000;
    }
}
