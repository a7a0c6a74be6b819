package org.xenwb.xsm.validation;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.xtext.diagnostics.Diagnostic;
import org.eclipse.xtext.diagnostics.DiagnosticMessage;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.linking.impl.LinkingDiagnosticMessageProvider;
import org.xenwb.xsm.xsm.XsmPackage;

/**
 * Messages for names that do not resolve, in the policy language's words: {@code unknown type or attribute
 * 'nosuch_t'}, {@code unknown class 'domain'}, instead of Xtext's {@code Couldn't resolve reference to Referable
 * 'nosuch_t'.}, which names the grammar's rules. The issue code stays Xtext's
 * {@link Diagnostic#LINKING_DIAGNOSTIC}, so editor quick fixes keyed by it keep working. Stateless; bound in
 * {@link org.xenwb.xsm.XsmRuntimeModule}.
 */
public class XsmLinkingMessages extends LinkingDiagnosticMessageProvider {

    @Override
    public DiagnosticMessage getUnresolvedProxyMessage(ILinkingDiagnosticContext context) {
        return new DiagnosticMessage("unknown " + kind(context.getReference()) + " '" + context.getLinkText() + "'",
                Severity.ERROR, Diagnostic.LINKING_DIAGNOSTIC);
    }

    /** @return what the reference names, as the language's documentation calls it */
    static String kind(EReference reference) {
        XsmPackage p = XsmPackage.eINSTANCE;
        if (reference == p.getTypeDecl_Attributes() || reference == p.getTypeAttributeStatement_Attributes()) {
            return "attribute";
        }
        if (reference == p.getTypeRule_Result() || reference == p.getSecurityContext_Type()
                || reference == p.getTypeAttributeStatement_Type() || reference == p.getTypeAliasStatement_Type()) {
            return "type";
        }
        if (reference == p.getRoleSet_Roles() || reference == p.getSecurityContext_Role()) {
            return "role";
        }
        if (reference == p.getSecurityContext_User()) {
            return "user";
        }
        EClass type = reference.getEReferenceType();
        if (type == p.getReferable()) {
            return "type or attribute";
        }
        if (type == p.getClassDecl()) {
            return "class";
        }
        if (type == p.getCommonDecl()) {
            return "common";
        }
        if (type == p.getPermission()) {
            return "permission";
        }
        if (type == p.getBoolDecl()) {
            return "boolean";
        }
        if (type == p.getMacro()) {
            return "macro";
        }
        if (type == p.getInitialSid()) {
            return "initial SID";
        }
        if (type == p.getSensitivityDecl()) {
            return "sensitivity";
        }
        if (type == p.getCategoryDecl()) {
            return "category";
        }
        return "name";
    }
}
