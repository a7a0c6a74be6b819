package org.xenwb.xsm.scoping;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.xtext.scoping.IScope;
import org.eclipse.xtext.scoping.Scopes;
import org.xenwb.xsm.xsm.XsmPackage;

/**
 * Scoping of the policy language: the default (names declared in the file, its imports and the workspace, with
 * a macro's parameters visible inside its body), plus the language's built-in names ({@link BuiltIns}) behind them.
 */
public class XsmScopeProvider extends AbstractXsmScopeProvider {

    @Override
    public IScope getScope(EObject context, EReference reference) {
        IScope scope = super.getScope(context, reference);
        if (reference.getEReferenceType() == XsmPackage.Literals.REFERABLE) {
            return new FallbackScope(scope, Scopes.scopeFor(BuiltIns.roles()));
        }
        return scope;
    }
}
