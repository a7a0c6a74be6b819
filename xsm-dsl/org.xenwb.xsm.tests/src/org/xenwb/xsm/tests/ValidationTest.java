package org.xenwb.xsm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.diagnostics.Diagnostic;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.util.StringInputStream;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.xenwb.xsm.validation.XsmValidator;

/** Each semantic error is reported on its line with its issue code, and a correct policy has none. */
class ValidationTest {

    private static final String BASE = """
            class domain
            class event
            sid xen
            class domain { create pause }
            class event { bind send }
            attribute domain_type;
            type dom0_t, domain_type;
            type domU_t, domain_type;
            role system_r;
            user system_u roles { system_r };
            sid xen system_u:system_r:dom0_t
            macro pair(a, b) {
                allow a b:domain pause;
            }
            """;

    private static List<Issue> validate(String extra) throws Exception {
        XtextResourceSet resources = PolicyParser.injector().getInstance(XtextResourceSet.class);
        Resource resource = resources.createResource(URI.createURI("memory:/test.xsm"));
        resource.load(new StringInputStream(BASE + extra), null);
        return PolicyParser.injector().getInstance(IResourceValidator.class).validate(resource, CheckMode.ALL,
                CancelIndicator.NullImpl);
    }

    private static void assertOneError(String extra, String code, int line, String message) throws Exception {
        List<Issue> issues = validate(extra);
        assertEquals(1, issues.size(), issues.toString());
        assertEquals(code, issues.get(0).getCode());
        assertEquals(line, issues.get(0).getLineNumber());
        assertEquals(message, issues.get(0).getMessage());
    }

    @Test
    void correctPolicyHasNoIssue() throws Exception {
        assertEquals(List.of(), validate("allow dom0_t domU_t:domain { create pause };\npair(dom0_t, domU_t)\n"));
    }

    @Test
    void permissionOfAnotherClass() throws Exception {
        assertOneError("allow dom0_t domU_t:domain { create send };\n", XsmValidator.PERMISSION_NOT_IN_CLASS, 15,
                "permission send is not defined for class domain");
    }

    @Test
    void roleWhereATypeIsExpected() throws Exception {
        assertOneError("allow dom0_t system_r:domain create;\n", XsmValidator.WRONG_KIND, 15,
                "system_r is a role, expected a type or attribute");
    }

    @Test
    void typeUsedAsAttribute() throws Exception {
        assertOneError("type guest_t, dom0_t;\n", XsmValidator.WRONG_KIND, 15,
                "dom0_t is a type, expected an attribute");
    }

    @Test
    void macroCalledWithTooManyArguments() throws Exception {
        assertOneError("pair(dom0_t, domU_t, dom0_t)\n", XsmValidator.MACRO_ARITY, 15,
                "macro pair takes 2 arguments, given 3");
    }

    @Test
    void typeDeclaredTwice() throws Exception {
        assertOneError("type domU_t;\n", XsmValidator.DUPLICATE_DECLARATION, 15,
                "type domU_t is declared twice (first as a type at line 8)");
    }

    @Test
    void unknownNamesAreReportedInTheLanguagesWords() throws Exception {
        assertOneError("allow dom0_t nosuch_t:domain create;\n", Diagnostic.LINKING_DIAGNOSTIC, 15,
                "unknown type or attribute 'nosuch_t'");
        assertOneError("type guest_t, nosuch_attr;\n", Diagnostic.LINKING_DIAGNOSTIC, 15,
                "unknown attribute 'nosuch_attr'");
        assertEquals("unknown class 'nosuch'", validate("allow dom0_t domU_t:nosuch create;\n").get(0).getMessage());
        assertOneError("user other_u roles { nosuch_r };\n", Diagnostic.LINKING_DIAGNOSTIC, 15,
                "unknown role 'nosuch_r'");
    }
}
