package org.xenwb.cli.xsm;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.xenwb.xsm.policy.Policy;
import org.xenwb.xsm.policy.query.PolicyStatistics;
import org.xenwb.xsm.policy.query.SeinfoFormat;
import org.xenwb.xsm.policy.query.SeinfoFormat.Component;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code xenwb xsm info FILE}: counts and component lists, like seinfo. */
@Command(name = "info", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Statistics of a binary Xen policy (the numbers seinfo prints), or lists of its components.",
            "Without a component option, prints the statistics."})
final class XsmInfoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Binary policy.")
    private Path file;

    @Option(names = {"-t", "--type"}, description = "List types.")
    private boolean types;
    @Option(names = {"-a", "--attribute"}, description = "List type attributes.")
    private boolean attributes;
    @Option(names = {"-c", "--class"}, description = "List classes.")
    private boolean classes;
    @Option(names = {"-r", "--role"}, description = "List roles.")
    private boolean roles;
    @Option(names = {"-u", "--user"}, description = "List users.")
    private boolean users;
    @Option(names = {"-b", "--bool"}, description = "List booleans.")
    private boolean booleans;
    @Option(names = "--sensitivity", description = "List MLS sensitivities.")
    private boolean sensitivities;
    @Option(names = "--category", description = "List MLS categories.")
    private boolean categories;
    @Option(names = {"-x", "--expand"}, description = "Print details of each component.")
    private boolean expand;

    @Override
    public Integer call() throws IOException {
        Policy policy = PolicyFiles.read(file);
        List<Component> chosen = new ArrayList<>();
        boolean[] flags = {types, attributes, classes, roles, users, booleans, sensitivities, categories};
        Component[] all = {Component.TYPES, Component.ATTRIBUTES, Component.CLASSES, Component.ROLES,
            Component.USERS, Component.BOOLEANS, Component.SENSITIVITIES, Component.CATEGORIES};
        for (int i = 0; i < flags.length; i++) {
            if (flags[i]) {
                chosen.add(all[i]);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (chosen.isEmpty()) {
            PolicyStatistics.of(policy).seinfoLines(file.toString()).forEach(out::println);
        } else {
            for (Component c : chosen) {
                SeinfoFormat.lines(policy, c, expand).forEach(out::println);
            }
        }
        out.flush();
        return 0;
    }
}
