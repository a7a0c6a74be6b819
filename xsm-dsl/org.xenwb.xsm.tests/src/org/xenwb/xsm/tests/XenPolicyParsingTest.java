package org.xenwb.xsm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xenwb.xsm.tests.PolicyParser.Parsed;
import org.xenwb.xsm.xsm.AccessVectors;
import org.xenwb.xsm.xsm.ClassDecl;

/** The language reads Xen's real policy sources: the FLASK language as Xen's checkpolicy input uses it. */
class XenPolicyParsingTest {

    /**
     * Xen's class and permission definitions (plain FLASK syntax, no m4) parse and link. Xen 4.17's default policy
     * has 13 classes and 175 permissions (checkpolicy's count, ../shared/data/README.md).
     */
    @ParameterizedTest
    @ValueSource(strings = {"4.17", "4.22"})
    void classesSidsAndAccessVectorsOfXen(String version) throws Exception {
        Path flask = SharedData.xen(version).resolve("xen/xsm/flask/policy");
        String text = Files.readString(flask.resolve("security_classes")) + Files.readString(
                flask.resolve("initial_sids")) + Files.readString(flask.resolve("access_vectors"));
        Parsed parsed = PolicyParser.parse("flask-" + version + ".xsm", text);
        assertEquals(0, parsed.errors().size(), String.join("\n", parsed.errors()));

        long classes = parsed.policy().getStatements().stream().filter(ClassDecl.class::isInstance).count();
        int permissions = parsed.policy().getStatements().stream().filter(AccessVectors.class::isInstance)
                .mapToInt(av -> ((AccessVectors) av).getPermissions().size()).sum();
        if (version.equals("4.17")) {
            assertEquals(13, classes);
            assertEquals(175, permissions);
        }
        assertTrue(classes >= 13 && permissions >= 175, classes + " classes, " + permissions + " permissions");
    }

    /** Xen's whole default policy, m4-expanded as Xen's build feeds it to checkpolicy, has no syntax error. */
    @ParameterizedTest
    @ValueSource(strings = {"4.17", "4.22"})
    void xensExpandedPolicyConfParses(String version) throws Exception {
        String policyConf = XenPolicy.expand(SharedData.xen(version));
        Parsed parsed = PolicyParser.parse("policy-" + version + ".xsm", policyConf);
        assertEquals(0, parsed.errors().size(), String.join("\n", parsed.errors()));
        assertTrue(parsed.policy().getStatements().size() > 300, "statements: "
                + parsed.policy().getStatements().size());
    }
}
