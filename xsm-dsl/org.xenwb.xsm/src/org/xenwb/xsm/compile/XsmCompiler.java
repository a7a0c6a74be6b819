package org.xenwb.xsm.compile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.resource.IResourceFactory;
import org.eclipse.xtext.resource.IResourceServiceProvider;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.xenwb.xsm.policy.Policy;
import org.xenwb.xsm.policy.binary.PolicyWriter;
import org.xenwb.xsm.policy.compile.ConfParser;
import org.xenwb.xsm.policy.compile.PolicyCompileException;
import org.xenwb.xsm.xsm.SensitivityDecl;

import com.google.inject.Inject;
import com.google.inject.Provider;

/**
 * Compiles policy sources (files of the policy language; an m4-expanded policy.conf is one too) to what Xen loads:
 * parse and link all files together, validate, put each file after the files whose declarations it uses
 * ({@link SourceOrder}), leave out modules that are off ({@link ModuleSelection}), expand macros into policy.conf
 * text ({@link PolicyConfGenerator}),
 * then compile that text to the binary policy with {@link ConfParser} and {@link PolicyWriter}.
 *
 * <p>Obtain instances from the language's injector. Not thread-safe; each {@link #compile} call is independent.</p>
 */
public final class XsmCompiler {

    /** The binary policy format version Xen's build asks checkpolicy for ({@code -c 30}). */
    public static final int XEN_POLICY_VERSION = 30;

    private static final int MAX_REPORTED_ERRORS = 20;
    private static final String POLICY_CONF_EXTENSION = "conf";

    /** What one compilation produced. */
    public record Result(String policyConf, byte[] binary) {
    }

    /** A problem found in a source: its file name, 1-based line, whether it is an error, text and issue code. */
    public record Diagnostic(String file, int line, boolean error, String message, String code) {
        /** @return {@code file:line: error: message}, the form compilers print */
        @Override
        public String toString() {
            return file + ":" + line + ": " + (error ? "error" : "warning") + ": " + message;
        }
    }

    /** The sources as parsed and linked, with their diagnostics. */
    public record Checked(List<org.xenwb.xsm.xsm.Policy> policies, List<Diagnostic> diagnostics) {
    }

    @Inject
    private Provider<XtextResourceSet> resourceSets;
    @Inject
    private IResourceFactory resourceFactory;
    @Inject
    private IResourceValidator validator;
    @Inject
    private IResourceServiceProvider serviceProvider;

    /**
     * Parses, links and validates the sources together, as {@link #compile} does before generating anything.
     *
     * @param sources the source files
     * @return the parsed policies and every diagnostic, in file order
     * @throws IOException when a source cannot be read
     */
    public Checked check(List<Path> sources) throws IOException {
        // An m4-expanded policy.conf is written in this language too: let its declarations be seen by the
        // other sources (Xtext finds a resource's exported names through the provider of its file extension).
        IResourceServiceProvider.Registry.INSTANCE.getExtensionToFactoryMap().putIfAbsent(POLICY_CONF_EXTENSION,
                serviceProvider);
        XtextResourceSet resources = resourceSets.get();
        for (Path source : sources) {
            URI uri = URI.createFileURI(source.toAbsolutePath().toString());
            Resource resource = resourceFactory.createResource(uri);
            resources.getResources().add(resource);
            try (InputStream in = Files.newInputStream(source)) {
                resource.load(in, Map.of());
            }
        }
        EcoreUtil.resolveAll(resources);
        List<org.xenwb.xsm.xsm.Policy> policies = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (Resource resource : resources.getResources()) {
            List<Issue> issues = new ArrayList<>(
                    validator.validate(resource, CheckMode.ALL, CancelIndicator.NullImpl));
            issues.sort(Comparator.comparing(Issue::getLineNumber, Comparator.nullsFirst(Integer::compare)));
            for (Issue issue : issues) {
                if (issue.getSeverity() != Severity.IGNORE && issue.getSeverity() != Severity.INFO) {
                    diagnostics.add(new Diagnostic(resource.getURI().lastSegment(), issue.getLineNumber(),
                            issue.getSeverity() == Severity.ERROR, issue.getMessage(), issue.getCode()));
                }
            }
            if (!resource.getContents().isEmpty()
                    && resource.getContents().get(0) instanceof org.xenwb.xsm.xsm.Policy policy) {
                policies.add(policy);
            }
        }
        return new Checked(policies, diagnostics);
    }

    /**
     * @param sources the source files, in any order (each is placed after the files whose declarations it uses)
     * @param version the binary policy format version (24 to 30)
     * @return the policy.conf text and the binary policy
     * @throws PolicySourceException when a source has errors; the message lists them as {@code file:line: ...}
     * @throws IOException when a source cannot be read
     */
    public Result compile(List<Path> sources, int version) throws PolicySourceException, IOException {
        Checked checked = check(sources);
        List<String> errors = checked.diagnostics().stream().filter(Diagnostic::error).map(Diagnostic::toString)
                .toList();
        if (!errors.isEmpty()) {
            int shown = Math.min(errors.size(), MAX_REPORTED_ERRORS);
            String more = errors.size() > shown ? "\n(" + (errors.size() - shown) + " more errors)" : "";
            throw new PolicySourceException(String.join("\n", errors.subList(0, shown)) + more);
        }
        boolean mls = checked.policies().stream().flatMap(p -> p.getStatements().stream())
                .anyMatch(SensitivityDecl.class::isInstance);
        String policyConf = new PolicyConfGenerator()
                .generate(SourceOrder.declarationsFirst(ModuleSelection.enabled(checked.policies())));
        try {
            Policy binaryModel = ConfParser.parse(policyConf, "policy.conf").build(version, mls);
            return new Result(policyConf, new PolicyWriter().toBytes(binaryModel));
        } catch (PolicyCompileException e) {
            throw new PolicySourceException("in the generated policy.conf: " + e.getMessage());
        }
    }
}
