package org.xenwb.engine.core.workload;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Parses workload specifications and creates workloads:
 * <ul>
 * <li>{@code cpu}: CPU-bound, never blocks;</li>
 * <li>{@code idle}: blocked forever (never asks for CPU);</li>
 * <li>{@code periodic:period=10ms,exec=2ms[,jitter=1ms]}: a job of {@code exec} CPU time released every
 * {@code period} (release delayed by a uniform random jitter), deadline at the end of its period;</li>
 * <li>{@code io:run=1ms,block=5ms}: exponentially distributed bursts and blocked times with those means;</li>
 * <li>{@code replay} / {@code replay:dN}: the run/block pattern of the same (or domain N's) vCPUs in a recorded
 * trace (resolved by the engine from {@code EngineOptions.replay}).</li>
 * </ul>
 * Durations take the units ns, us, ms, s.
 */
public final class Workloads {

    private Workloads() {
    }

    /**
     * Checks a spec without creating anything.
     *
     * @param spec a spec
     * @throws IllegalArgumentException with a message naming the bad part
     */
    public static void validate(String spec) {
        if (spec != null && (spec.equals("replay") || spec.matches("replay:d\\d+"))) {
            return; // needs a trace; the engine resolves it
        }
        create(spec, 0);
    }

    /**
     * @param spec a spec (null means {@code cpu})
     * @param seed the seed of the vCPU's random stream ({@link org.xenwb.engine.core.sim.SimRandom#seedOf})
     * @return a new workload
     * @throws IllegalArgumentException with a message naming the bad part
     */
    public static Workload create(String spec, long seed) {
        return factory(spec).apply(seed);
    }

    /**
     * Parses a spec once, for the many vCPUs of a domain (each then gets its workload without parsing garbage
     * between the vCPUs' objects in memory).
     *
     * @param spec a spec (null means {@code cpu})
     * @return makes a new workload from the seed of a vCPU's random stream
     * @throws IllegalArgumentException with a message naming the bad part
     */
    public static LongFunction<Workload> factory(String spec) {
        String s = spec == null ? "cpu" : spec.trim().toLowerCase(Locale.ROOT);
        int colon = s.indexOf(':');
        String kind = colon < 0 ? s : s.substring(0, colon);
        Map<String, Long> p = colon < 0 ? Map.of() : params(s.substring(colon + 1), spec);
        List<String> known = switch (kind) {
            case "periodic" -> List.of("period", "exec", "jitter");
            case "io" -> List.of("run", "block");
            case "cpu", "idle" -> List.of();
            default -> null; // an unknown kind: refused below
        };
        if (known != null) {
            onlyKnown(p, known, spec);
        }
        return switch (kind) {
            case "cpu" -> seed -> new CpuBound();
            case "idle" -> seed -> new Idle();
            case "periodic" -> {
                long period = need(p, "period", spec);
                long exec = need(p, "exec", spec);
                long jitter = p.getOrDefault("jitter", 0L);
                if (exec > period) {
                    throw new IllegalArgumentException("workload '" + s + "': exec is longer than the period");
                }
                yield seed -> new Periodic(period, exec, jitter, seed, s);
            }
            case "io" -> {
                long run = need(p, "run", spec);
                long block = need(p, "block", spec);
                yield seed -> new IoLike(run, block, seed, s);
            }
            default -> throw new IllegalArgumentException("unknown workload '" + spec
                    + "' (cpu, idle, periodic:period=..,exec=..[,jitter=..], io:run=..,block=..)");
        };
    }

    private static void onlyKnown(Map<String, Long> p, List<String> known, String spec) {
        for (String key : p.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown parameter '" + key + "' in workload '" + spec + "'"
                        + (known.isEmpty() ? " (it takes none)" : " (known: " + String.join(", ", known) + ")"));
            }
        }
    }

    private static long need(Map<String, Long> p, String key, String spec) {
        Long v = p.get(key);
        if (v == null || v <= 0) {
            throw new IllegalArgumentException("workload '" + spec + "' needs " + key + "=<duration> above 0");
        }
        return v;
    }

    private static Map<String, Long> params(String text, String spec) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String kv : text.split(",")) {
            int eq = kv.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("bad parameter '" + kv + "' in workload '" + spec + "'");
            }
            try {
                out.put(kv.substring(0, eq).trim(), parseDuration(kv.substring(eq + 1).trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + " in workload '" + spec + "'", e);
            }
        }
        return out;
    }

    /**
     * @param text e.g. {@code 10ms}, {@code 1.5s}, {@code 500us}, {@code 200ns}; a bare number is ns
     * @return ns, not negative
     * @throws IllegalArgumentException when malformed, negative, or beyond about 292 years
     */
    public static long parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long mult = 1;
        String num = t;
        if (t.endsWith("ns")) {
            num = t.substring(0, t.length() - 2);
        } else if (t.endsWith("us")) {
            mult = 1_000;
            num = t.substring(0, t.length() - 2);
        } else if (t.endsWith("ms")) {
            mult = 1_000_000;
            num = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            mult = 1_000_000_000;
            num = t.substring(0, t.length() - 1);
        }
        long ns;
        try {
            ns = new java.math.BigDecimal(num.trim()).multiply(java.math.BigDecimal.valueOf(mult)).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("bad duration '" + text + "' (use e.g. 10ms, 1.5s, 500us)", e);
        }
        if (ns < 0) {
            throw new IllegalArgumentException("bad duration '" + text + "': durations cannot be negative");
        }
        return ns;
    }

    /** CPU-bound. */
    static final class CpuBound implements Workload {
        @Override
        public long start(long now) {
            return FOREVER;
        }

        @Override
        public long burstDone(long now) {
            return 0;
        }

        @Override
        public long nextBurst(long now) {
            return FOREVER;
        }

        @Override
        public String describe() {
            return "cpu";
        }
    }

    /** Never runs. */
    static final class Idle implements Workload {
        @Override
        public long start(long now) {
            return Long.MIN_VALUE;
        }

        @Override
        public long burstDone(long now) {
            return -1;
        }

        @Override
        public long nextBurst(long now) {
            return 1;
        }

        @Override
        public String describe() {
            return "idle";
        }
    }

    /** Periodic jobs with deadlines. */
    static final class Periodic extends SeededWorkload {
        private final long period;
        private final long exec;
        private final long jitter;
        private final String spec;
        private long base;
        private long k;
        private long deadline;
        private long misses;
        private long jobs;

        Periodic(long period, long exec, long jitter, long seed, String spec) {
            super(seed);
            this.period = period;
            this.exec = exec;
            this.jitter = jitter;
            this.spec = spec;
        }

        private long release(long index) {
            return base + index * period + (jitter > 0 ? nextLong(jitter + 1) : 0);
        }

        @Override
        public long start(long now) {
            base = now;
            long r = release(0);
            deadline = base + period;
            if (r > now) {
                return -(r - now) - 1;
            }
            return exec;
        }

        @Override
        public long burstDone(long now) {
            jobs++;
            if (now > deadline) {
                misses++;
            }
            k++;
            long r = release(k);
            deadline = base + (k + 1) * period;
            return Math.max(0, r - now);
        }

        @Override
        public long nextBurst(long now) {
            return exec;
        }

        @Override
        public long deadlineMisses() {
            return misses;
        }

        @Override
        public long jobs() {
            return jobs;
        }

        @Override
        public String describe() {
            return spec;
        }
    }

    /** Exponential run/block alternation. */
    static final class IoLike extends SeededWorkload {
        private final double run;
        private final double block;
        private final String spec;

        IoLike(long run, long block, long seed, String spec) {
            super(seed);
            this.run = run;
            this.block = block;
            this.spec = spec;
        }

        private long exp(double mean) {
            return Math.max(1, (long) (mean * nextExponential())); // the JDK's ziggurat sampler
        }

        @Override
        public long start(long now) {
            return exp(run);
        }

        @Override
        public long burstDone(long now) {
            return exp(block);
        }

        @Override
        public long nextBurst(long now) {
            return exp(run);
        }

        @Override
        public String describe() {
            return spec;
        }
    }
}
