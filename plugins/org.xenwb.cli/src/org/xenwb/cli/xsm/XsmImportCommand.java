package org.xenwb.cli.xsm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.xenwb.xsm.importer.PolicyImportException;
import org.xenwb.xsm.importer.XenPolicyImporter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code xenwb xsm import XEN_ROOT --out DIR}: converts Xen's m4 FLASK policy sources into files of the policy
 * language that {@code xenwb xsm compile DIR} compiles (see {@link XenPolicyImporter}).
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import Xen's FLASK policy (m4 sources) into the Xen Workbench policy language.",
            "XEN_ROOT holds tools/flask/policy and xen/xsm/flask/policy, as a Xen source tree does. DIR receives"
            + " one .xsm file per module (Xen's macros stay macros; modules.conf's on/off becomes 'module NAME;' or"
            + " 'module NAME = off;') and files for the classes, access vectors, SIDs, users and device contexts;"
            + " compile them with 'xenwb xsm compile DIR --out OUT'. m4 constructs the language has no equivalent for"
            + " are expanded for Xen's default build (no MLS), with a comment where they were."})
final class XsmImportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "XEN_ROOT", description = "The Xen source tree (or a copy of its policy"
            + " folders).")
    private Path xenRoot;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true,
            description = "The folder the .xsm files are written to (created if needed; files are replaced).")
    private Path out;

    @Override
    public Integer call() throws IOException, PolicyImportException {
        List<Path> written = XenPolicyImporter.write(XenPolicyImporter.translate(xenRoot), out);
        spec.commandLine().getOut().println(out + ": " + written.size() + " policy files imported from " + xenRoot);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
