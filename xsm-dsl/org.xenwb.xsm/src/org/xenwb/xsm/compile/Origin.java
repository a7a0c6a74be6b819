package org.xenwb.xsm.compile;

import java.util.List;

/**
 * Where a statement of the generated policy.conf comes from: the file and line of the statement in the sources and
 * the chain of macro calls that expanded it. Immutable.
 *
 * @param file the source file (its name, or the file an m4 {@code #line} marker in the source names)
 * @param line the 1-based line of the statement's first token
 * @param calls the macro calls that led to it, outermost first; empty for a statement written directly
 */
public record Origin(String file, int line, List<Call> calls) {

    /**
     * One macro call.
     *
     * @param macro the macro's name
     * @param file the file of the call
     * @param line the line of the call
     */
    public record Call(String macro, String file, int line) {
        @Override
        public String toString() {
            return macro + "(...) at " + file + ":" + line;
        }
    }

    /** Copies the list. */
    public Origin {
        calls = List.copyOf(calls);
    }

    /** @return {@code file:line}, then {@code  from macro(...) at file:line} per call, innermost first */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(file + ":" + line);
        for (int i = calls.size() - 1; i >= 0; i--) {
            s.append(" from ").append(calls.get(i));
        }
        return s.toString();
    }
}
