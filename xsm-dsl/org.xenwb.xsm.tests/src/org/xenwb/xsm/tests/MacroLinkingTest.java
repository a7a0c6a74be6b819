package org.xenwb.xsm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.xenwb.xsm.scoping.BuiltIns;
import org.xenwb.xsm.tests.PolicyParser.Parsed;
import org.xenwb.xsm.xsm.AvRule;
import org.xenwb.xsm.xsm.Macro;
import org.xenwb.xsm.xsm.MacroCall;
import org.xenwb.xsm.xsm.MacroParameter;
import org.xenwb.xsm.xsm.RoleDecl;
import org.xenwb.xsm.xsm.SidContext;

/** Macros replace m4's define: parameters link inside the body, calls link to the macro, built-ins resolve. */
class MacroLinkingTest {

    private static final String POLICY = """
            class domain
            sid xen
            class domain { create pause }
            attribute domain_type;
            type dom0_t, domain_type;
            type domU_t, domain_type;
            role system_r;
            role system_r types { dom0_t domU_t };
            user system_u roles { system_r };

            # create_domain(source, target): the source may create and pause the target.
            macro create_domain(source, target) {
                allow source target:domain { create pause };
            }

            create_domain(dom0_t, domU_t);
            sid xen system_u:object_r:dom0_t
            """;

    @Test
    void macroParametersAndCallsLink() throws Exception {
        Parsed parsed = PolicyParser.parse("macros.xsm", POLICY);
        assertEquals(0, parsed.errors().size(), String.join("\n", parsed.errors()));

        Macro macro = parsed.policy().getStatements().stream().filter(Macro.class::isInstance)
                .map(Macro.class::cast).findFirst().orElseThrow();
        AvRule rule = (AvRule) macro.getBody().get(0);
        MacroParameter source = (MacroParameter) rule.getSource().getItems().get(0).getType();
        assertSame(macro.getParameters().get(0), source);
        assertEquals(2, rule.getPermissions().getPermissions().size());

        MacroCall call = parsed.policy().getStatements().stream().filter(MacroCall.class::isInstance)
                .map(MacroCall.class::cast).findFirst().orElseThrow();
        assertSame(macro, call.getMacro());
        assertEquals("domU_t", call.getArguments().get(1).getNames().get(0));
    }

    @Test
    void objectRoleIsBuiltIn() throws Exception {
        Parsed parsed = PolicyParser.parse("objects.xsm", POLICY);
        SidContext context = parsed.policy().getStatements().stream().filter(SidContext.class::isInstance)
                .map(SidContext.class::cast).findFirst().orElseThrow();
        RoleDecl role = (RoleDecl) context.getContext().getRole();
        assertEquals(BuiltIns.OBJECT_ROLE, role.getName());
        assertSame(BuiltIns.roles().get(0), role);
    }

    @Test
    void unknownNamesAreLinkingErrorsWithTheirLine() throws Exception {
        Parsed parsed = PolicyParser.parse("typo.xsm", POLICY.replace("create_domain(dom0_t, domU_t);",
                "allow dom0_t domX_t:domain create;"));
        assertEquals(1, parsed.errors().size(), String.join("\n", parsed.errors()));
        assertTrue(parsed.errors().get(0).startsWith("line 16: ") && parsed.errors().get(0).contains("domX_t"),
                parsed.errors().get(0));
    }
}
