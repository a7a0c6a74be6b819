package org.xenwb.xsm.documentation;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.documentation.IEObjectDocumentationProvider;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.xenwb.xsm.xsm.AccessVectors;
import org.xenwb.xsm.xsm.ClassDecl;

/**
 * Documentation of policy elements from their comments, as Xen documents its classes and permissions in
 * security_classes and access_vectors: the {@code #} comment lines directly above a declaration (no blank line in
 * between, and not a comment that ends the previous line's code), without the {@code #} and one following space,
 * one line per comment line. A class's documentation is its own comment followed by the comments of its access
 * vector blocks ({@code class NAME { ... }}) in the same resource set, separated by a blank line.
 *
 * <p>Used by the editor's hover through Xtext's {@link IEObjectDocumentationProvider}. Stateless and thread-safe
 * as long as the models it reads are not being changed.</p>
 */
public class XsmDocumentationProvider implements IEObjectDocumentationProvider {

    /**
     * @param element a declaration of a parsed policy (a class, permission, type, macro...)
     * @return its documentation, or null when it has none
     */
    @Override
    public String getDocumentation(EObject element) {
        List<String> parts = new ArrayList<>();
        addIfPresent(parts, leadingComment(element));
        if (element instanceof ClassDecl declaration && element.eResource() != null
                && element.eResource().getResourceSet() != null) {
            for (Resource resource : element.eResource().getResourceSet().getResources()) {
                for (EObject root : resource.getContents()) {
                    for (EObject statement : root.eContents()) {
                        if (statement instanceof AccessVectors vectors && vectors.getClass_() == declaration) {
                            addIfPresent(parts, leadingComment(vectors));
                        }
                    }
                }
            }
        }
        return parts.isEmpty() ? null : String.join("\n\n", parts);
    }

    private static void addIfPresent(List<String> parts, String text) {
        if (text != null) {
            parts.add(text);
        }
    }

    /**
     * @param element a parsed element
     * @return the comment lines directly above it, or null
     */
    public static String leadingComment(EObject element) {
        ICompositeNode node = NodeModelUtils.getNode(element);
        if (node == null) {
            return null;
        }
        ILeafNode first = firstCodeLeaf(node);
        if (first == null) {
            return null;
        }
        List<ILeafNode> before = new ArrayList<>();
        for (ILeafNode leaf : node.getRootNode().getLeafNodes()) {
            if (leaf.getTotalOffset() >= first.getTotalOffset()) {
                break;
            }
            before.add(leaf);
        }
        List<String> lines = new ArrayList<>();
        int expectedLine = first.getStartLine() - 1;
        for (int i = before.size() - 1; i >= 0; i--) {
            ILeafNode leaf = before.get(i);
            if (!leaf.isHidden()) {
                if (!lines.isEmpty() && leaf.getEndLine() == expectedLine + 1) {
                    lines.remove(0);
                }
                break;
            }
            if (leaf.getText().startsWith("#")) {
                if (leaf.getStartLine() != expectedLine) {
                    break;
                }
                lines.add(0, stripMarker(leaf.getText()));
                expectedLine--;
            }
        }
        return lines.isEmpty() ? null : String.join("\n", lines);
    }

    private static ILeafNode firstCodeLeaf(INode node) {
        for (ILeafNode leaf : node.getLeafNodes()) {
            if (!leaf.isHidden()) {
                return leaf;
            }
        }
        return null;
    }

    private static String stripMarker(String comment) {
        String text = comment.stripTrailing().substring(1);
        return text.startsWith(" ") ? text.substring(1) : text;
    }
}
