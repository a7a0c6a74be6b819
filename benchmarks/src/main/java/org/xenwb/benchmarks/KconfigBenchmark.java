package org.xenwb.benchmarks;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.xenwb.kconfig.core.ConfMode;
import org.xenwb.kconfig.core.Kconfig;
import org.xenwb.kconfig.core.ShellOutputCache;
import org.xenwb.kconfig.core.ShellPolicy;

/**
 * Parsing and {@code --olddefconfig} of Linux 6.1's x86_64 tree with Debian's amd64 kernel config: our engine warm
 * in-process against Debian's C {@code conf} as a whole process, in the same run.
 *
 * <p>The tree comes from {@code /usr/src/linux-source-6.1.tar.xz} (its Kconfig files and scripts, extracted once
 * into {@code benchmarks/target/linux-6.1}, or {@code -Dxenwb.linux61=DIR} for an extracted tree); the config from
 * {@code /usr/src/linux-config-6.1/config.amd64_none_amd64.xz}. Each side works in its own directory; after the
 * first run both rewrite their {@code .config} with identical content ("No change"), so every iteration does the
 * same work: parse, read, compute, compare.</p>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class KconfigBenchmark {
    private static final String CONF = "/usr/lib/linux-kbuild-6.1/scripts/kconfig/conf";

    private Path tree;
    private Path ours;
    private Path ref;
    private Map<String, String> env;
    /** Probe outputs kept across loads by {@link #xenwbOlddefconfigCachedProbes()}. */
    private final ShellOutputCache probes = new ShellOutputCache();

    @Setup
    public void prepare() throws Exception {
        SharedInputs.tool(CONF);
        tree = linuxTree();
        Path work = Path.of("benchmarks/target/kconfig-bench").toAbsolutePath();
        ours = work.resolve("ours");
        ref = work.resolve("ref");
        Path config = Path.of("/usr/src/linux-config-6.1/config.amd64_none_amd64.xz");
        SharedInputs.tool("/usr/bin/xz");
        for (Path d : new Path[] {ours, ref}) {
            Files.createDirectories(d);
            Files.deleteIfExists(d.resolve(".config.old"));
            Process p = new ProcessBuilder("xz", "-dc", config.toString()).redirectOutput(d.resolve(".config")
                    .toFile()).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("xz failed on " + config);
            }
        }
        env = new HashMap<>();
        for (String k : new String[] {"PATH", "HOME", "LANG"}) {
            if (System.getenv(k) != null) {
                env.put(k, System.getenv(k));
            }
        }
        env.putAll(Map.of("srctree", tree.toString(), "ARCH", "x86", "SRCARCH", "x86", "KERNELVERSION", "6.1.0",
                "CC", "gcc", "LD", "ld", "HOSTCC", "gcc", "HOSTCXX", "g++", "RUSTC", "rustc", "BINDGEN", "bindgen"));
        env.put("CC_VERSION_TEXT", firstLine("gcc", "--version"));
        // Benchmark only a result that is right: the first run of each must write the same .config.
        if (confProcess() != 0) {
            throw new IllegalStateException("conf --olddefconfig failed");
        }
        xenwbOlddefconfig();
        byte[] a = Files.readAllBytes(ref.resolve(".config"));
        byte[] b = Files.readAllBytes(ours.resolve(".config"));
        if (!Arrays.equals(a, b)) {
            throw new IllegalStateException("our .config differs from conf's");
        }
        xenwbOlddefconfigCachedProbes(); // fills the cache
        xenwbOlddefconfigCachedProbes(); // uses it
        if (!Arrays.equals(a, Files.readAllBytes(ours.resolve(".config")))) {
            throw new IllegalStateException("our .config with cached probes differs from conf's");
        }
    }

    private static String firstLine(String... command) throws Exception {
        Process p = new ProcessBuilder(command).start();
        String text = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    private static Path linuxTree() throws Exception {
        String given = System.getProperty("xenwb.linux61");
        if (given != null) {
            return Path.of(given).toAbsolutePath();
        }
        Path dir = Path.of("benchmarks/target/linux-6.1").toAbsolutePath();
        Path t = dir.resolve("linux-source-6.1");
        if (!Files.isRegularFile(t.resolve("Kconfig"))) {
            Path tarball = Path.of("/usr/src/linux-source-6.1.tar.xz");
            if (!Files.isRegularFile(tarball)) {
                throw new IllegalStateException(tarball + " not installed (apt-get install linux-source-6.1)");
            }
            Files.createDirectories(dir);
            Process p = new ProcessBuilder("tar", "xJf", tarball.toString(), "--wildcards",
                    "linux-source-6.1/*Kconfig*", "linux-source-6.1/scripts/*").directory(dir.toFile())
                    .inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("tar failed on " + tarball);
            }
        }
        return t;
    }

    private Kconfig load() {
        return load(null);
    }

    private Kconfig load(ShellOutputCache cache) {
        return Kconfig.load("Kconfig", new Kconfig.Options(ours, env, ShellPolicy.ALLOW_ALL, s -> { }, s -> { },
                cache));
    }

    /** Parsing alone (with the tree's {@code $(shell,...)} calls, as conf runs them). */
    @Benchmark
    public Kconfig xenwbParse() {
        return load();
    }

    /** Parse, read {@code .config}, compute, write: {@code xenwb kconfig --olddefconfig} without JVM start-up. */
    @Benchmark
    public int xenwbOlddefconfig() throws Exception {
        return new ConfMode(load(), new BufferedReader(new StringReader("")), s -> { })
                .run(ConfMode.Mode.OLDDEFCONFIG, null, true, 0);
    }

    /**
     * The same as {@link #xenwbOlddefconfig()} in a long-lived session that keeps the tree's {@code $(shell,...)}
     * probe outputs ({@link ShellOutputCache}, filled by the setup's run): the engine's own work without the 89
     * compiler probes.
     */
    @Benchmark
    public int xenwbOlddefconfigCachedProbes() throws Exception {
        return new ConfMode(load(probes), new BufferedReader(new StringReader("")), s -> { })
                .run(ConfMode.Mode.OLDDEFCONFIG, null, true, 0);
    }

    /** The C tool, whole process. */
    @Benchmark
    public int confProcess() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(CONF, "-s", "--olddefconfig", "Kconfig").directory(ref.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().clear();
        pb.environment().putAll(env);
        return pb.start().waitFor();
    }
}
