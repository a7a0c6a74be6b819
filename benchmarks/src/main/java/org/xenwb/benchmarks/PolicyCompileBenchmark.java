package org.xenwb.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
import org.xenwb.xsm.policy.binary.PolicyWriter;
import org.xenwb.xsm.policy.compile.ConfParser;
import org.xenwb.xsm.policy.compile.XenPolicySources;

/**
 * Compiling Xen's m4-expanded policy.conf to the binary policy: our compiler in-process (warm) against
 * {@code checkpolicy -t Xen -c 30} as a whole process, in the same run. The policy.conf is made from
 * ../shared/data/xen-4.17 with m4 by the setup, as Xen's build does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PolicyCompileBenchmark {

    private Path policyConf;
    private Path output;
    private String text;

    @Setup
    public void expandXenPolicy() throws Exception {
        Path xen = SharedInputs.data("xen-4.17");
        Path work = Files.createTempDirectory("xenwb-bench");
        policyConf = work.resolve("policy.conf");
        output = work.resolve("xenpolicy");
        text = XenPolicySources.expand(xen);
        Files.writeString(policyConf, text);
        // Benchmark only a compiler that is right: its bytes must be checkpolicy's.
        if (checkpolicyProcess() != 0 || !Arrays.equals(Files.readAllBytes(output), xenwbCompile())) {
            throw new IllegalStateException("our binary differs from checkpolicy's: fix that before measuring");
        }
    }

    @Benchmark
    public byte[] xenwbCompile() throws Exception {
        return new PolicyWriter().toBytes(ConfParser.parse(text, "policy.conf").build(30, false));
    }

    @Benchmark
    public int checkpolicyProcess() throws Exception {
        return SharedInputs.run(SharedInputs.tool("/usr/bin/checkpolicy").toString(), "-t", "Xen", "-c", "30",
                "-o", output.toString(), policyConf.toString());
    }
}
