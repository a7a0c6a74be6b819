package org.xenwb.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
import org.xenwb.xsm.XsmStandaloneSetup;
import org.xenwb.xsm.compile.XsmCompiler;
import org.xenwb.xsm.importer.XenPolicyImporter;
import org.xenwb.xsm.policy.compile.XenPolicySources;

/**
 * Compiling Xen 4.22's default policy from its sources in the policy language (as {@code xenwb xsm import} writes
 * them: 19 files, Xen's macros as macros) end to end: parse, link, validate, expand, compile and write the binary,
 * in a fresh resource set each time (the language's injector is made once, as a long-running workbench or a
 * command does). Against {@code checkpolicy -t Xen -c 30} as a process on the policy.conf of Xen's own m4 recipe,
 * in the same run. The setup checks that our binary equals checkpolicy's byte for byte.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class XsmSourceCompileBenchmark {

    private List<Path> sources;
    private XsmCompiler compiler;
    private Path policyConf;
    private Path output;

    @Setup
    public void importXenPolicy() throws Exception {
        Path xen = SharedInputs.data("xen-4.22");
        Path work = Files.createTempDirectory("xenwb-bench-xsm");
        sources = XenPolicyImporter.write(XenPolicyImporter.translate(xen), work.resolve("src"));
        compiler = new XsmStandaloneSetup().createInjectorAndDoEMFRegistration().getInstance(XsmCompiler.class);
        policyConf = work.resolve("policy.conf");
        output = work.resolve("xenpolicy");
        Files.writeString(policyConf, XenPolicySources.expand(xen));
        // Benchmark only a compiler that is right: its bytes must be checkpolicy's on Xen's m4 output.
        if (checkpolicyProcess() != 0 || !Arrays.equals(Files.readAllBytes(output), xenwbCompileSources())) {
            throw new IllegalStateException("our binary of the imported sources differs from checkpolicy's");
        }
    }

    @Benchmark
    public byte[] xenwbCompileSources() throws Exception {
        return compiler.compile(sources, XsmCompiler.XEN_POLICY_VERSION).binary();
    }

    @Benchmark
    public int checkpolicyProcess() throws Exception {
        return SharedInputs.run(SharedInputs.tool("/usr/bin/checkpolicy").toString(), "-t", "Xen", "-c", "30",
                "-o", output.toString(), policyConf.toString());
    }
}
