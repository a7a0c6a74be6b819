package org.xenwb.cli.xsm;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.xenwb.xsm.compile.PolicySourceException;
import org.xenwb.xsm.policy.analysis.InteractionFormat;
import org.xenwb.xsm.policy.analysis.Interactions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code xenwb xsm interactions POLICY [--format json|text]}: the domain interaction graph. */
@Command(name = "interactions", mixinStandardHelpOptions = true,
        description = {"For each pair of domain types (and each domain and device/resource type), what the first"
            + " can do to the second under the booleans' defaults, by category: create, manage, memory (mmu),"
            + " grant, event (directly or through a channel type made like Xen's create_channel), device"
            + " (resource, hvm bind_irq), argo (Argo inter-domain messages), other.",
            "POLICY is a binary policy or policy sources (a .xsm or .conf file, or a folder of them)."})
final class XsmInteractionsCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format { json, text }

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "POLICY", description = "Binary policy, or policy sources.")
    private Path policy;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "json or text (default text).")
    private Format format;

    @Option(names = {"-p", "--permissions"}, description = "Text format: list the permissions of each category.")
    private boolean permissions;

    @Override
    public Integer call() throws IOException, PolicySourceException {
        Interactions.Graph graph = Interactions.of(LoadedPolicy.load(policy).policy());
        PrintWriter out = spec.commandLine().getOut();
        out.print(format == Format.json ? InteractionFormat.json(graph) : InteractionFormat.text(graph, permissions));
        out.flush();
        return 0;
    }
}
