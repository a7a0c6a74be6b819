package org.xenwb.xsm.tests;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.xenwb.xsm.XsmStandaloneSetup;
import org.xenwb.xsm.xsm.Policy;

import com.google.inject.Injector;

/** Parses policy text with the language's standalone setup (no workbench), as the command line does. */
final class PolicyParser {

    private static Injector injector;

    /** A parsed file: its model and every syntax and linking error as "line N: message". */
    record Parsed(Policy policy, List<String> errors) {
    }

    private PolicyParser() {
    }

    static synchronized Injector injector() {
        if (injector == null) {
            injector = new XsmStandaloneSetup().createInjectorAndDoEMFRegistration();
        }
        return injector;
    }

    /**
     * Parses one file's text and resolves its references.
     *
     * @param name the file name, ending in .xsm
     * @param text the policy text
     */
    static Parsed parse(String name, String text) throws IOException {
        XtextResourceSet resources = injector().getInstance(XtextResourceSet.class);
        Resource resource = resources.createResource(URI.createURI("memory:/" + name));
        resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Map.of());
        EcoreUtil.resolveAll(resource);
        List<String> errors = new ArrayList<>();
        for (Resource.Diagnostic error : resource.getErrors()) {
            errors.add("line " + error.getLine() + ": " + error.getMessage());
        }
        return new Parsed((Policy) resource.getContents().get(0), errors);
    }
}
