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
import org.eclipse.xtext.resource.IResourceDescription;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.resource.impl.ResourceDescriptionsData;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.xenwb.xsm.policy.Policy;
import org.xenwb.xsm.policy.binary.PolicyWriter;
import org.xenwb.xsm.policy.compile.ConfParser;
import org.xenwb.xsm.policy.analysis.PolicyLint;
import org.xenwb.xsm.policy.compile.PolicyBuilder.Compilation;
import org.xenwb.xsm.policy.compile.PolicyCompileException;
import org.xenwb.xsm.policy.compile.PolicyDiagnostic;
import org.xenwb.xsm.policy.compile.SourceLocation;
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

    /** Issue code of sources without any statement (only comments, or empty files). */
    public static final String EMPTY_POLICY = "org.xenwb.xsm.emptyPolicy";

    private static final int MAX_REPORTED_ERRORS = 20;
    private static final String POLICY_CONF_EXTENSION = "conf";

    /** What one compilation produced. */
    public record Result(String policyConf, byte[] binary) {
    }

    /**
     * A problem found in a source: its file name, 1-based line, whether it is an error, text, issue code, and the
     * origins of the statements involved elsewhere (for a neverallow violation: the allow statements that grant it;
     * for a duplicate declaration: the first declaration), which the message names too.
     */
    public record Diagnostic(String file, int line, boolean error, String message, String code,
            List<Origin> related) {
        /** Copies the list. */
        public Diagnostic {
            related = List.copyOf(related);
        }

        /** A diagnostic that involves no other statement. */
        public Diagnostic(String file, int line, boolean error, String message, String code) {
            this(file, line, error, message, code, List.of());
        }

        /** @return {@code file:line: error: message}, the form compilers print */
        @Override
        public String toString() {
            return file + ":" + line + ": " + (error ? "error" : "warning") + ": " + message;
        }
    }

    /**
     * The sources as parsed and linked, with their diagnostics.
     *
     * @param policies the parsed policies, in file order
     * @param diagnostics the language's checks, then (when those found no error) the compiler's: neverallow
     *        violations (errors) and {@link PolicyLint}'s warnings, at their source file:line
     * @param analysis the generated policy.conf with origins and (when it compiles) the compiled policy; null when the
     *        language's checks found errors
     */
    public record Checked(List<org.xenwb.xsm.xsm.Policy> policies, List<Diagnostic> diagnostics,
            Analysis analysis) {
    }

    /**
     * A compiled policy with the origin of every rule.
     *
     * @param policyConf the generated policy.conf
     * @param compilation the compiled policy and its rules as written (locations are lines of {@code policyConf},
     *        file name {@link #GENERATED_NAME}); null when the policy.conf does not compile
     * @param origins the origin of each statement, by its line in {@code policyConf}
     */
    public record Analysis(String policyConf, Compilation compilation, Map<Integer, Origin> origins) {
        /**
         * @param at a location in the generated policy.conf
         * @return the source file, line and macro calls of the statement there
         */
        public Origin origin(SourceLocation at) {
            Origin o = at.file().equals(GENERATED_NAME) ? origins.get(at.line()) : null;
            return o != null ? o : new Origin(at.file(), at.line(), List.of());
        }
    }

    /** The file name of the generated policy.conf in {@link SourceLocation}s of an {@link Analysis}. */
    public static final String GENERATED_NAME = "policy.conf";

    @Inject
    private Provider<XtextResourceSet> resourceSets;
    @Inject
    private IResourceFactory resourceFactory;
    @Inject
    private IResourceValidator validator;
    @Inject
    private IResourceServiceProvider serviceProvider;

    /**
     * Gives the resource set a fixed index of what each loaded file exports, so that linking does not look up every
     * file's service provider and description again for each cross reference (a fifth of a compile's time
     * otherwise). Valid because the compiler loads every source before linking and adds none after.
     */
    private void indexExportedNames(XtextResourceSet resources) {
        IResourceDescription.Manager manager = serviceProvider.getResourceDescriptionManager();
        List<IResourceDescription> descriptions = new ArrayList<>();
        for (Resource resource : resources.getResources()) {
            descriptions.add(manager.getResourceDescription(resource));
        }
        ResourceDescriptionsData.ResourceSetAdapter.installResourceDescriptionsData(resources,
                new ResourceDescriptionsData(descriptions));
    }

    /**
     * Parses, links and validates the sources together; when the language finds no error, also generates the
     * policy.conf and compiles it, adding the compiler's errors (every neverallow violation, with the allow
     * statements that grant it) and {@link PolicyLint}'s warnings at their source file and line.
     *
     * @param sources the source files
     * @return the parsed policies, every diagnostic (the language's in file order, then the compiler's; sources
     *         without any statement are one error, {@link #EMPTY_POLICY}, at the first file), and the compiled policy
     *         with origins when there is no error
     * @throws IOException when a source cannot be read
     */
    public Checked check(List<Path> sources) throws IOException {
        // The language's fast and normal checks; its expensive check (XsmCompileValidator) is what compileChecks
        // does once for all files below.
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
        indexExportedNames(resources);
        EcoreUtil.resolveAll(resources);
        List<org.xenwb.xsm.xsm.Policy> policies = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (Resource resource : resources.getResources()) {
            List<Issue> issues = new ArrayList<>(
                    validator.validate(resource, CheckMode.NORMAL_AND_FAST, CancelIndicator.NullImpl));
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
        if (diagnostics.stream().anyMatch(Diagnostic::error)) {
            return new Checked(policies, diagnostics, null);
        }
        if (!sources.isEmpty() && policies.stream().allMatch(p -> p.getStatements().isEmpty())) {
            // nothing to compile: checkpolicy rejects an empty policy.conf, and so do we, at the sources
            diagnostics.add(new Diagnostic(sources.get(0).getFileName().toString(), 1, true, "the policy is empty: no"
                    + " statement in " + (sources.size() == 1 ? "this file" : "any of the " + sources.size()
                    + " files") + " (checkpolicy rejects an empty policy)", EMPTY_POLICY));
            return new Checked(policies, diagnostics, null);
        }
        return new Checked(policies, diagnostics, compileChecks(policies, diagnostics));
    }

    /**
     * The compiler's checks on policies the language found no error in: uses of modules that are off (errors; then
     * nothing is compiled), else generates the policy.conf of the modules that are on and compiles it, adding every
     * neverallow violation and duplicate declaration (errors) and {@link PolicyLint}'s warnings at their source file
     * and line. Does not modify the policies.
     *
     * @param policies parsed and linked policies, in any order
     * @param diagnostics where the compiler's diagnostics are added
     * @return the generated policy.conf with origins and (when it compiles) the compiled policy; null when a module
     *         that is off is used or the macros cannot be expanded
     */
    public static Analysis compileChecks(List<org.xenwb.xsm.xsm.Policy> policies, List<Diagnostic> diagnostics) {
        List<Diagnostic> offUses = ModuleSelection.offUses(policies);
        if (!offUses.isEmpty()) {
            diagnostics.addAll(offUses);
            return null;
        }
        boolean mls = policies.stream().flatMap(p -> p.getStatements().stream())
                .anyMatch(SensitivityDecl.class::isInstance);
        PolicyConfGenerator generator = new PolicyConfGenerator();
        String policyConf;
        try {
            policyConf = generator.generate(SourceOrder.declarationsFirst(ModuleSelection.enabled(policies)));
        } catch (PolicySourceException e) {
            diagnostics.add(e.file() == null ? new Diagnostic("<policy>", 0, true, e.getMessage(), null)
                    : new Diagnostic(e.file(), e.line(), true, e.problem(), null));
            return null;
        }
        Map<Integer, Origin> origins = generator.origins();
        try {
            Compilation compilation = ConfParser.parse(policyConf, GENERATED_NAME).compile(XEN_POLICY_VERSION, mls);
            Analysis analysis = new Analysis(policyConf, compilation, origins);
            for (PolicyDiagnostic d : PolicyLint.check(compilation)) {
                diagnostics.add(diagnostic(analysis, d));
            }
            return analysis;
        } catch (PolicyCompileException e) {
            Analysis positions = new Analysis(policyConf, null, origins);
            for (PolicyDiagnostic d : e.diagnostics()) {
                diagnostics.add(diagnostic(positions, d));
            }
            return positions;
        }
    }

    private static Diagnostic diagnostic(Analysis analysis, PolicyDiagnostic d) {
        Origin at = analysis.origin(d.location());
        StringBuilder message = new StringBuilder(d.message());
        if (!at.calls().isEmpty()) {
            message.append(" (from ").append(at.calls().get(at.calls().size() - 1)).append(')');
        }
        String relation = PolicyDiagnostic.NEVERALLOW_VIOLATED.equals(d.code()) ? "; granted at "
                : "; first declared at ";
        List<Origin> related = new ArrayList<>();
        for (SourceLocation r : d.related()) {
            related.add(analysis.origin(r));
            message.append(relation).append(analysis.origin(r));
        }
        return new Diagnostic(at.file(), at.line(), d.error(), message.toString(), d.code(), related);
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
        Analysis analysis = checked.analysis();
        if (version == XEN_POLICY_VERSION) {
            return new Result(analysis.policyConf(), new PolicyWriter().toBytes(analysis.compilation().policy()));
        }
        try {
            Policy binaryModel = ConfParser.parse(analysis.policyConf(), GENERATED_NAME).build(version,
                    analysis.compilation().policy().mls());
            return new Result(analysis.policyConf(), new PolicyWriter().toBytes(binaryModel));
        } catch (PolicyCompileException e) {
            throw new PolicySourceException("in the generated policy.conf: " + e.getMessage());
        }
    }
}
