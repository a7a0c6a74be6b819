package org.xenwb.engine.core.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.xenwb.engine.core.config.ConfigException;
import org.xenwb.engine.core.config.XlCfg;

/**
 * The physical host the engine simulates: sockets, cores, SMT threads, NUMA nodes, TSC frequency and memory.
 * CPUs are numbered like Xen on a typical x86 host: thread-major inside a core, core-major inside a socket
 * ({@code cpu = (socket * coresPerSocket + core) * threadsPerCore + thread}); sockets are spread evenly over
 * NUMA nodes. Immutable.
 *
 * @param hostname the name {@code xl info} reports as {@code host}
 * @param sockets number of sockets, at least 1
 * @param coresPerSocket cores per socket, at least 1
 * @param threadsPerCore SMT threads per core, at least 1
 * @param numaNodes NUMA nodes; must divide {@code sockets} or equal 1
 * @param tscHz TSC frequency in Hz (the engine's trace timestamps are TSC cycles at this rate)
 * @param memoryMiB total host memory in MiB
 */
public record HostTopology(String hostname, int sockets, int coresPerSocket, int threadsPerCore, int numaNodes,
        long tscHz, long memoryMiB) {

    /** The keys a host description file may set. */
    public static final Set<String> KEYS = Set.of("preset", "hostname", "sockets", "cores_per_socket",
            "threads_per_core", "nr_nodes", "tsc_hz", "cpu_mhz", "memory");

    /** Validates. */
    public HostTopology {
        if (sockets < 1 || coresPerSocket < 1 || threadsPerCore < 1 || numaNodes < 1) {
            throw new IllegalArgumentException("sockets, cores, threads and nodes must be at least 1");
        }
        if (numaNodes > sockets || sockets % numaNodes != 0) {
            throw new IllegalArgumentException("nr_nodes (" + numaNodes + ") must divide sockets (" + sockets + ")");
        }
        if (tscHz < 1_000_000 || memoryMiB < 64) {
            throw new IllegalArgumentException("tsc_hz must be at least 1 MHz and memory at least 64 MiB");
        }
    }

    /**
     * The named presets. {@code xenlab-4} is the QEMU host of the real traces in {@code shared/data/traces}
     * (4 pCPUs in one socket, TSC 2596127000 Hz, 3071 MiB as {@code xl info} reported).
     */
    private static final Map<String, HostTopology> PRESETS = new TreeMap<>(Map.of(
            "xenlab-4", new HostTopology("xenlab-dom0", 1, 4, 1, 1, 2_596_127_000L, 3071),
            "1s4c", new HostTopology("xenwb-host", 1, 4, 1, 1, 2_400_000_000L, 8192),
            "1s8c-smt", new HostTopology("xenwb-host", 1, 8, 2, 1, 3_000_000_000L, 32768),
            "2s16c-smt", new HostTopology("xenwb-host", 2, 16, 2, 2, 2_400_000_000L, 262144),
            "4s32c-smt", new HostTopology("xenwb-host", 4, 32, 2, 4, 2_200_000_000L, 1048576),
            "2s32c", new HostTopology("xenwb-host", 2, 32, 1, 2, 2_400_000_000L, 524288)));

    /** @return the names of the presets, sorted */
    public static Set<String> presetNames() {
        return PRESETS.keySet();
    }

    /**
     * @param name a preset name, see {@link #presetNames()}
     * @return the preset
     * @throws IllegalArgumentException naming the known presets
     */
    public static HostTopology preset(String name) {
        HostTopology h = PRESETS.get(name.toLowerCase(Locale.ROOT));
        if (h == null) {
            throw new IllegalArgumentException("unknown host preset '" + name + "' (known: "
                    + String.join(", ", PRESETS.keySet()) + ")");
        }
        return h;
    }

    /**
     * A host with {@code n} pCPUs in one socket and one node, otherwise like the {@code xenlab-4} preset.
     *
     * @param n number of pCPUs, at least 1
     * @return the host
     */
    public static HostTopology withCpus(int n) {
        HostTopology base = PRESETS.get("xenlab-4");
        return new HostTopology(base.hostname, 1, n, 1, 1, base.tscHz, Math.max(base.memoryMiB, 1024L * n));
    }

    /**
     * Reads a host description file in xl.cfg syntax, e.g. {@code preset = "2s16c-smt"} then overrides such as
     * {@code sockets = 2}, {@code cores_per_socket = 8}, {@code threads_per_core = 2}, {@code nr_nodes = 2},
     * {@code tsc_hz = 2400000000} (or {@code cpu_mhz}), {@code memory = 65536} (MiB), {@code hostname = "h"}.
     *
     * @param path the file
     * @return the host
     * @throws IOException if unreadable
     * @throws ConfigException on bad syntax, unknown keys or invalid values, with file and line
     */
    public static HostTopology read(Path path) throws IOException {
        return from(XlCfg.read(path));
    }

    /**
     * @param cfg a parsed host description
     * @return the host
     * @throws ConfigException on unknown keys or invalid values
     */
    public static HostTopology from(XlCfg cfg) {
        for (XlCfg.Entry e : cfg.entries().values()) {
            if (!KEYS.contains(e.key())) {
                throw new ConfigException(cfg.file(), e.line(), "unknown host key '" + e.key() + "' (known: "
                        + String.join(", ", new java.util.TreeSet<>(KEYS)) + ")");
            }
        }
        HostTopology b = PRESETS.get("1s4c");
        XlCfg.Entry preset = cfg.get("preset");
        if (preset != null) {
            try {
                b = preset(cfg.string("preset", ""));
            } catch (IllegalArgumentException ex) {
                throw new ConfigException(cfg.file(), preset.line(), ex.getMessage());
            }
        }
        long tsc = b.tscHz;
        if (cfg.get("cpu_mhz") != null) {
            tsc = cfg.integer("cpu_mhz").getAsLong() * 1_000_000L;
        }
        tsc = cfg.integer("tsc_hz").orElse(tsc);
        try {
            return new HostTopology(cfg.string("hostname", b.hostname),
                    (int) cfg.integer("sockets").orElse(b.sockets),
                    (int) cfg.integer("cores_per_socket").orElse(b.coresPerSocket),
                    (int) cfg.integer("threads_per_core").orElse(b.threadsPerCore),
                    (int) cfg.integer("nr_nodes").orElse(b.numaNodes), tsc,
                    cfg.integer("memory").orElse(b.memoryMiB));
        } catch (IllegalArgumentException ex) {
            throw new ConfigException(cfg.file(), 0, ex.getMessage());
        }
    }

    /** @return the number of pCPUs */
    public int nrCpus() {
        return sockets * coresPerSocket * threadsPerCore;
    }

    /**
     * @param cpu a pCPU
     * @return its socket
     */
    public int socketOf(int cpu) {
        return cpu / (coresPerSocket * threadsPerCore);
    }

    /**
     * @param cpu a pCPU
     * @return its core, numbered across the host
     */
    public int coreOf(int cpu) {
        return cpu / threadsPerCore;
    }

    /**
     * @param cpu a pCPU
     * @return its NUMA node
     */
    public int nodeOf(int cpu) {
        return socketOf(cpu) / (sockets / numaNodes);
    }

    /** @return every pCPU */
    public CpuSet allCpus() {
        return CpuSet.range(0, nrCpus());
    }

    /**
     * Converts nanoseconds of simulated time to TSC cycles, exactly as {@code cycles = ns * tscHz / 1e9} rounded
     * down, without overflow for any time below 2^63 ns.
     *
     * @param ns time in ns
     * @return TSC cycles
     */
    public long nsToTsc(long ns) {
        if (ns >= 0 && tscHz < Long.MAX_VALUE / 1_000_000_000L) {
            // ns = q * 1e9 + r, so floor(ns * hz / 1e9) = q * hz + floor(r * hz / 1e9), exactly; r * hz fits
            long q = ns / 1_000_000_000L;
            long r = ns % 1_000_000_000L;
            return Math.addExact(Math.multiplyExact(q, tscHz), r * tscHz / 1_000_000_000L);
        }
        return java.math.BigInteger.valueOf(ns).multiply(java.math.BigInteger.valueOf(tscHz))
                .divide(java.math.BigInteger.valueOf(1_000_000_000L)).longValueExact();
    }
}
