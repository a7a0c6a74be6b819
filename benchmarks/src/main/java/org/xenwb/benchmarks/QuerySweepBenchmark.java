package org.xenwb.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import org.xenwb.xsm.policy.Policy;
import org.xenwb.xsm.policy.PolicyIndex;
import org.xenwb.xsm.policy.TypeDef;
import org.xenwb.xsm.policy.binary.PolicyReader;
import org.xenwb.xsm.policy.compile.ConfParser;
import org.xenwb.xsm.policy.compile.XenPolicySources;
import org.xenwb.xsm.policy.query.RuleQuery;
import org.xenwb.xsm.policy.query.SesearchFormat;

/**
 * A full query sweep of Xen 4.17's default policy: for every type, the allow and type_transition rules it is the
 * source of ({@code sesearch -A -T -s TYPE}). Ours in-process on the binary, ours compiling policy.conf first,
 * and sesearch (setools 4.4.1) as one process per type on checkpolicy's binary, in the same run. The setup checks
 * that our sweep prints, type by type, exactly sesearch's lines.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class QuerySweepBenchmark {

    private Path binary;
    private String text;
    private Policy policy;
    private List<String> types;

    @Setup
    public void buildAndVerify() throws Exception {
        Path work = Files.createTempDirectory("xenwb-sweep");
        text = XenPolicySources.expand(SharedInputs.data("xen-4.17"));
        Path conf = work.resolve("policy.conf");
        Files.writeString(conf, text);
        binary = work.resolve("xenpolicy");
        if (SharedInputs.run(SharedInputs.tool("/usr/bin/checkpolicy").toString(), "-t", "Xen", "-c", "30", "-o",
                binary.toString(), conf.toString()) != 0) {
            throw new IllegalStateException("checkpolicy failed on " + conf);
        }
        policy = new PolicyReader().read(binary);
        types = new ArrayList<>();
        for (TypeDef t : policy.types()) {
            if (t.kind() == TypeDef.Kind.TYPE) {
                types.add(t.name());
            }
        }
        PolicyIndex ix = policy.index();
        for (String t : types) {
            List<String> ours = sweepOne(ix, t);
            List<String> theirs = new ArrayList<>(sesearch(t));
            theirs.sort(null);
            if (!ours.equals(theirs)) {
                throw new IllegalStateException("sesearch -A -T -s " + t + " differs: ours " + ours + " theirs "
                        + theirs);
            }
        }
    }

    private static List<String> sweepOne(PolicyIndex ix, String type) {
        List<String> lines = new ArrayList<>();
        new RuleQuery().kinds(RuleQuery.Kind.ALLOW, RuleQuery.Kind.TYPE_TRANSITION).source(type, false).run(ix)
                .forEach(m -> lines.add(SesearchFormat.line(ix, m)));
        lines.sort(null);
        return lines;
    }

    private List<String> sesearch(String type) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(SharedInputs.tool("/usr/bin/sesearch").toString(), "-A", "-T", "-s", type,
                binary.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("sesearch failed: " + out);
        }
        return out.lines().filter(l -> !l.isEmpty()).toList();
    }

    /** Our sweep on the binary read once (warm JVM). */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public int xenwbSweep() {
        PolicyIndex ix = policy.index();
        int n = 0;
        for (String t : types) {
            n += sweepOne(ix, t).size();
        }
        return n;
    }

    /** Our compiler on policy.conf, then the sweep on its result. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public int xenwbCompileAndSweep() throws Exception {
        PolicyIndex ix = ConfParser.parse(text, "policy.conf").build(30, false).index();
        int n = 0;
        for (String t : types) {
            n += sweepOne(ix, t).size();
        }
        return n;
    }

    /** sesearch, one process per type, as a script would run it. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 0)
    @Measurement(iterations = 3)
    public int sesearchSweep() throws Exception {
        int n = 0;
        for (String t : types) {
            n += sesearch(t).size();
        }
        return n;
    }
}
