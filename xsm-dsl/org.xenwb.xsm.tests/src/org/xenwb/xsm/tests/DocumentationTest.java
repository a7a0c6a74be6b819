package org.xenwb.xsm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.documentation.IEObjectDocumentationProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xenwb.xsm.compile.XsmCompiler;
import org.xenwb.xsm.importer.XenPolicyImporter;
import org.xenwb.xsm.xsm.AccessVectors;
import org.xenwb.xsm.xsm.ClassDecl;
import org.xenwb.xsm.xsm.Permission;

/**
 * Classes and permissions of an imported Xen policy are documented by the comments of Xen's access_vectors, through
 * the language's {@link IEObjectDocumentationProvider} (what the editor's hover shows).
 */
class DocumentationTest {

    @ParameterizedTest
    @ValueSource(strings = {"4.17", "4.22"})
    void permissionsAndClassesCarryXensComments(String version) throws Exception {
        Path tree = SharedData.xen(version);
        Path dir = ImportSupport.workDir("docs-" + version);
        List<Path> sources = XenPolicyImporter.write(XenPolicyImporter.translate(tree), dir);
        XsmCompiler.Checked checked = ImportSupport.compiler().check(sources);
        IEObjectDocumentationProvider docs = PolicyParser.injector().getInstance(IEObjectDocumentationProvider.class);

        Map<String, String> ours = new TreeMap<>();
        for (EObject statement : checked.policies().stream().flatMap(p -> p.getStatements().stream()).toList()) {
            if (statement instanceof AccessVectors vectors) {
                for (Permission permission : vectors.getPermissions()) {
                    ours.put(vectors.getClass_().getName() + "." + permission.getName(), String.valueOf(docs
                            .getDocumentation(permission)));
                }
            }
        }
        Map<String, String> expected = commentsAbovePermissions(tree.resolve("xen/xsm/flask/policy/access_vectors"));
        assertEquals(expected, ours);

        assertEquals("XENPF_settime32\nXENPF_settime64", ours.get("xen.settime"));
        ClassDecl xen = checked.policies().stream().flatMap(p -> p.getStatements().stream())
                .filter(ClassDecl.class::isInstance).map(ClassDecl.class::cast).filter(c -> c.getName().equals("xen"))
                .findFirst().orElseThrow();
        String classDoc = docs.getDocumentation(xen);
        assertTrue(classDoc.startsWith("Class xen and xen2 consists of dom0-only operations dealing with the\n"
                + "hypervisor itself."), classDoc);
        Permission unexplained = permission(checked, "hvm", "bind_irq");
        assertNull(docs.getDocumentation(unexplained), "bind_irq has no comment of its own in Xen's file");
    }

    private static Permission permission(XsmCompiler.Checked checked, String className, String name) {
        return checked.policies().stream().flatMap(p -> p.getStatements().stream())
                .filter(AccessVectors.class::isInstance).map(AccessVectors.class::cast)
                .filter(v -> v.getClass_().getName().equals(className)).flatMap(v -> v.getPermissions().stream())
                .filter(p -> p.getName().equals(name)).findFirst().orElseThrow();
    }

    /**
     * An independent reading of Xen's file, line by line: for each permission line inside a class block, the
     * {@code #} lines directly above it (without {@code #} and one space), or "null".
     */
    private static Map<String, String> commentsAbovePermissions(Path accessVectors) throws Exception {
        Map<String, String> comments = new TreeMap<>();
        String currentClass = null;
        List<String> pending = new ArrayList<>();
        for (String raw : Files.readAllLines(accessVectors)) {
            String line = raw.strip();
            if (line.startsWith("#")) {
                String text = line.substring(1);
                pending.add(text.startsWith(" ") ? text.substring(1) : text);
                continue;
            }
            if (line.startsWith("class ")) {
                currentClass = line.substring("class ".length()).strip();
            } else if (currentClass != null && line.matches("[a-z0-9_]+")) {
                comments.put(currentClass + "." + line, pending.isEmpty() ? "null" : String.join("\n", pending));
            }
            pending.clear();
        }
        return comments;
    }
}
