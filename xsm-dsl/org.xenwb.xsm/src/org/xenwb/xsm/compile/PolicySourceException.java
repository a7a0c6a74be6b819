package org.xenwb.xsm.compile;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

/** A policy source that cannot be compiled; the message starts with {@code file:line:} like checkpolicy's. */
public final class PolicySourceException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String problem;

    /**
     * @param message the full message, starting with the file and line
     */
    public PolicySourceException(String message) {
        this(message, null, 0, message);
    }

    private PolicySourceException(String message, String file, int line, String problem) {
        super(message);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    /** @return the file at fault, or null when the message names none (or several) */
    public String file() {
        return file;
    }

    /** @return the 1-based line in {@link #file()}, 0 when unknown */
    public int line() {
        return line;
    }

    /** @return what is wrong, without the file and line */
    public String problem() {
        return problem;
    }

    /**
     * @param element the statement or expression at fault
     * @param problem what is wrong
     * @return an exception whose message names the element's file and line
     */
    static PolicySourceException at(EObject element, String problem) {
        INode node = NodeModelUtils.getNode(element);
        Resource resource = element.eResource();
        String file = resource == null ? "<policy>" : resource.getURI().lastSegment();
        int line = node == null ? 0 : node.getStartLine();
        return new PolicySourceException(file + ":" + line + ": " + problem, file, line, problem);
    }
}
