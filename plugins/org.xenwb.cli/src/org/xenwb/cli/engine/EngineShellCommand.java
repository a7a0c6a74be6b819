package org.xenwb.cli.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.xenwb.cli.CommandInput;
import org.xenwb.engine.core.Engine;
import org.xenwb.engine.core.workload.Workloads;
import org.xenwb.engine.core.xl.XlException;
import org.xenwb.engine.core.xl.XlShell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code xenwb engine shell}: xl commands on a simulated host, read from standard input. */
@Command(name = "shell", mixinStandardHelpOptions = true,
        description = {"Boot a simulated host and read xl commands from standard input, one per line",
            "(list, create FILE, vcpu-list, sched-credit2, cpupool-list -c, vcpu-pin, ...).",
            "Extra commands: 'run TIME' advances the simulation (e.g. run 2s), 'help' lists the commands,",
            "'exit' or 'quit' (or the end of the input) ends. Exit code 1 when a command failed."})
final class EngineShellCommand implements java.util.concurrent.Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private HostOptions host;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        host.check();
        Engine e = host.boot(host.options());
        XlShell xl = new XlShell(e, Path.of("").toAbsolutePath(), d -> err.println("xenwb: " + d));
        BufferedReader in = CommandInput.reader(StandardCharsets.UTF_8);
        int failures = 0;
        String line;
        while ((line = in.readLine()) != null) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            if (l.equals("quit") || l.equals("exit")) {
                break;
            }
            try {
                if (l.equals("help")) {
                    out.println("xl commands: " + String.join(", ", XlShell.COMMANDS));
                    out.println("shell commands: run TIME (simulate TIME more, e.g. run 100ms), help, exit, quit");
                } else if (l.equals("run") || l.startsWith("run ")) {
                    String time = l.substring(3).strip();
                    if (time.isEmpty()) {
                        throw new IllegalArgumentException("run: give a time to simulate, e.g. run 100ms");
                    }
                    e.run(Workloads.parseDuration(time));
                } else {
                    out.print(xl.execute(l));
                }
            } catch (XlException | IllegalArgumentException ex) {
                err.println("xl: " + ex.getMessage());
                failures++;
            } catch (IllegalStateException ex) {
                // a broken invariant: the simulated host can no longer be trusted, so the shell ends here
                throw new IllegalStateException("the engine failed at '" + l + "' (a bug in Xen Workbench; please "
                        + "report it with the commands that led here): " + ex.getMessage(), ex);
            }
            out.flush();
            err.flush();
        }
        return failures == 0 ? 0 : 1;
    }
}
