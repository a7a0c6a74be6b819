package org.xenwb.xsm.scoping;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.scoping.IScope;
import org.eclipse.xtext.scoping.Scopes;
import org.eclipse.xtext.util.IResourceScopeCache;
import org.xenwb.xsm.xsm.Macro;
import org.xenwb.xsm.xsm.XsmPackage;

import com.google.inject.Inject;

/**
 * Scoping of the policy language: the default (names declared in the file, its imports and the workspace, with
 * a macro's parameters visible inside its body), then the names macro calls declare ({@link MacroDeclaredNames}),
 * then the language's built-in names ({@link BuiltIns}). Inside a macro body, pasted names such as
 * {@code $dom_self} link to their parameter ({@link PastedNameScope}).
 */
public class XsmScopeProvider extends AbstractXsmScopeProvider {

    @Inject
    private IResourceScopeCache cache;

    @Override
    public IScope getScope(EObject context, EReference reference) {
        IScope scope = super.getScope(context, reference);
        if (reference.getEReferenceType() == XsmPackage.Literals.REFERABLE) {
            scope = new FallbackScope(scope, new FallbackScope(MacroDeclaredNames.scope(context, cache),
                    Scopes.scopeFor(BuiltIns.roles())));
            Macro macro = EcoreUtil2.getContainerOfType(context, Macro.class);
            if (macro != null) {
                scope = new PastedNameScope(scope, macro);
            }
        }
        return scope;
    }
}
