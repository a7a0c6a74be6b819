package org.xenwb.xsm;

import org.eclipse.xtext.documentation.IEObjectDocumentationProvider;
import org.eclipse.xtext.linking.ILinkingDiagnosticMessageProvider;
import org.xenwb.xsm.documentation.XsmDocumentationProvider;
import org.xenwb.xsm.validation.XsmLinkingMessages;

/**
 * Guice bindings of the policy language's runtime services (parser, linker, scoping, validation), used by the
 * command line and the tests without OSGi and by the workbench under it. The generated base class binds the
 * defaults; bindings of our own go here.
 */
public class XsmRuntimeModule extends AbstractXsmRuntimeModule {

    /** @return documentation from {@code #} comments (the editor's hover uses it) */
    public Class<? extends IEObjectDocumentationProvider> bindIEObjectDocumentationProvider() {
        return XsmDocumentationProvider.class;
    }

    /** @return messages for unresolved names in the language's words ("unknown class 'x'") */
    public Class<? extends ILinkingDiagnosticMessageProvider> bindILinkingDiagnosticMessageProvider() {
        return XsmLinkingMessages.class;
    }
}
