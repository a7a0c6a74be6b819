package org.xenwb.xsm.validation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.xtext.util.IResourceScopeCache;
import org.eclipse.xtext.validation.Check;
import org.eclipse.xtext.validation.CheckType;
import org.eclipse.xtext.validation.ComposedChecks;
import org.xenwb.xsm.xsm.AttributeDecl;
import org.xenwb.xsm.xsm.AvRule;
import org.xenwb.xsm.xsm.ClassDecl;
import org.xenwb.xsm.xsm.Constraint;
import org.xenwb.xsm.xsm.MacroCall;
import org.xenwb.xsm.xsm.MacroParameter;
import org.xenwb.xsm.xsm.Permission;
import org.xenwb.xsm.xsm.PermissionSet;
import org.xenwb.xsm.xsm.Policy;
import org.xenwb.xsm.xsm.Referable;
import org.xenwb.xsm.xsm.RoleDecl;
import org.xenwb.xsm.xsm.RoleSet;
import org.xenwb.xsm.xsm.SecurityContext;
import org.xenwb.xsm.xsm.TypeAlias;
import org.xenwb.xsm.xsm.TypeAttributeStatement;
import org.xenwb.xsm.xsm.TypeDecl;
import org.xenwb.xsm.xsm.TypeRule;
import org.xenwb.xsm.xsm.TypeSetItem;
import org.xenwb.xsm.xsm.UserDecl;
import org.xenwb.xsm.xsm.XsmPackage;

import com.google.inject.Inject;

/**
 * Semantic checks of policies beyond syntax and linking. Each diagnostic carries an issue code (a constant of this
 * class) so that the editor can offer quick fixes for it; messages name what is wrong the way checkpolicy does.
 *
 * <p>Checks that need the whole compiled policy (neverallow violations with the violating allow statements, unused
 * types, rules that can never apply, declarations duplicated across files) are made by
 * {@link org.xenwb.xsm.compile.XsmCompiler#check} after these, with issue codes of
 * {@link org.xenwb.xsm.policy.compile.PolicyDiagnostic}; {@link XsmCompileValidator}, composed here as an expensive
 * check, reports them as issues of the file they are in for the editor.</p>
 */
@ComposedChecks(validators = XsmCompileValidator.class)
public class XsmValidator extends AbstractXsmValidator {

    @Inject
    private IResourceScopeCache cache;

    /** A permission that the rule's class does not define. */
    public static final String PERMISSION_NOT_IN_CLASS = "org.xenwb.xsm.permissionNotInClass";
    /** A name of the wrong kind: a role where a type is expected, a type where an attribute is... */
    public static final String WRONG_KIND = "org.xenwb.xsm.wrongKind";
    /** A macro call with too few or too many arguments. */
    public static final String MACRO_ARITY = "org.xenwb.xsm.macroArity";
    /** A type, attribute, alias or user declared twice, in one file or in two. */
    public static final String DUPLICATE_DECLARATION = "org.xenwb.xsm.duplicateDeclaration";

    @Check(CheckType.NORMAL)
    public void checkPermissionsOfRule(AvRule rule) {
        checkPermissions(rule.getClasses().getClasses(), rule.getPermissions());
    }

    @Check(CheckType.NORMAL)
    public void checkPermissionsOfConstraint(Constraint constraint) {
        if (constraint.getPermissions() != null) {
            checkPermissions(constraint.getClasses().getClasses(), constraint.getPermissions());
        }
    }

    /**
     * The class permissions of the resource set, gathered once per validation run (the run's context map lives as
     * long as one validation of a file; without one they are gathered for each rule).
     */
    private ClassPermissions classPermissions(EObject element) {
        Map<Object, Object> context = getContext();
        if (context == null) {
            return new ClassPermissions(element);
        }
        return (ClassPermissions) context.computeIfAbsent(ClassPermissions.class, k -> new ClassPermissions(element));
    }

    private void checkPermissions(List<ClassDecl> classes, PermissionSet permissions) {
        if (permissions == null || permissions.isAll()) {
            return;
        }
        ClassPermissions defined = classPermissions(permissions);
        for (int i = 0; i < permissions.getPermissions().size(); i++) {
            Permission permission = permissions.getPermissions().get(i);
            if (permission.eIsProxy()) {
                continue;
            }
            for (ClassDecl securityClass : classes) {
                if (!securityClass.eIsProxy() && !defined.has(securityClass, permission)) {
                    error("permission " + permission.getName() + " is not defined for class "
                            + securityClass.getName(), permissions, XsmPackage.Literals.PERMISSION_SET__PERMISSIONS,
                            i, PERMISSION_NOT_IN_CLASS, permission.getName(), securityClass.getName());
                }
            }
        }
    }

    @Check
    public void checkTypeSetItem(TypeSetItem item) {
        expectKind(item, XsmPackage.Literals.TYPE_SET_ITEM__TYPE, -1, item.getType(), "a type or attribute",
                TypeDecl.class, TypeAlias.class, AttributeDecl.class);
    }

    @Check
    public void checkTypeRuleResult(TypeRule rule) {
        expectKind(rule, XsmPackage.Literals.TYPE_RULE__RESULT, -1, rule.getResult(), "a type", TypeDecl.class,
                TypeAlias.class);
    }

    @Check
    public void checkTypeAttributes(TypeDecl type) {
        for (int i = 0; i < type.getAttributes().size(); i++) {
            expectKind(type, XsmPackage.Literals.TYPE_DECL__ATTRIBUTES, i, type.getAttributes().get(i),
                    "an attribute", AttributeDecl.class);
        }
    }

    @Check
    public void checkTypeAttributeStatement(TypeAttributeStatement statement) {
        expectKind(statement, XsmPackage.Literals.TYPE_ATTRIBUTE_STATEMENT__TYPE, -1, statement.getType(), "a type",
                TypeDecl.class, TypeAlias.class);
        for (int i = 0; i < statement.getAttributes().size(); i++) {
            expectKind(statement, XsmPackage.Literals.TYPE_ATTRIBUTE_STATEMENT__ATTRIBUTES, i,
                    statement.getAttributes().get(i), "an attribute", AttributeDecl.class);
        }
    }

    @Check
    public void checkRoleSet(RoleSet roles) {
        for (int i = 0; i < roles.getRoles().size(); i++) {
            expectKind(roles, XsmPackage.Literals.ROLE_SET__ROLES, i, roles.getRoles().get(i), "a role",
                    RoleDecl.class);
        }
    }

    @Check
    public void checkSecurityContext(SecurityContext context) {
        expectKind(context, XsmPackage.Literals.SECURITY_CONTEXT__USER, -1, context.getUser(), "a user",
                UserDecl.class);
        expectKind(context, XsmPackage.Literals.SECURITY_CONTEXT__ROLE, -1, context.getRole(), "a role",
                RoleDecl.class);
        expectKind(context, XsmPackage.Literals.SECURITY_CONTEXT__TYPE, -1, context.getType(), "a type",
                TypeDecl.class, TypeAlias.class);
    }

    @SafeVarargs
    private void expectKind(EObject owner, EReference reference, int index, Referable target, String expected,
            Class<? extends Referable>... kinds) {
        if (target == null || target.eIsProxy() || target instanceof MacroParameter) {
            return;
        }
        for (Class<? extends Referable> kind : kinds) {
            if (kind.isInstance(target)) {
                return;
            }
        }
        error(target.getName() + " is " + kindOf(target) + ", expected " + expected, owner, reference, index,
                WRONG_KIND, target.getName());
    }

    private static String kindOf(Referable target) {
        if (target instanceof AttributeDecl) {
            return "an attribute";
        }
        if (target instanceof RoleDecl) {
            return "a role";
        }
        if (target instanceof UserDecl) {
            return "a user";
        }
        return "a type";
    }

    @Check
    public void checkMacroArity(MacroCall call) {
        if (call.getMacro() == null || call.getMacro().eIsProxy()) {
            return;
        }
        List<MacroParameter> parameters = call.getMacro().getParameters();
        boolean variadic = !parameters.isEmpty() && parameters.get(parameters.size() - 1).isVariadic();
        int fixed = variadic ? parameters.size() - 1 : parameters.size();
        int given = call.getArguments().size();
        if (given < fixed || (!variadic && given > fixed)) {
            error("macro " + call.getMacro().getName() + " takes " + (variadic ? "at least " : "") + fixed
                    + " argument" + (fixed == 1 ? "" : "s") + ", given " + given, call,
                    XsmPackage.Literals.MACRO_CALL__MACRO, MACRO_ARITY);
        }
    }

    /**
     * Declarations directly in a file (not in macro bodies, which are declared once per call): a type, attribute or
     * user declared earlier in the file, or in an earlier file ({@link EarlierDeclarations}), is reported here, at
     * the second declaration, with the place of the first.
     */
    @Check
    public void checkDuplicateDeclarations(Policy policy) {
        Map<String, Referable> declared = new HashMap<>();
        Map<String, String> earlier = EarlierDeclarations.before(policy, cache);
        for (EObject statement : policy.getStatements()) {
            if (statement instanceof TypeDecl || statement instanceof AttributeDecl || statement instanceof UserDecl) {
                Referable declaration = (Referable) statement;
                String name = declaration.getName();
                Referable first = declared.putIfAbsent(name, declaration);
                String firstPlace = first != null
                        ? EarlierDeclarations.kind(first) + " at line " + EarlierDeclarations.line(first)
                        : earlier.get(name);
                if (firstPlace != null) {
                    error(EarlierDeclarations.kind(declaration).substring(2) + " " + name + " is declared twice (first"
                            + " as " + firstPlace + ")", declaration, XsmPackage.Literals.REFERABLE__NAME,
                            DUPLICATE_DECLARATION, name);
                }
            }
        }
    }
}
