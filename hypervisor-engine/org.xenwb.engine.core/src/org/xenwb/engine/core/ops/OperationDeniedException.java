package org.xenwb.engine.core.ops;

/** Thrown when the {@link OperationGateway} denies an operation; the message says which and why. */
public final class OperationDeniedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Operation operation;

    /**
     * @param operation the denied operation
     * @param verdict the gateway's verdict
     */
    public OperationDeniedException(Operation operation, Verdict verdict) {
        super("permission denied: " + operation.kind() + " on domain " + operation.targetDomid()
                + (verdict.reason().isEmpty() ? "" : " (" + verdict.reason() + ")"));
        this.operation = operation;
    }

    /** @return the denied operation */
    public Operation operation() {
        return operation;
    }
}
