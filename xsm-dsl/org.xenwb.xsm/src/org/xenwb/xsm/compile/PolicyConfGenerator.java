package org.xenwb.xsm.compile;

import java.util.ArrayList;
import java.util.Collections;
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
import org.xenwb.xsm.xsm.AvRule;
import org.xenwb.xsm.xsm.EmptyStatement;
import org.xenwb.xsm.xsm.Macro;
import org.xenwb.xsm.xsm.MacroCall;
import org.xenwb.xsm.xsm.NameDefinition;
import org.xenwb.xsm.xsm.Policy;
import org.xenwb.xsm.xsm.TypeRule;
import org.xenwb.xsm.xsm.XsmPackage;

/**
 * Writes the policy.conf that checkpolicy (and our own compiler) reads, from parsed and linked policies: macro
 * calls are expanded in place (parameters replaced by the call's arguments, recursively, see {@link MacroBindings}),
 * {@code define} statements rename names in what is written after them (as m4's define does), macro definitions
 * and module headers disappear, and statements are grouped into checkpolicy's sections ({@link PolicySection}).
 *
 * <p>Statements are written from their source text, so a statement that needs no expansion comes out exactly as
 * it was written. The generator records where each statement of its output comes from ({@link #origins()}: file,
 * line and macro call chain). Instances are not thread-safe; use one per generation.</p>
 */
public final class PolicyConfGenerator {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_]*");
    private static final int MAX_EXPANSION_DEPTH = 64;

    private final Map<PolicySection, StringBuilder> sections = new EnumMap<>(PolicySection.class);
    private final Map<String, String> defines = new HashMap<>();
    private final Map<PolicySection, Integer> sectionLines = new EnumMap<>(PolicySection.class);
    /** Per section: 0-based line within the section to the origin of the statement starting there. */
    private final Map<PolicySection, Map<Integer, Origin>> sectionOrigins = new EnumMap<>(PolicySection.class);
    private final Map<Integer, Origin> origins = new HashMap<>();
    private final SourceLines sourceLines = new SourceLines();
    /** Statements of the text being built: line offset in it and origin. */
    private final List<Map.Entry<Integer, Origin>> marks = new ArrayList<>();
    private Origin pendingOrigin;

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
            sectionLines.put(section, 0);
            sectionOrigins.put(section, new HashMap<>());
        }
        for (Policy policy : policies) {
            for (EObject statement : policy.getStatements()) {
                emitStatement(statement, MacroBindings.NONE, 0, List.of());
            }
        }
        StringBuilder out = new StringBuilder();
        int line = 1;
        for (PolicySection section : PolicySection.values()) {
            if (!sections.get(section).isEmpty()) {
                out.append("# ").append(section.name().toLowerCase().replace('_', ' ')).append('\n');
                int first = line + 1;
                sectionOrigins.get(section).forEach((offset, origin) -> origins.put(first + offset, origin));
                out.append(sections.get(section));
                line = first + sectionLines.get(section);
            }
        }
        return out.toString();
    }

    /**
     * Where the statements of the last generated text come from, by the 1-based line of the text where each starts
     * (the line of its first token). Rules nested in a conditional have their own entries.
     *
     * @return line to origin; unmodifiable
     */
    public Map<Integer, Origin> origins() {
        return Collections.unmodifiableMap(origins);
    }

    private void emitStatement(EObject statement, MacroBindings bindings, int depth, List<Origin.Call> calls)
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
            List<Origin.Call> innerCalls = withCall(calls, call);
            for (EObject expanded : call.getMacro().getBody()) {
                emitStatement(expanded, inner, depth + 1, innerCalls);
            }
            return;
        }
        StringBuilder text = new StringBuilder();
        marks.clear();
        pendingOrigin = origin(statement, calls);
        appendNode(NodeModelUtils.getNode(statement), bindings, depth, text, true, calls);
        String raw = text.toString();
        String stripped = raw.strip();
        int lead = newlines(raw, raw.indexOf(stripped.isEmpty() ? raw : stripped));
        PolicySection section = PolicySection.of(statement);
        int base = sectionLines.get(section);
        for (Map.Entry<Integer, Origin> mark : marks) {
            sectionOrigins.get(section).putIfAbsent(base + mark.getKey() - lead, mark.getValue());
        }
        sections.get(section).append(stripped).append('\n');
        sectionLines.put(section, base + newlines(stripped, stripped.length()) + 1);
    }

    private Origin origin(EObject statement, List<Origin.Call> calls) {
        Origin at = sourceLines.origin(statement);
        return new Origin(at.file(), at.line(), calls);
    }

    private List<Origin.Call> withCall(List<Origin.Call> calls, MacroCall call) {
        Origin at = sourceLines.origin(call);
        List<Origin.Call> inner = new ArrayList<>(calls);
        inner.add(new Origin.Call(call.getMacro().getName(), at.file(), at.line()));
        return inner;
    }

    private static int newlines(CharSequence text, int end) {
        int n = 0;
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
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
    private void appendNode(INode node, MacroBindings bindings, int depth, StringBuilder out, boolean root,
            List<Origin.Call> calls) throws PolicySourceException {
        if (node instanceof ILeafNode leaf) {
            String text = leaf.getText();
            if (leaf.isHidden()) {
                out.append(text.startsWith("#") ? "\n" : text);
            } else if (!IDENTIFIER.matcher(text).matches()) {
                out.append(text);
            } else {
                if (pendingOrigin != null) {
                    marks.add(Map.entry(newlines(out, out.length()), pendingOrigin));
                    pendingOrigin = null;
                }
                if (bindings.isVariadic(text)) {
                    appendVariadic(bindings.variadicValues(text), out);
                } else {
                    out.append(rename(bindings.substitute(text)));
                }
            }
            return;
        }
        ICompositeNode composite = (ICompositeNode) node;
        if (!root && composite.hasDirectSemanticElement()) {
            EObject element = composite.getSemanticElement();
            if (element instanceof MacroCall || element instanceof NameDefinition) {
                out.append('\n');
                emitInline(element, bindings, depth, out, calls);
                return;
            }
            if (element instanceof Macro) {
                return;
            }
            if (element instanceof AvRule || element instanceof TypeRule) {
                pendingOrigin = origin(element, calls);
            }
        }
        for (INode child : composite.getChildren()) {
            appendNode(child, bindings, depth, out, false, calls);
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
    private void emitInline(EObject statement, MacroBindings bindings, int depth, StringBuilder out,
            List<Origin.Call> calls) throws PolicySourceException {
        if (statement instanceof Macro || statement instanceof EmptyStatement) {
            return;
        }
        if (statement instanceof NameDefinition definition) {
            define(definition, bindings);
            return;
        }
        if (statement instanceof MacroCall call) {
            MacroBindings inner = bind(call, bindings, depth);
            List<Origin.Call> innerCalls = withCall(calls, call);
            for (EObject expanded : call.getMacro().getBody()) {
                emitInline(expanded, inner, depth + 1, out, innerCalls);
            }
            return;
        }
        pendingOrigin = origin(statement, calls);
        appendNode(NodeModelUtils.getNode(statement), bindings, depth, out, true, calls);
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
