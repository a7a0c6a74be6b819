package org.xenwb.cli.xsm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.xenwb.xsm.XsmStandaloneSetup;
import org.xenwb.xsm.compile.PolicySourceException;
import org.xenwb.xsm.compile.XsmCompiler;
import org.xenwb.xsm.policy.Policy;
import org.xenwb.xsm.policy.compile.SourceLocation;
import org.xenwb.xsm.policy.compile.SourceRule;

/**
 * A policy the analysis commands work on: a binary policy (no source statements), or policy sources compiled in
 * memory (statements with their file, line and macro calls).
 *
 * @param policy the compiled policy
 * @param rules the rules as written, or null for a binary policy
 * @param where describes a statement's location: source file:line and macro call chain
 */
record LoadedPolicy(Policy policy, List<SourceRule> rules, Function<SourceLocation, String> where) {

    private static final int MAGIC = 0xf97cff8c;

    /**
     * @param argument a binary policy file, or a source file or folder (as {@code xenwb xsm compile} takes)
     * @return the loaded policy
     * @throws IOException when a file cannot be read or the binary is malformed (message names the file)
     * @throws PolicySourceException when the sources have errors (message lists them as file:line)
     */
    static LoadedPolicy load(Path argument) throws IOException, PolicySourceException {
        if (Files.isRegularFile(argument) && isBinary(argument)) {
            return new LoadedPolicy(PolicyFiles.read(argument), null, SourceLocation::toString);
        }
        XsmCompiler compiler = new XsmStandaloneSetup().createInjectorAndDoEMFRegistration()
                .getInstance(XsmCompiler.class);
        XsmCompiler.Checked checked = compiler.check(PolicySources.expand(List.of(argument)));
        List<XsmCompiler.Diagnostic> errors = checked.diagnostics().stream().filter(XsmCompiler.Diagnostic::error)
                .toList();
        if (!errors.isEmpty()) {
            throw new PolicySourceException(errors.stream().map(Object::toString).collect(Collectors.joining("\n")));
        }
        XsmCompiler.Analysis analysis = checked.analysis();
        return new LoadedPolicy(analysis.compilation().policy(), analysis.compilation().rules(),
                at -> analysis.origin(at).toString());
    }

    private static boolean isBinary(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && ((head[0] & 0xff) | (head[1] & 0xff) << 8 | (head[2] & 0xff) << 16
                    | (head[3] & 0xff) << 24) == MAGIC;
        }
    }
}
