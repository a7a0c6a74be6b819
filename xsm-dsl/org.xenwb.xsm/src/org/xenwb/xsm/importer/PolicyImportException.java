package org.xenwb.xsm.importer;

/** Xen policy sources that the importer cannot convert; the message starts with {@code file:line:}. */
public final class PolicyImportException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param file the source file, as a path relative to the Xen tree
     * @param line the 1-based line
     * @param problem what cannot be converted
     */
    public PolicyImportException(String file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
    }
}
