package org.xenwb.engine.core.ops;

/**
 * The single seam every privileged engine operation passes through before it takes effect, in the places where
 * Xen calls its XSM hooks. An XSM/FLASK implementation plugs in here (deciding {@link #check(Operation)} from a
 * loaded policy); live patching plugs in here too (a patch can observe or veto operations, and
 * {@link #applied(Operation)} lets it see what happened).
 *
 * <p>Implementations are called on the simulation thread and must be fast and side-effect free in
 * {@link #check(Operation)}.</p>
 */
public interface OperationGateway {

    /**
     * Decides whether an operation may proceed.
     *
     * @param op the operation
     * @return the verdict
     */
    Verdict check(Operation op);

    /**
     * Called after an allowed operation took effect. Default: nothing.
     *
     * @param op the operation
     */
    default void applied(Operation op) {
    }

    /**
     * @return whether this gateway enforces an XSM/FLASK policy; the engine refuses such a gateway on a build
     *         without {@code CONFIG_XSM_FLASK}, as Xen cannot load a policy it was not built for
     */
    default boolean isFlaskPolicy() {
        return false;
    }

    /** @return a one-line description for {@code xl info}/{@code xl dmesg}, stating honestly what it enforces */
    String describe();
}
