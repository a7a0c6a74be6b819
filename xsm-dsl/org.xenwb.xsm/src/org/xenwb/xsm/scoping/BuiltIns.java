package org.xenwb.xsm.scoping;

import java.util.List;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.impl.ResourceSetImpl;
import org.xenwb.xsm.xsm.Policy;
import org.xenwb.xsm.xsm.RoleDecl;
import org.xenwb.xsm.xsm.XsmFactory;

/**
 * Names the FLASK policy language defines without a declaration: the role {@code object_r}, which checkpolicy
 * creates itself for objects. They live in one read-only resource of their own, shared by every policy.
 */
public final class BuiltIns {

    /** The role checkpolicy predefines for objects (files, devices, I/O ranges). */
    public static final String OBJECT_ROLE = "object_r";

    private static final List<RoleDecl> ROLES = create();

    private BuiltIns() {
    }

    /** @return the predefined roles, in a resource that no policy file owns */
    public static List<RoleDecl> roles() {
        return ROLES;
    }

    private static List<RoleDecl> create() {
        Resource resource = new ResourceSetImpl().createResource(URI.createURI("xsm-builtin:/builtins.xsm"));
        Policy policy = XsmFactory.eINSTANCE.createPolicy();
        RoleDecl objectRole = XsmFactory.eINSTANCE.createRoleDecl();
        objectRole.setName(OBJECT_ROLE);
        policy.getStatements().add(objectRole);
        resource.getContents().add(policy);
        return List.of(objectRole);
    }
}
