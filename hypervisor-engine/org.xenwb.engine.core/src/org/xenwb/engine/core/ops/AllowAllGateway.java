package org.xenwb.engine.core.ops;

/**
 * The default gateway: allows everything. This is <em>not</em> a security policy; it is what a Xen built without
 * {@code CONFIG_XSM} does (the dummy XSM module only keeps the built-in privilege checks, which the engine
 * models by having every operation issued by dom0's toolstack). It counts the operations it saw, for tests.
 * Not thread-safe.
 */
public final class AllowAllGateway implements OperationGateway {

    private long checks;

    @Override
    public Verdict check(Operation op) {
        checks++;
        return Verdict.allow();
    }

    /** @return how many operations were checked */
    public long checks() {
        return checks;
    }

    @Override
    public String describe() {
        return "no XSM policy: every operation is allowed (dummy module, not a security policy)";
    }
}
