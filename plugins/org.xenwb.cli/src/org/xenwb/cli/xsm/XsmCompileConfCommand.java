package org.xenwb.cli.xsm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.xenwb.xsm.policy.Policy;
import org.xenwb.xsm.policy.binary.PolicyWriter;
import org.xenwb.xsm.policy.compile.ConfParser;
import org.xenwb.xsm.policy.compile.PolicyCompileException;
import org.xenwb.xsm.policy.query.PolicyStatistics;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code xenwb xsm compile-conf POLICY_CONF -o OUT}: our own checkpolicy for Xen's m4-expanded policy.conf. */
@Command(name = "compile-conf", mixinStandardHelpOptions = true,
        description = {"Compile a policy.conf (the m4 output of Xen's policy build) to a binary Xen policy.",
            "The result is byte for byte what 'checkpolicy -t Xen -c VERSION' writes."})
final class XsmCompileConfCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "POLICY_CONF", description = "The policy.conf text.")
    private Path file;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", required = true,
            description = "The binary to write (replaced as a whole; its folder must exist).")
    private Path output;

    @Option(names = {"-c", "--policy-version"}, paramLabel = "VERSION", defaultValue = "30",
            description = "Policy version: 24 to 30 (default 30, what Xen's build uses).")
    private int version;

    @Option(names = {"-M", "--mls"}, description = "Compile an MLS policy (checkpolicy -M).")
    private boolean mls;

    @Override
    public Integer call() throws IOException, PolicyCompileException {
        XsmCompileCommand.checkVersion(spec, version);
        PolicyFiles.requireFile(file, "a policy.conf file");
        Policy policy = ConfParser.parse(Files.readString(file), file.toString()).build(version, mls);
        new PolicyWriter().write(policy, output);
        // counted as seinfo and 'xenwb xsm info' count them: types without aliases and attributes
        PolicyStatistics counts = PolicyStatistics.of(policy);
        spec.commandLine().getOut().println(output + ": " + counts.types() + " types, " + counts.attributes()
                + " attributes, " + policy.rules().size() + " unconditional rules, "
                + policy.conditionals().size() + " conditionals, version " + version);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
