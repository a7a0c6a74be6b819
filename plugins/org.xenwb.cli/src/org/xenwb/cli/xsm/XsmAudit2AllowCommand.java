package org.xenwb.cli.xsm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.xenwb.cli.CommandInput;
import org.xenwb.xsm.compile.PolicySourceException;
import org.xenwb.xsm.policy.analysis.AllowProposal;
import org.xenwb.xsm.policy.analysis.AvcDenials;
import org.xenwb.xsm.policy.binary.AtomicFiles;
import org.xenwb.xsm.policy.binary.PolicyWriter;
import org.xenwb.xsm.policy.compile.PolicyCompileException;
import org.xenwb.xsm.policy.compile.PolicyDiagnostic;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code xenwb xsm audit2allow POLICY [LOG]}: rules that allow the AVC denials of a log, checked by recompiling. */
@Command(name = "audit2allow", mixinStandardHelpOptions = true,
        description = {"Propose the rules that allow the 'avc:  denied' messages of LOG (xl dmesg output, a console"
            + " log; standard input when LOG is - or absent): one allow rule per source, target and class with the"
            + " denied permissions merged, or a call of a macro of the policy sources that allows exactly those"
            + " groups. The proposal is checked by recompiling the policy with it: every denial must become allowed;"
            + " what else it allows is reported.",
            "POLICY is the binary policy the denials were logged under, or its policy sources: a .xsm or .conf"
            + " file, or a folder of them (only sources offer macros).",
            "Exit code 1 when the recompiled policy fails (e.g. a neverallow) or still denies something."})
final class XsmAudit2AllowCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "POLICY", description = "Binary policy, or policy sources.")
    private Path policy;
    @Parameters(index = "1", arity = "0..1", paramLabel = "LOG", defaultValue = "-",
            description = "Log with avc messages; standard input when - or absent.")
    private String log;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "Also write the proposal to FILE (a module to compile with the policy).")
    private Path out;
    @Option(names = {"-m", "--module"}, paramLabel = "NAME", description = "Start the proposal with 'module NAME;'.")
    private String module;

    @Override
    public Integer call() throws IOException, PolicySourceException, PolicyCompileException {
        if (out != null) {
            AtomicFiles.checkWritable(out); // before the proposal is printed, not after
        }
        String text;
        String name;
        if (log.equals("-")) {
            BufferedReader in = CommandInput.reader(StandardCharsets.UTF_8);
            text = in.lines().collect(Collectors.joining("\n"));
            name = "<stdin>";
        } else {
            Path file = Path.of(log);
            PolicyFiles.requireFile(file, "a log file");
            text = Files.readString(file, StandardCharsets.UTF_8);
            name = file.getFileName().toString();
        }
        AvcDenials.Parsed parsed = AvcDenials.parse(text, name);
        LoadedPolicy loaded = LoadedPolicy.load(policy);
        AllowProposal.Proposal proposal = AllowProposal.propose(loaded.policy(), parsed.denials(), loaded.macros());
        StringBuilder module = new StringBuilder();
        if (this.module != null) {
            module.append("module ").append(this.module).append(";\n");
        }
        module.append(AllowProposal.text(proposal, name));
        PrintWriter w = spec.commandLine().getOut();
        w.print(module);
        // a group is one source, target and class; a denial is one avc message, counted once however many
        // permissions it names
        int stillDenied = proposal.groups().stream().mapToInt(g -> g.lines().size()).sum();
        w.println("# " + plural(parsed.denials().size(), "denial") + " in " + name + " (" + plural(parsed.granted(),
                "granted message") + " skipped), " + stillDenied + " still denied by " + policy.getFileName()
                + " (" + plural(proposal.groups().size(), "source/target/class group") + ")");
        AllowProposal.Verification v = AllowProposal.verify(loaded.policyConf(), loaded.policy().mls(), proposal);
        boolean ok = v.errors().isEmpty() && v.stillDenied().isEmpty();
        for (PolicyDiagnostic e : v.errors()) {
            w.println("# check: the policy with the proposal does not compile: " + loaded.where().apply(e.location())
                    + ": error: " + e.message());
            e.related().forEach(r -> w.println("#     " + loaded.where().apply(r) + ": rule involved"));
        }
        v.stillDenied().forEach(r -> w.println("# check: still denied: " + r));
        if (loaded.rules() == null) {
            w.println("# note: a binary policy does not keep its neverallow rules: give the sources to check them");
        }
        if (ok) {
            w.println("# check: recompiled with the proposal, the policy allows every denial; it also allows "
                    + (v.alsoAllowed().isEmpty() ? "nothing else" : String.join(" ", v.alsoAllowed())));
        }
        w.flush();
        if (out != null) {
            PolicyWriter.writeAtomically(out, module.toString().getBytes(StandardCharsets.UTF_8));
        }
        return ok ? 0 : 1;
    }

    private static String plural(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
