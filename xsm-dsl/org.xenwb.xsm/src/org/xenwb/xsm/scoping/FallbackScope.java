package org.xenwb.xsm.scoping;

import java.util.Objects;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.naming.QualifiedName;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.scoping.IScope;

import com.google.common.collect.Iterables;

/**
 * A scope that answers from the user's scope first and only then from a fallback, so that a declaration in the
 * user's policy always wins over a built-in of the same name.
 */
final class FallbackScope implements IScope {

    private final IScope primary;
    private final IScope fallback;

    FallbackScope(IScope primary, IScope fallback) {
        this.primary = primary;
        this.fallback = fallback;
    }

    @Override
    public IEObjectDescription getSingleElement(QualifiedName name) {
        IEObjectDescription element = primary.getSingleElement(name);
        return element != null ? element : fallback.getSingleElement(name);
    }

    @Override
    public Iterable<IEObjectDescription> getElements(QualifiedName name) {
        Iterable<IEObjectDescription> elements = primary.getElements(name);
        return Iterables.isEmpty(elements) ? fallback.getElements(name) : elements;
    }

    @Override
    public IEObjectDescription getSingleElement(EObject object) {
        IEObjectDescription element = primary.getSingleElement(object);
        return element != null ? element : fallback.getSingleElement(object);
    }

    @Override
    public Iterable<IEObjectDescription> getElements(EObject object) {
        return Iterables.concat(primary.getElements(object), fallback.getElements(object));
    }

    @Override
    public Iterable<IEObjectDescription> getAllElements() {
        return Iterables.filter(Iterables.concat(primary.getAllElements(), fallback.getAllElements()),
                Objects::nonNull);
    }
}
