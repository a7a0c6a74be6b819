package org.xenwb.xsm.compile;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.xenwb.xsm.xsm.EmptyStatement;
import org.xenwb.xsm.xsm.Macro;
import org.xenwb.xsm.xsm.MacroCall;
import org.xenwb.xsm.xsm.NameDefinition;
import org.xenwb.xsm.xsm.Policy;
import org.xenwb.xsm.xsm.XsmPackage;

/**
 * Writes the policy.conf that checkpolicy (and our own compiler) reads, from parsed and linked policies: macro
 * calls are expanded in place (parameters replaced by the call's arguments, recursively, see {@link MacroBindings}),
 * {@code define} statements rename names in what is written after them (as m4's define does), macro definitions
 * and module headers disappear, and statements are grouped into checkpolicy's sections ({@link PolicySection}).
 *
 * <p>Statements are written from their source text, so a statement that needs no expansion comes out exactly as
 * it was written. Instances are not thread-safe; use one per generation.</p>
 */
public final class PolicyConfGenerator {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_]*");
    private static final int MAX_EXPANSION_DEPTH = 64;

    private final Map<PolicySection, StringBuilder> sections = new EnumMap<>(PolicySection.class);
    private final Map<String, String> defines = new HashMap<>();

    /**
     * Generates policy.conf text from policies given in order (later files' statements follow earlier ones within
     * each section).
     *
     * @param policies parsed policies whose references are resolved
     * @return the policy.conf text
     * @throws PolicySourceException when a macro call cannot be expanded (wrong argument count, recursion)
     */
    public String generate(List<Policy> policies) throws PolicySourceException {
        for (PolicySection section : PolicySection.values()) {
            sections.put(section, new StringBuilder());
        }
        for (Policy policy : policies) {
            for (EObject statement : policy.getStatements()) {
                emitStatement(statement, MacroBindings.NONE, 0);
            }
        }
        StringBuilder out = new StringBuilder();
        for (PolicySection section : PolicySection.values()) {
            if (!sections.get(section).isEmpty()) {
                out.append("# ").append(section.name().toLowerCase().replace('_', ' ')).append('\n');
                out.append(sections.get(section));
            }
        }
        return out.toString();
    }

    private void emitStatement(EObject statement, MacroBindings bindings, int depth) throws PolicySourceException {
        if (statement instanceof Macro || statement instanceof EmptyStatement) {
            return;
        }
        if (statement instanceof NameDefinition definition) {
            define(definition, bindings);
            return;
        }
        if (statement instanceof MacroCall call) {
            MacroBindings inner = bind(call, bindings, depth);
            for (EObject expanded : call.getMacro().getBody()) {
                emitStatement(expanded, inner, depth + 1);
            }
            return;
        }
        StringBuilder text = new StringBuilder();
        appendNode(NodeModelUtils.getNode(statement), bindings, depth, text, true);
        sections.get(PolicySection.of(statement)).append(text.toString().strip()).append('\n');
    }

    /** m4's define of a name: from now on the expanded name is written as the expanded target. */
    private void define(NameDefinition definition, MacroBindings bindings) {
        List<INode> target = NodeModelUtils.findNodesForFeature(definition,
                XsmPackage.Literals.NAME_DEFINITION__TARGET);
        String value = rename(bindings.substitute(NodeModelUtils.getTokenText(target.get(0))));
        defines.put(bindings.substitute(definition.getName()), value);
    }

    private String rename(String name) {
        return defines.getOrDefault(name, name);
    }

    /** Writes a node's tokens with bound identifiers replaced and nested macro calls expanded. */
    private void appendNode(INode node, MacroBindings bindings, int depth, StringBuilder out, boolean root)
            throws PolicySourceException {
        if (node instanceof ILeafNode leaf) {
            String text = leaf.getText();
            if (leaf.isHidden()) {
                out.append(text.startsWith("#") ? "\n" : text);
            } else if (!IDENTIFIER.matcher(text).matches()) {
                out.append(text);
            } else if (bindings.isVariadic(text)) {
                appendVariadic(bindings.variadicValues(text), out);
            } else {
                out.append(rename(bindings.substitute(text)));
            }
            return;
        }
        ICompositeNode composite = (ICompositeNode) node;
        if (!root && composite.hasDirectSemanticElement()) {
            EObject element = composite.getSemanticElement();
            if (element instanceof MacroCall || element instanceof NameDefinition) {
                out.append('\n');
                emitInline(element, bindings, depth, out);
                return;
            }
            if (element instanceof Macro) {
                return;
            }
        }
        for (INode child : composite.getChildren()) {
            appendNode(child, bindings, depth, out, false);
        }
    }

    /**
     * A variadic parameter's arguments: in a comma-separated list (after a comma) they are joined by commas and
     * none removes that comma; elsewhere they are joined by spaces.
     */
    private void appendVariadic(List<String> values, StringBuilder out) {
        int last = out.length() - 1;
        while (last >= 0 && Character.isWhitespace(out.charAt(last))) {
            last--;
        }
        boolean afterComma = last >= 0 && out.charAt(last) == ',';
        if (values.isEmpty()) {
            if (afterComma) {
                out.setLength(last);
            }
            return;
        }
        List<String> renamed = values.stream().map(this::rename).toList();
        out.append(String.join(afterComma ? ", " : " ", renamed));
    }

    /** Expands a statement nested in a conditional: it stays inside the conditional's braces. */
    private void emitInline(EObject statement, MacroBindings bindings, int depth, StringBuilder out)
            throws PolicySourceException {
        if (statement instanceof Macro || statement instanceof EmptyStatement) {
            return;
        }
        if (statement instanceof NameDefinition definition) {
            define(definition, bindings);
            return;
        }
        if (statement instanceof MacroCall call) {
            MacroBindings inner = bind(call, bindings, depth);
            for (EObject expanded : call.getMacro().getBody()) {
                emitInline(expanded, inner, depth + 1, out);
            }
            return;
        }
        appendNode(NodeModelUtils.getNode(statement), bindings, depth, out, true);
        out.append('\n');
    }

    private static MacroBindings bind(MacroCall call, MacroBindings outer, int depth) throws PolicySourceException {
        if (depth >= MAX_EXPANSION_DEPTH) {
            throw PolicySourceException.at(call, "macro " + call.getMacro().getName() + " expands itself more than "
                    + MAX_EXPANSION_DEPTH + " levels deep");
        }
        try {
            return MacroBindings.of(call, outer);
        } catch (IllegalArgumentException e) {
            throw PolicySourceException.at(call, e.getMessage());
        }
    }
}
