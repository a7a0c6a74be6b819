package org.xenwb.cli.xsm;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.xenwb.xsm.XsmStandaloneSetup;
import org.xenwb.xsm.compile.XsmCompiler;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code xenwb xsm check SRC...}: parse, link, validate and compile policy sources; print their problems like a
 * compiler.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check policy sources (.xsm files, m4-expanded policy.conf): syntax, names, permissions of each"
            + " class, macro calls, then (when those pass) neverallow violations, duplicate declarations and"
            + " warnings of the compiled policy, at their source lines with the macro calls that led there. Prints"
            + " one 'file:line: error|warning: message' line per problem; exits 1 when there is an error."})
final class XsmCheckCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SRC", description = "Policy source files or folders of them.")
    private List<Path> sources;

    @Override
    public Integer call() throws IOException {
        XsmCompiler compiler = new XsmStandaloneSetup().createInjectorAndDoEMFRegistration()
                .getInstance(XsmCompiler.class);
        List<Path> files = PolicySources.expand(sources);
        XsmCompiler.Checked checked = compiler.check(files);
        PrintWriter out = spec.commandLine().getOut();
        checked.diagnostics().forEach(out::println);
        long errors = checked.diagnostics().stream().filter(XsmCompiler.Diagnostic::error).count();
        // every source file read, as compile counts them (a file of comments only is checked too)
        out.println(files.size() + " file" + (files.size() == 1 ? "" : "s") + " checked, "
                + errors + " error" + (errors == 1 ? "" : "s") + ", " + (checked.diagnostics().size() - errors)
                + " warning" + (checked.diagnostics().size() - errors == 1 ? "" : "s"));
        out.flush();
        return errors == 0 ? 0 : 1;
    }
}
