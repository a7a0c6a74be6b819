package org.xenwb.xsm.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

/**
 * The file and line an element of a source stands for. Lines are the element's first token's; a source that is
 * m4 output (an expanded policy.conf) carries {@code #line N "FILE"} markers, which are followed so that a rule of
 * Xen's policy is reported at its line in its {@code .te} file. Not thread-safe; one instance per generation.
 */
final class SourceLines {

    private static final Pattern MARKER = Pattern.compile("#line (\\d+)(?: \"([^\"]*)\")?");

    /** Per resource: marker lines in order, each {physical line, marked line, file index}. */
    private final Map<Resource, List<int[]>> markers = new HashMap<>();
    private final List<String> files = new ArrayList<>();

    /**
     * @param element an element of a parsed resource
     * @return its file and first token's line (after {@code #line} markers), without macro calls
     */
    Origin origin(EObject element) {
        INode node = NodeModelUtils.getNode(element);
        Resource resource = element.eResource();
        String file = resource == null ? "<policy>" : resource.getURI().lastSegment();
        int line = node == null ? 0 : firstTokenLine(node);
        if (resource != null) {
            int[] marker = null;
            for (int[] m : markers.computeIfAbsent(resource, this::scan)) {
                if (m[0] < line) {
                    marker = m;
                } else {
                    break;
                }
            }
            if (marker != null) {
                return new Origin(files.get(marker[2]), marker[1] + line - marker[0] - 1, List.of());
            }
        }
        return new Origin(file, line, List.of());
    }

    private List<int[]> scan(Resource resource) {
        List<int[]> found = new ArrayList<>();
        if (resource.getContents().isEmpty()) {
            return found;
        }
        ICompositeNode root = NodeModelUtils.getNode(resource.getContents().get(0));
        if (root == null) {
            return found;
        }
        String file = null;
        String[] lines = root.getRootNode().getText().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = MARKER.matcher(lines[i]);
            if (m.matches()) {
                file = m.group(2) != null ? m.group(2) : file;
                if (file != null) {
                    if (!files.contains(file)) {
                        files.add(file);
                    }
                    found.add(new int[] {i + 1, Integer.parseInt(m.group(1)), files.indexOf(file)});
                }
            }
        }
        return found;
    }

    /** @return the line of the node's first non-hidden token */
    static int firstTokenLine(INode node) {
        for (ILeafNode leaf : node.getLeafNodes()) {
            if (!leaf.isHidden()) {
                return leaf.getStartLine();
            }
        }
        return node.getStartLine();
    }
}
