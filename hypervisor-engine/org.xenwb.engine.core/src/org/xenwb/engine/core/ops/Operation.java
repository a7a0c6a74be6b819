package org.xenwb.engine.core.ops;

/**
 * One privileged operation presented to the {@link OperationGateway}. Immutable.
 *
 * @param kind what is done
 * @param sourceDomid the domain asking (the engine's tools act as dom0, id 0)
 * @param targetDomid the domain acted on, or -1 when none (host-wide operations)
 * @param detail a human-readable detail, e.g. {@code weight=512}; never null
 */
public record Operation(OperationKind kind, int sourceDomid, int targetDomid, String detail) {

    /**
     * @param kind what is done
     * @param targetDomid the domain acted on, or -1
     * @param detail human-readable detail
     * @return an operation issued by dom0's toolstack
     */
    public static Operation byDom0(OperationKind kind, int targetDomid, String detail) {
        return new Operation(kind, 0, targetDomid, detail);
    }
}
