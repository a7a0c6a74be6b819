package org.xenwb.engine.core.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

import org.xenwb.engine.core.config.ConfigException;
import org.xenwb.engine.core.config.Diagnostic;
import org.xenwb.engine.core.config.XlCfg;
import org.xenwb.engine.core.workload.Workloads;

/**
 * A guest domain's configuration, read from an {@code xl.cfg(5)} file: the keys that matter to the engine are
 * interpreted, real xl.cfg keys that do not affect a simulated host (kernel, disk, vif...) are reported as
 * {@link Diagnostic#IGNORED_KEY}, and anything else as {@link Diagnostic#UNKNOWN_KEY}, each with file and line.
 * Immutable.
 *
 * @param name domain name
 * @param type {@code pv}, {@code pvh} or {@code hvm}
 * @param memoryMiB initial memory (xl {@code memory}), MiB
 * @param maxmemMiB maximum memory (xl {@code maxmem}, defaults to {@code memory}), MiB
 * @param vcpus vCPUs online at start
 * @param maxvcpus vCPUs allocated (at least {@code vcpus})
 * @param cpus hard affinity per vCPU as given ({@code cpus}); empty means all; one element applies to every vCPU
 * @param cpusSoft soft affinity, same rules ({@code cpus_soft})
 * @param pool cpupool name, or null for Pool-0
 * @param weight {@code cpu_weight}, or -1 for the scheduler's default
 * @param cap {@code cap} in percent of one pCPU (0 = none), or -1 for default
 * @param periodUs RTDS {@code period} in microseconds, or -1
 * @param budgetUs RTDS {@code budget} in microseconds, or -1
 * @param extratime RTDS {@code extratime}: 1, 0, or -1 for default
 * @param seclabel FLASK label ({@code seclabel}), or null
 * @param onPoweroff action on power-off
 * @param onReboot action on reboot
 * @param onCrash action on crash
 * @param onWatchdog action on watchdog
 * @param workload the engine's workload spec ({@code xenwb_workload}), or null for CPU-bound
 * @param source the file name
 */
public record DomainConfig(String name, String type, long memoryMiB, long maxmemMiB, int vcpus, int maxvcpus,
        List<String> cpus, List<String> cpusSoft, String pool, int weight, int cap, long periodUs, long budgetUs,
        int extratime, String seclabel, ShutdownAction onPoweroff, ShutdownAction onReboot, ShutdownAction onCrash,
        ShutdownAction onWatchdog, String workload, String source) {

    /** Keys the engine interprets. */
    public static final Set<String> MODELLED_KEYS = Set.of("name", "type", "builder", "memory", "maxmem", "vcpus",
            "maxvcpus", "cpus", "cpus_soft", "pool", "cpu_weight", "cap", "period", "budget", "extratime",
            "seclabel", "init_seclabel", "on_poweroff", "on_reboot", "on_crash", "on_watchdog", "on_soft_reset",
            "xenwb_workload");

    /** Real xl.cfg(5) keys with no effect on the simulated host. */
    public static final Set<String> IGNORED_KEYS = Set.of("kernel", "ramdisk", "extra", "cmdline", "root",
            "bootloader", "bootloader_args", "disk", "vif", "vfb", "vkb", "vtpm", "vdispl", "vsnd", "p9", "pvcalls",
            "channel", "usbctrl", "usbdev", "pci", "dtdev", "uuid", "device_model_version", "device_model_override",
            "serial", "sdl", "vnc", "vnclisten", "vncpasswd", "keymap", "boot", "firmware", "bios", "acpi", "apic",
            "pae", "hap", "nestedhvm", "viridian", "localtime", "rtc_timeoffset", "max_grant_frames",
            "max_maptrack_frames", "max_event_channels", "e820_host", "iomem", "ioports", "irqs", "videoram",
            "stdvga", "vga", "usb", "usbdevice", "soundhw", "xen_platform_pci", "shadow_memory", "tsc_mode",
            "vpmu", "gic_version", "driver_domain", "device_tree", "claim_mode", "cpuid", "vnuma", "nomigrate",
            "msr_relaxed", "altp2m", "passthrough", "slice", "latency", "feature_flags", "rdm", "rdm_mem_boundary",
            "mca_caps", "timer_mode", "hpet", "vpt_align", "smbios", "event_channels", "trap_unmapped_accesses",
            "xend_config", "maxmem_kb", "on_soft_reset_action");

    /**
     * Reads an xl.cfg file.
     *
     * @param path the file
     * @param diagnostics receives unknown/ignored key reports with file and line
     * @return the configuration
     * @throws IOException if unreadable
     * @throws ConfigException on bad syntax or invalid values, with file and line
     */
    public static DomainConfig read(Path path, Consumer<Diagnostic> diagnostics) throws IOException {
        return from(XlCfg.read(path), diagnostics);
    }

    /**
     * @param cfg parsed xl.cfg settings
     * @param diagnostics receives unknown/ignored key reports
     * @return the configuration
     * @throws ConfigException on invalid values, with file and line
     */
    public static DomainConfig from(XlCfg cfg, Consumer<Diagnostic> diagnostics) {
        String f = cfg.file();
        for (XlCfg.Entry e : cfg.entries().values()) {
            if (MODELLED_KEYS.contains(e.key())) {
                continue;
            }
            if (IGNORED_KEYS.contains(e.key())) {
                diagnostics.accept(new Diagnostic(Diagnostic.Severity.INFO, Diagnostic.IGNORED_KEY, f, e.line(),
                        "'" + e.key() + "' has no effect on the simulated host"));
            } else {
                diagnostics.accept(new Diagnostic(Diagnostic.Severity.WARNING, Diagnostic.UNKNOWN_KEY, f, e.line(),
                        "unknown key '" + e.key() + "'"));
            }
        }
        XlCfg.Entry nameEntry = cfg.get("name");
        if (nameEntry == null) {
            throw new ConfigException(f, 0, "missing 'name' (xl requires a domain name)");
        }
        String name = cfg.string("name", "");
        if (name.isEmpty() || name.chars().anyMatch(c -> c <= ' ' || c == '/')) {
            throw new ConfigException(f, nameEntry.line(), "invalid domain name '" + name + "'");
        }
        String type = cfg.string("type", null);
        if (type == null) {
            String builder = cfg.string("builder", "generic");
            type = "hvm".equals(builder) ? "hvm" : "pv";
        }
        type = type.toLowerCase(Locale.ROOT);
        if (!Set.of("pv", "pvh", "hvm").contains(type)) {
            throw new ConfigException(f, cfg.get("type").line(), "type must be pv, pvh or hvm, got '" + type + "'");
        }
        long memory = positive(cfg, "memory", 128);
        long maxmem = cfg.integer("maxmem").orElse(memory);
        if (maxmem < memory) {
            throw new ConfigException(f, cfg.get("maxmem").line(), "maxmem (" + maxmem + ") is below memory ("
                    + memory + ")");
        }
        int vcpus = (int) positive(cfg, "vcpus", 1);
        int maxvcpus = (int) cfg.integer("maxvcpus").orElse(vcpus);
        if (maxvcpus < vcpus) {
            throw new ConfigException(f, cfg.get("maxvcpus").line(), "maxvcpus (" + maxvcpus
                    + ") is below vcpus (" + vcpus + ")");
        }
        int weight = (int) cfg.integer("cpu_weight").orElse(-1);
        if (cfg.get("cpu_weight") != null && (weight < 1 || weight > 65535)) {
            throw new ConfigException(f, cfg.get("cpu_weight").line(), "cpu_weight must be 1..65535, got " + weight);
        }
        int cap = (int) cfg.integer("cap").orElse(-1);
        if (cfg.get("cap") != null && cap < 0) {
            throw new ConfigException(f, cfg.get("cap").line(), "cap must be >= 0, got " + cap);
        }
        XlCfg.Entry workload = cfg.get("xenwb_workload");
        if (workload != null) {
            try {
                Workloads.validate(cfg.string("xenwb_workload", null));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(f, workload.line(), "xenwb_workload: " + e.getMessage());
            }
        }
        return new DomainConfig(name, type, memory, maxmem, vcpus, maxvcpus, cpuList(cfg, "cpus"),
                cpuList(cfg, "cpus_soft"), cfg.string("pool", null), weight, cap,
                cfg.integer("period").orElse(-1), cfg.integer("budget").orElse(-1),
                (int) cfg.integer("extratime").orElse(-1), cfg.string("seclabel", null),
                action(cfg, "on_poweroff", ShutdownAction.DESTROY), action(cfg, "on_reboot", ShutdownAction.RESTART),
                action(cfg, "on_crash", ShutdownAction.DESTROY), action(cfg, "on_watchdog", ShutdownAction.DESTROY),
                cfg.string("xenwb_workload", null), f);
    }

    /**
     * A configuration built in code, with xl's defaults for everything not given.
     *
     * @param name the domain name
     * @param vcpus number of vCPUs
     * @param memoryMiB memory in MiB
     * @return the configuration
     */
    public static DomainConfig simple(String name, int vcpus, long memoryMiB) {
        return new DomainConfig(name, "pv", memoryMiB, memoryMiB, vcpus, vcpus, List.of(), List.of(), null, -1, -1,
                -1, -1, -1, null, ShutdownAction.DESTROY, ShutdownAction.RESTART, ShutdownAction.DESTROY,
                ShutdownAction.DESTROY, null, "<" + name + ">");
    }

    /**
     * @param newWorkload a workload spec
     * @return a copy with that workload
     */
    public DomainConfig withWorkload(String newWorkload) {
        return new DomainConfig(name, type, memoryMiB, maxmemMiB, vcpus, maxvcpus, cpus, cpusSoft, pool, weight, cap,
                periodUs, budgetUs, extratime, seclabel, onPoweroff, onReboot, onCrash, onWatchdog, newWorkload,
                source);
    }

    /**
     * @param newWeight a weight
     * @param newCap a cap
     * @return a copy with those scheduling parameters
     */
    public DomainConfig withWeightCap(int newWeight, int newCap) {
        return new DomainConfig(name, type, memoryMiB, maxmemMiB, vcpus, maxvcpus, cpus, cpusSoft, pool, newWeight,
                newCap, periodUs, budgetUs, extratime, seclabel, onPoweroff, onReboot, onCrash, onWatchdog, workload,
                source);
    }

    /**
     * @param newPool a cpupool name
     * @return a copy in that pool
     */
    public DomainConfig withPool(String newPool) {
        return new DomainConfig(name, type, memoryMiB, maxmemMiB, vcpus, maxvcpus, cpus, cpusSoft, newPool, weight,
                cap, periodUs, budgetUs, extratime, seclabel, onPoweroff, onReboot, onCrash, onWatchdog, workload,
                source);
    }

    /**
     * @param periodUsec RTDS period in us
     * @param budgetUsec RTDS budget in us
     * @return a copy with those RTDS parameters
     */
    public DomainConfig withRtds(long periodUsec, long budgetUsec) {
        return new DomainConfig(name, type, memoryMiB, maxmemMiB, vcpus, maxvcpus, cpus, cpusSoft, pool, weight, cap,
                periodUsec, budgetUsec, extratime, seclabel, onPoweroff, onReboot, onCrash, onWatchdog, workload,
                source);
    }

    /**
     * @param cpusHard hard affinity for every vCPU, in xl syntax
     * @return a copy with that affinity
     */
    public DomainConfig withCpus(String cpusHard) {
        return new DomainConfig(name, type, memoryMiB, maxmemMiB, vcpus, maxvcpus, List.of(cpusHard), cpusSoft, pool,
                weight, cap, periodUs, budgetUs, extratime, seclabel, onPoweroff, onReboot, onCrash, onWatchdog,
                workload, source);
    }

    private static long positive(XlCfg cfg, String key, long def) {
        long v = cfg.integer(key).orElse(def);
        if (v < 1) {
            throw new ConfigException(cfg.file(), cfg.get(key).line(), "'" + key + "' must be at least 1, got " + v);
        }
        return v;
    }

    private static List<String> cpuList(XlCfg cfg, String key) {
        return new ArrayList<>(cfg.strings(key));
    }

    private static ShutdownAction action(XlCfg cfg, String key, ShutdownAction def) {
        XlCfg.Entry e = cfg.get(key);
        if (e == null) {
            return def;
        }
        try {
            return ShutdownAction.parse(cfg.string(key, ""));
        } catch (IllegalArgumentException ex) {
            throw new ConfigException(cfg.file(), e.line(), key + ": " + ex.getMessage());
        }
    }

    /**
     * Resolves the hard or soft affinity of one vCPU, following xl: a single string applies to all vCPUs, a
     * list gives one entry per vCPU (vCPUs beyond the list get all CPUs).
     *
     * @param spec {@link #cpus()} or {@link #cpusSoft()}
     * @param vcpu the vCPU id
     * @param host the host
     * @return the affinity
     * @throws ConfigException naming this config's file for an invalid CPU list
     */
    public CpuSet affinity(List<String> spec, int vcpu, HostTopology host) {
        if (spec.isEmpty()) {
            return host.allCpus();
        }
        String s = spec.size() == 1 ? spec.get(0) : (vcpu < spec.size() ? spec.get(vcpu) : "all");
        try {
            CpuSet set = CpuSet.parse(s, host);
            if (set.isEmpty()) {
                throw new IllegalArgumentException("empty affinity '" + s + "'");
            }
            return set;
        } catch (IllegalArgumentException ex) {
            throw new ConfigException(source, 0, ex.getMessage());
        }
    }
}
