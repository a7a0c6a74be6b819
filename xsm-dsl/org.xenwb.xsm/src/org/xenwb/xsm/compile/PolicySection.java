package org.xenwb.xsm.compile;

import org.eclipse.emf.ecore.EObject;
import org.xenwb.xsm.xsm.AccessVectors;
import org.xenwb.xsm.xsm.CategoryDecl;
import org.xenwb.xsm.xsm.ClassDecl;
import org.xenwb.xsm.xsm.CommonDecl;
import org.xenwb.xsm.xsm.Constraint;
import org.xenwb.xsm.xsm.DominanceDecl;
import org.xenwb.xsm.xsm.InitialSid;
import org.xenwb.xsm.xsm.LevelDecl;
import org.xenwb.xsm.xsm.ObjectContext;
import org.xenwb.xsm.xsm.SensitivityDecl;
import org.xenwb.xsm.xsm.SidContext;
import org.xenwb.xsm.xsm.UserDecl;

/**
 * The sections of a policy.conf in the order checkpolicy's grammar requires them. A policy written as modules can
 * declare things in any file order; the generator emits each statement in its section, keeping the source order
 * within a section (which decides the values checkpolicy gives types, roles and users). {@code mlsconstrain} and
 * {@code mlsvalidatetrans} belong to the MLS section (checkpolicy takes them only after the levels), the other
 * constraints to the section after the users.
 */
enum PolicySection {
    CLASSES, INITIAL_SIDS, ACCESS_VECTORS, MLS, TYPE_ENFORCEMENT, USERS, CONSTRAINTS, SID_CONTEXTS, OBJECT_CONTEXTS;

    /** @return the section a (macro-expanded) statement belongs to */
    static PolicySection of(EObject statement) {
        if (statement instanceof ClassDecl) {
            return CLASSES;
        }
        if (statement instanceof InitialSid) {
            return INITIAL_SIDS;
        }
        if (statement instanceof CommonDecl || statement instanceof AccessVectors) {
            return ACCESS_VECTORS;
        }
        if (statement instanceof SensitivityDecl || statement instanceof DominanceDecl
                || statement instanceof CategoryDecl || statement instanceof LevelDecl
                || statement instanceof Constraint c && c.getKind().startsWith("mls")) {
            return MLS;
        }
        if (statement instanceof UserDecl) {
            return USERS;
        }
        if (statement instanceof Constraint) {
            return CONSTRAINTS;
        }
        if (statement instanceof SidContext) {
            return SID_CONTEXTS;
        }
        if (statement instanceof ObjectContext) {
            return OBJECT_CONTEXTS;
        }
        return TYPE_ENFORCEMENT;
    }
}
