package org.xenwb.cli.xsm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.xenwb.xsm.XsmStandaloneSetup;
import org.xenwb.xsm.compile.MacroTemplates;
import org.xenwb.xsm.compile.PolicySourceException;
import org.xenwb.xsm.compile.XsmCompiler;
import org.xenwb.xsm.policy.Policy;
import org.xenwb.xsm.policy.XenInitialSids;
import org.xenwb.xsm.policy.analysis.MacroTemplate;
import org.xenwb.xsm.policy.compile.SourceLocation;
import org.xenwb.xsm.policy.compile.SourceRule;
import org.xenwb.xsm.policy.text.ConfWriter;

/**
 * A policy the analysis commands work on: a binary policy (no source statements), or policy sources compiled in
 * memory (statements with their file, line and macro calls).
 *
 * @param policy the compiled policy
 * @param rules the rules as written, or null for a binary policy
 * @param where describes a statement's location: source file:line and macro call chain
 * @param policyConf the policy as policy.conf text (generated from the sources, or decompiled), for recompiling
 * @param macros the sources' macros that audit2allow may propose (none for a binary policy)
 */
record LoadedPolicy(Policy policy, List<SourceRule> rules, Function<SourceLocation, String> where, String policyConf,
        List<MacroTemplate> macros) {

    private static final int MAGIC = 0xf97cff8c;

    /**
     * @param argument a binary policy file, or a source file or folder (as {@code xenwb xsm compile} takes)
     * @return the loaded policy
     * @throws IOException when a file cannot be read or the binary is malformed (message names the file)
     * @throws PolicySourceException when the sources have errors (message lists them as file:line)
     */
    static LoadedPolicy load(Path argument) throws IOException, PolicySourceException {
        if (Files.isRegularFile(argument) && isBinary(argument)) {
            Policy policy = PolicyFiles.read(argument);
            return new LoadedPolicy(policy, null, SourceLocation::toString,
                    new ConfWriter(XenInitialSids.NAMES, ConfWriter.Order.VALUES).text(policy), List.of());
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
                at -> analysis.origin(at).toString(), analysis.policyConf(), MacroTemplates.of(checked.policies()));
    }

    private static boolean isBinary(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && ((head[0] & 0xff) | (head[1] & 0xff) << 8 | (head[2] & 0xff) << 16
                    | (head[3] & 0xff) << 24) == MAGIC;
        }
    }
}
