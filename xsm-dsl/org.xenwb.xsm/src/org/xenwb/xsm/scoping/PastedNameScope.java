package org.xenwb.xsm.scoping;

import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.naming.QualifiedName;
import org.eclipse.xtext.resource.EObjectDescription;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.scoping.IScope;
import org.xenwb.xsm.compile.MacroBindings;
import org.xenwb.xsm.xsm.Macro;
import org.xenwb.xsm.xsm.MacroParameter;

/**
 * The scope inside a macro body: a pasted name ({@code $dom_self}) links to the parameter it pastes from, as its
 * value is only known when the macro is called; every other name is looked up in the enclosing scope.
 */
final class PastedNameScope implements IScope {

    private final IScope outer;
    private final Macro macro;

    PastedNameScope(IScope outer, Macro macro) {
        this.outer = outer;
        this.macro = macro;
    }

    private IEObjectDescription pasted(QualifiedName name) {
        if (name.getSegmentCount() != 1 || !name.getFirstSegment().startsWith("$")) {
            return null;
        }
        List<String> parameters = macro.getParameters().stream().map(MacroParameter::getName).toList();
        String parameter = MacroBindings.pastedParameter(name.getFirstSegment(), parameters);
        if (parameter == null) {
            return null;
        }
        return EObjectDescription.create(name, macro.getParameters().get(parameters.indexOf(parameter)));
    }

    @Override
    public IEObjectDescription getSingleElement(QualifiedName name) {
        IEObjectDescription element = pasted(name);
        return element != null ? element : outer.getSingleElement(name);
    }

    @Override
    public Iterable<IEObjectDescription> getElements(QualifiedName name) {
        IEObjectDescription element = pasted(name);
        return element != null ? List.of(element) : outer.getElements(name);
    }

    @Override
    public IEObjectDescription getSingleElement(EObject object) {
        return outer.getSingleElement(object);
    }

    @Override
    public Iterable<IEObjectDescription> getElements(EObject object) {
        return outer.getElements(object);
    }

    @Override
    public Iterable<IEObjectDescription> getAllElements() {
        return outer.getAllElements();
    }
}
