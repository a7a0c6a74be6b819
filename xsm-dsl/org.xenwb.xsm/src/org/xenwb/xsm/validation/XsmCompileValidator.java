package org.xenwb.xsm.validation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.AbstractDeclarativeValidator;
import org.eclipse.xtext.validation.Check;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.CheckType;
import org.eclipse.xtext.validation.EValidatorRegistrar;
import org.eclipse.xtext.validation.IResourceValidator;
import org.xenwb.xsm.compile.Origin;
import org.xenwb.xsm.compile.XsmCompiler;
import org.xenwb.xsm.compile.XsmCompiler.Diagnostic;
import org.xenwb.xsm.policy.compile.PolicyDiagnostic;
import org.xenwb.xsm.xsm.Policy;

import com.google.inject.Inject;
import com.google.inject.Provider;

/**
 * The compiler's diagnostics as validation issues of the file they are in, so that the editor marks them: neverallow
 * violations, duplicate declarations across files, uses of modules that are off (errors) and the lint warnings, each
 * with its issue code ({@link PolicyDiagnostic}); a neverallow violation is also marked, in each file that grants
 * it, at the outermost macro call (or the allow statement) there that leads to the granting rule. It compiles every policy of the
 * file's resource set, after loading the other {@code .xsm} files of the file's folder when it is a local file (the
 * policy that {@code xenwb xsm check FOLDER} compiles), so it is an {@link CheckType#EXPENSIVE} check: the editor's
 * Validate action and {@link org.eclipse.xtext.validation.CheckMode#ALL} run it, as-you-type validation does not.
 * Nothing is reported while any of those files has a syntax, linking or other error of the language's own checks
 * (they report those). Stateless; composed into {@link XsmValidator}.
 */
public final class XsmCompileValidator extends AbstractDeclarativeValidator {

    private static final String EXTENSION = "xsm";

    @Inject
    private Provider<IResourceValidator> resourceValidator;

    @Override
    public void register(EValidatorRegistrar registrar) {
        // composed into XsmValidator, which registers for the language's package
    }

    @Check(CheckType.EXPENSIVE)
    public void compileChecks(Policy policy) {
        Resource resource = policy.eResource();
        if (resource == null || resource.getResourceSet() == null) {
            return;
        }
        ResourceSet set = resource.getResourceSet();
        loadSiblings(resource.getURI(), set);
        EcoreUtil.resolveAll(set);
        List<Policy> policies = new ArrayList<>();
        for (Resource r : List.copyOf(set.getResources())) {
            if (!r.getErrors().isEmpty()) {
                return;
            }
            if (!r.getContents().isEmpty() && r.getContents().get(0) instanceof Policy p) {
                if (hasUnresolvedReference(p) || languageErrors(r)) {
                    return;
                }
                policies.add(p);
            }
        }
        List<Diagnostic> diagnostics = new ArrayList<>();
        XsmCompiler.compileChecks(policies, diagnostics);
        String file = resource.getURI().lastSegment();
        if (file == null) {
            return;
        }
        for (Diagnostic d : diagnostics) {
            if (file.equals(d.file())) {
                report(policy, d.line(), d.error(), d.message(), d.code());
            }
            if (PolicyDiagnostic.NEVERALLOW_VIOLATED.equals(d.code())) {
                for (Origin grant : d.related()) {
                    int line = outermostIn(grant, file);
                    if (line > 0 && !(file.equals(d.file()) && line == d.line())) {
                        report(policy, line, true, "grants what the neverallow at " + d.file() + ":" + d.line()
                                + " forbids: " + d.message(), d.code());
                    }
                }
            }
        }
    }

    private static void loadSiblings(URI uri, ResourceSet set) {
        if (!uri.isFile()) {
            return;
        }
        Path folder = Path.of(uri.toFileString()).getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("." + EXTENSION)).sorted()
                    .toList()) {
                URI sibling = URI.createFileURI(file.toAbsolutePath().toString());
                if (set.getResource(sibling, false) == null) {
                    set.getResource(sibling, true);
                }
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable sibling: compile what is loaded; the sibling's own editor reports its problem
        }
    }

    /**
     * @return whether the language's fast and normal checks find an error in the resource. They run on another
     *         thread while this one waits (so nothing runs concurrently): a declarative validator keeps its state
     *         per thread, and a validation nested in this one's would overwrite it.
     */
    private boolean languageErrors(Resource resource) {
        AtomicBoolean errors = new AtomicBoolean(true);
        Thread nested = new Thread(() -> errors.set(resourceValidator.get()
                .validate(resource, CheckMode.NORMAL_AND_FAST, CancelIndicator.NullImpl).stream()
                .anyMatch(issue -> issue.getSeverity() == Severity.ERROR)), "xsm-compile-validator");
        nested.start();
        try {
            nested.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return errors.get();
    }

    private static boolean hasUnresolvedReference(Policy policy) {
        for (var it = policy.eAllContents(); it.hasNext();) {
            EObject element = it.next();
            for (EObject target : element.eCrossReferences()) {
                if (target.eIsProxy()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** @return the line in the file of the outermost call (or else the statement) of the origin; 0 when none */
    private static int outermostIn(Origin origin, String file) {
        for (Origin.Call call : origin.calls()) {
            if (call.file().equals(file)) {
                return call.line();
            }
        }
        return origin.file().equals(file) ? origin.line() : 0;
    }

    /** Marks a line of the file: from its first token to the end of that line. */
    private void report(Policy policy, int line, boolean error, String message, String code) {
        ICompositeNode root = NodeModelUtils.getNode(policy).getRootNode();
        String text = root.getText();
        for (ILeafNode leaf : root.getLeafNodes()) {
            if (!leaf.isHidden() && leaf.getStartLine() == line) {
                int end = text.indexOf('\n', leaf.getOffset());
                int length = (end < 0 ? text.length() : end) - leaf.getOffset();
                EObject element = NodeModelUtils.findActualSemanticObjectFor(leaf);
                EObject at = element != null ? element : policy;
                if (error) {
                    getMessageAcceptor().acceptError(message, at, leaf.getOffset(), length, code);
                } else {
                    getMessageAcceptor().acceptWarning(message, at, leaf.getOffset(), length, code);
                }
                return;
            }
        }
        if (error) {
            error(message, policy, null, code);
        } else {
            warning(message, policy, null, code);
        }
    }
}
