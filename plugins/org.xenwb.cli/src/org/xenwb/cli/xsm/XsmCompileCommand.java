package org.xenwb.cli.xsm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.xenwb.xsm.XsmStandaloneSetup;
import org.xenwb.xsm.compile.PolicySourceException;
import org.xenwb.xsm.compile.XsmCompiler;
import org.xenwb.xsm.policy.binary.PolicyReader;
import org.xenwb.xsm.policy.binary.PolicyWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code xenwb xsm compile SRC --out DIR}: compiles policy sources in the Xen Workbench policy language (and
 * m4-expanded policy.conf files) to {@code DIR/policy.conf} and the binary {@code DIR/xenpolicy}.
 */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = {"Compile policy sources to what Xen loads: DIR/policy.conf (macros expanded, the form Xen's"
            + " build feeds to checkpolicy) and DIR/xenpolicy (the binary policy).",
            "SRC is a .xsm or .conf file, or a folder whose .xsm and .conf files are compiled together; a file"
            + " that uses another's declarations is placed after it."})
final class XsmCompileCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SRC", description = "A policy source file or a folder of them.")
    private Path source;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true,
            description = "Where policy.conf and xenpolicy are written (DIR is created if missing; its parent folder"
                    + " must exist).")
    private Path out;

    @Option(names = {"-c", "--policy-version"}, paramLabel = "VERSION", defaultValue = "30",
            description = "Binary policy version, 24 to 30 (default 30, what Xen's build uses).")
    private int version;

    @Override
    public Integer call() throws IOException, PolicySourceException {
        checkVersion(spec, version);
        List<Path> sources = PolicySources.expand(List.of(source));
        XsmCompiler compiler = new XsmStandaloneSetup().createInjectorAndDoEMFRegistration()
                .getInstance(XsmCompiler.class);
        XsmCompiler.Result result = compiler.compile(sources, version);
        outputFolder(out);
        Path policyConf = out.resolve("policy.conf");
        Path binary = out.resolve("xenpolicy");
        PolicyWriter.writeAtomically(policyConf, result.policyConf().getBytes(StandardCharsets.UTF_8));
        PolicyWriter.writeAtomically(binary, result.binary());
        spec.commandLine().getOut().println(binary + ": " + result.binary().length + " bytes, version " + version
                + ", from " + sources.size() + " source file" + (sources.size() == 1 ? "" : "s"));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /**
     * @param spec the command, for the usage error
     * @param version the {@code --policy-version} given
     * @throws ParameterException (exit code 2) unless Xen can load that version
     */
    static void checkVersion(CommandSpec spec, int version) {
        if (version < PolicyReader.MIN_VERSION || version > PolicyReader.MAX_VERSION) {
            throw new ParameterException(spec.commandLine(), "--policy-version must be " + PolicyReader.MIN_VERSION
                    + " to " + PolicyReader.MAX_VERSION + ", not " + version);
        }
    }

    /** Creates DIR when missing, but not missing folders above it (a mistyped path is an error, not new folders). */
    private static void outputFolder(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (Files.exists(dir)) {
            throw new IOException(dir + ": not a folder (--out names the folder to write policy.conf and xenpolicy"
                    + " in)");
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IOException(dir + ": cannot create: folder " + parent + " does not exist");
        }
        Files.createDirectory(dir);
    }
}
