package org.xenwb.cli.xsm;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.xenwb.xsm.policy.Policy;
import org.xenwb.xsm.policy.XenInitialSids;
import org.xenwb.xsm.policy.binary.PolicyWriter;
import org.xenwb.xsm.policy.text.ConfWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code xenwb xsm decompile FILE}: policy.conf text from a binary policy. */
@Command(name = "decompile", mixinStandardHelpOptions = true,
        description = {"Print the policy.conf text of a binary Xen policy (what checkpolicy -t Xen -b FILE -F prints).",
            "With --order values, checkpolicy compiles the text back to the same binary."})
final class XsmDecompileCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Binary policy, e.g. /boot/xenpolicy-4.17.")
    private Path file;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Write to OUT instead of standard output.")
    private Path output;

    @Option(names = "--order", paramLabel = "ORDER", defaultValue = "sorted",
            description = "sorted (checkpolicy's -F layout, default) or values (declaration order; recompiles to "
                    + "the same binary).")
    private String order;

    @Option(names = "--checkpolicy-sid-names",
            description = "Name initial SIDs as checkpolicy 3.4 does (shifted by one), for comparisons.")
    private boolean checkpolicySidNames;

    @Override
    public Integer call() throws IOException {
        ConfWriter.Order o = switch (order) {
            case "sorted" -> ConfWriter.Order.SORTED;
            case "values" -> ConfWriter.Order.VALUES;
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--order must be sorted or values, not " + order);
        };
        Policy policy = PolicyFiles.read(file);
        String text = new ConfWriter(checkpolicySidNames ? XenInitialSids.CHECKPOLICY_3_4 : XenInitialSids.NAMES, o)
                .text(policy);
        if (output != null) {
            PolicyWriter.writeAtomically(output, text.getBytes(StandardCharsets.UTF_8));
        } else {
            PrintWriter out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
        }
        return 0;
    }
}
