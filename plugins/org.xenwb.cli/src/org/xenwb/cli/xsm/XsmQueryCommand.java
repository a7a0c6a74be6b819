package org.xenwb.cli.xsm;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.xenwb.xsm.policy.Policy;
import org.xenwb.xsm.policy.PolicyIndex;
import org.xenwb.xsm.policy.query.PolicyStatistics;
import org.xenwb.xsm.policy.query.RuleQuery;
import org.xenwb.xsm.policy.query.RuleQuery.Kind;
import org.xenwb.xsm.policy.query.SesearchFormat;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code xenwb xsm query FILE}: rules by source, target, class, permission, boolean, as sesearch finds them. */
@Command(name = "query", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Search the access-vector and type rules of a binary Xen policy, like setools' sesearch.",
            "Attributes are expanded: -s dom0_t also finds rules whose source is an attribute dom0_t has.",
            "Prints one rule a line, sorted, in sesearch's format; --stats prints seinfo's counts."})
final class XsmQueryCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Binary policy.")
    private Path file;

    @Option(names = {"-A", "--allow"}, description = "Search allow rules.")
    private boolean allow;
    @Option(names = "--auditallow", description = "Search auditallow rules.")
    private boolean auditallow;
    @Option(names = "--dontaudit", description = "Search dontaudit rules.")
    private boolean dontaudit;
    @Option(names = {"-T", "--type_trans"}, description = "Search type_transition rules.")
    private boolean typeTransition;
    @Option(names = "--type_change", description = "Search type_change rules.")
    private boolean typeChange;
    @Option(names = "--type_member", description = "Search type_member rules.")
    private boolean typeMember;
    @Option(names = {"-s", "--source"}, paramLabel = "TYPE", description = "Source type or attribute.")
    private String source;
    @Option(names = {"-t", "--target"}, paramLabel = "TYPE", description = "Target type or attribute.")
    private String target;
    @Option(names = {"-c", "--class"}, paramLabel = "CLASS", split = ",", description = "Classes (comma list).")
    private List<String> classes = new ArrayList<>();
    @Option(names = {"-p", "--perms"}, paramLabel = "PERM", split = ",", description = "Permissions (comma list).")
    private List<String> perms = new ArrayList<>();
    @Option(names = {"-D", "--default"}, paramLabel = "TYPE", description = "New type of type rules.")
    private String defaultType;
    @Option(names = {"-b", "--bool"}, paramLabel = "BOOL", split = ",",
            description = "Conditional rules using any of these booleans (comma list).")
    private List<String> booleans = new ArrayList<>();
    @Option(names = "-ep", description = "Match the permission set exactly.")
    private boolean permsEqual;
    @Option(names = "-ds", description = "Match the source name itself, without attribute expansion.")
    private boolean sourceDirect;
    @Option(names = "-dt", description = "Match the target name itself, without attribute expansion.")
    private boolean targetDirect;
    @Option(names = "--stats", description = "Print the policy's component counts (as seinfo does) instead.")
    private boolean stats;

    @Override
    public Integer call() throws IOException {
        if (stats) {
            PrintWriter out = spec.commandLine().getOut();
            PolicyStatistics.of(PolicyFiles.read(file)).seinfoLines(file.toString()).forEach(out::println);
            out.flush();
            return 0;
        }
        List<Kind> kinds = new ArrayList<>();
        if (allow) {
            kinds.add(Kind.ALLOW);
        }
        if (auditallow) {
            kinds.add(Kind.AUDITALLOW);
        }
        if (dontaudit) {
            kinds.add(Kind.DONTAUDIT);
        }
        if (typeTransition) {
            kinds.add(Kind.TYPE_TRANSITION);
        }
        if (typeChange) {
            kinds.add(Kind.TYPE_CHANGE);
        }
        if (typeMember) {
            kinds.add(Kind.TYPE_MEMBER);
        }
        if (kinds.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "Choose at least one rule kind (-A, -T, --dontaudit...).");
        }
        Policy policy = PolicyFiles.read(file);
        PolicyIndex ix = policy.index();
        RuleQuery q = new RuleQuery().kinds(kinds.toArray(Kind[]::new)).source(source, sourceDirect)
                .target(target, targetDirect).classes(classes).permissions(perms).permissionsEqual(permsEqual)
                .booleans(booleans).defaultType(defaultType);
        List<String> lines;
        try {
            lines = new ArrayList<>(q.run(ix).stream().map(m -> SesearchFormat.line(ix, m)).toList());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        lines.sort(null);
        PrintWriter out = spec.commandLine().getOut();
        lines.forEach(out::println);
        out.flush();
        return 0;
    }
}
