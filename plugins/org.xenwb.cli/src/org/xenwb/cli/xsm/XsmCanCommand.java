package org.xenwb.cli.xsm;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.xenwb.xsm.compile.PolicySourceException;
import org.xenwb.xsm.policy.PolicyIndex;
import org.xenwb.xsm.policy.SecurityClass;
import org.xenwb.xsm.policy.analysis.AccessCheck;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code xenwb xsm can POLICY SOURCE PERM TARGET}: whether a type may do something, and why (not). */
@Command(name = "can", mixinStandardHelpOptions = true,
        description = {"Can domain type SOURCE do permission PERM on type TARGET? Prints the verdict under the"
            + " booleans' defaults, the rules that decide it (in sesearch's format) with the attributes and booleans"
            + " involved and, for policy sources, the statements behind them (file:line and macro calls)."
            + " For a denial: the missing rule, what SOURCE already has on TARGET, any dontaudit and neverallow.",
            "POLICY is a binary policy or policy sources (a .xsm or .conf file, or a folder of them).",
            "PERM is CLASS:PERMISSION, or a bare permission for every class that defines it.",
            "Exit code 0 whatever the answer; 1 when POLICY cannot be read or compiled, or has no such type, class or"
                + " permission."})
final class XsmCanCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "POLICY", description = "Binary policy, or policy sources.")
    private Path policy;
    @Parameters(index = "1", paramLabel = "SOURCE", description = "Source type (a domain type such as dom0_t).")
    private String source;
    @Parameters(index = "2", paramLabel = "PERM", description = "CLASS:PERMISSION, e.g. domain:create.")
    private String permission;
    @Parameters(index = "3", paramLabel = "TARGET", description = "Target type.")
    private String target;

    @Override
    public Integer call() throws IOException, PolicySourceException {
        LoadedPolicy loaded = LoadedPolicy.load(policy);
        PolicyIndex ix = loaded.policy().index();
        List<String[]> queries = new ArrayList<>();
        int colon = permission.indexOf(':');
        if (colon >= 0) {
            queries.add(new String[] {permission.substring(0, colon), permission.substring(colon + 1)});
        } else {
            for (SecurityClass c : loaded.policy().classes()) {
                if (ix.permissionBit(c.value(), permission) != 0) {
                    queries.add(new String[] {c.name(), permission});
                }
            }
            if (queries.isEmpty()) {
                throw new IllegalArgumentException(policy + ": no class defines permission " + permission);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        for (String[] q : queries) {
            AccessCheck.Answer answer;
            try {
                answer = AccessCheck.check(loaded.policy(), loaded.rules(), source, target, q[0], q[1]);
            } catch (IllegalArgumentException e) {
                // a name the policy does not have is a fact about the policy, not a misuse of the command
                throw new IllegalArgumentException(policy + ": " + e.getMessage(), e);
            }
            out.print(AccessCheck.format(answer, loaded.where()));
        }
        out.flush();
        return 0;
    }
}
