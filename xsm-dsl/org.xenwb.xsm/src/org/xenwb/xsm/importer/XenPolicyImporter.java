package org.xenwb.xsm.importer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.xenwb.xsm.policy.binary.PolicyWriter;
import org.xenwb.xsm.policy.compile.XenPolicySources;

/**
 * Imports Xen's FLASK policy sources (a tree holding {@code tools/flask/policy} and {@code xen/xsm/flask/policy}) into
 * the policy language, one folder of files that {@code xenwb xsm compile} compiles in name order:
 *
 * <ul>
 * <li>{@code 00-security_classes.xsm}, {@code 01-initial_sids.xsm}, {@code 02-access_vectors.xsm}: the hypervisor's
 * and the policy's classes, SIDs and access vectors, text and comments as they are (the comments document the
 * classes and permissions);</li>
 * <li>{@code 03-mls.xsm}, {@code 04-global_tunables.xsm}: policy/mls and policy/global_tunables;</li>
 * <li>{@code 10-NAME.xsm}, {@code 11-NAME.xsm}...: one file per module in modules.conf order, {@code module NAME;}
 * or {@code module NAME = off;} as modules.conf says, with the module's .if defines as macros, its .te and its
 * .cons; modules whose .te is not listed in modules.conf follow, off;</li>
 * <li>{@code 90-users.xsm}, {@code 91-initial_sid_contexts.xsm}, {@code 92-device_contexts.xsm}: policy/users,
 * policy/initial_sids and policy/device_contexts.</li>
 * </ul>
 *
 * <p>What m4 does that the language cannot is expanded at import for Xen's default build (no {@code enable_mls}),
 * with a comment in the output ({@link StatementTranslator}, {@link InterfaceTranslator}); the support macros of
 * policy/support are not imported. The output depends only on the input: importing twice gives the same files.
 * Stateless; reads the tree only.</p>
 */
public final class XenPolicyImporter {

    /** One imported file: its name in the output folder and its text. */
    public record ImportedFile(String name, String text) {
    }

    private static final String FLASK = "xen/xsm/flask/policy/";
    private static final String POLICY = "tools/flask/policy/policy/";
    private static final String MODULES = "tools/flask/policy/modules/";
    private static final int FIRST_MODULE = 10;
    private static final int MAX_MODULES = 80;

    private XenPolicyImporter() {
    }

    /**
     * @param xenRoot the Xen tree
     * @return the imported files, in name order
     * @throws IOException when the tree cannot be read or is not a Xen tree
     * @throws PolicyImportException when a source uses an m4 construct the importer cannot convert
     */
    public static List<ImportedFile> translate(Path xenRoot) throws IOException, PolicyImportException {
        if (!Files.isRegularFile(xenRoot.resolve(MODULES + "modules.conf"))) {
            throw new NoSuchFileException(xenRoot.resolve(MODULES + "modules.conf").toString(), null,
                    "not a Xen tree: no modules.conf");
        }
        Map<String, Boolean> modules = modules(xenRoot);
        if (modules.size() > MAX_MODULES) {
            throw new IOException(xenRoot + ": more than " + MAX_MODULES + " modules");
        }
        Set<String> undefinable = moduleDefines(xenRoot, modules.keySet());
        Map<String, String> descriptions = moduleDescriptions(xenRoot.resolve(MODULES + "modules.conf"));
        List<ImportedFile> files = new ArrayList<>();
        files.add(plain(xenRoot, "00-security_classes.xsm", "", undefinable, FLASK + "security_classes",
                POLICY + "security_classes"));
        files.add(plain(xenRoot, "01-initial_sids.xsm", "", undefinable, FLASK + "initial_sids"));
        files.add(plain(xenRoot, "02-access_vectors.xsm", "", undefinable, FLASK + "access_vectors",
                POLICY + "access_vectors"));
        files.add(plain(xenRoot, "03-mls.xsm", "", undefinable, POLICY + "mls"));
        files.add(plain(xenRoot, "04-global_tunables.xsm", "", undefinable, POLICY + "global_tunables"));
        int index = FIRST_MODULE;
        for (Map.Entry<String, Boolean> module : modules.entrySet()) {
            files.add(module(xenRoot, index++, module.getKey(), module.getValue(), modules.keySet(), undefinable,
                    descriptions.getOrDefault(module.getKey(), "")));
        }
        String imports = imports(modules.keySet(), null);
        files.add(plain(xenRoot, "90-users.xsm", imports, undefinable, POLICY + "users"));
        files.add(plain(xenRoot, "91-initial_sid_contexts.xsm", imports, undefinable, POLICY + "initial_sids"));
        files.add(plain(xenRoot, "92-device_contexts.xsm", imports, undefinable, POLICY + "device_contexts"));
        return files;
    }

    /**
     * Writes imported files into a folder (created if needed), each through a temporary file renamed into place.
     *
     * @param files the files
     * @param out the folder
     * @return the written paths
     * @throws IOException when a file cannot be written
     */
    public static List<Path> write(List<ImportedFile> files, Path out) throws IOException {
        Files.createDirectories(out);
        List<Path> written = new ArrayList<>();
        for (ImportedFile file : files) {
            Path target = out.resolve(file.name());
            PolicyWriter.writeAtomically(target, file.text().getBytes(StandardCharsets.UTF_8));
            written.add(target);
        }
        return written;
    }

    /** modules.conf's modules with their state, then modules with a .te that modules.conf does not list (off). */
    private static Map<String, Boolean> modules(Path xenRoot) throws IOException {
        Path folder = xenRoot.resolve(MODULES);
        Map<String, Boolean> modules = new LinkedHashMap<>(XenPolicySources.moduleStates(folder.resolve(
                "modules.conf")));
        for (String name : modules.keySet()) {
            if (!Files.isRegularFile(folder.resolve(name + ".te"))) {
                throw new NoSuchFileException(folder.resolve(name + ".te").toString(), null,
                        "modules.conf lists module " + name + ", which has no .te file");
            }
        }
        try (Stream<Path> listing = Files.list(folder)) {
            listing.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".te")).sorted()
                    .map(name -> name.substring(0, name.length() - ".te".length()))
                    .forEach(name -> modules.putIfAbsent(name, false));
        }
        return modules;
    }

    /** The comment lines directly above each module's line in modules.conf (its description), by module. */
    private static Map<String, String> moduleDescriptions(Path modulesConf) throws IOException {
        Map<String, String> descriptions = new LinkedHashMap<>();
        StringBuilder pending = new StringBuilder();
        for (String line : Files.readAllLines(modulesConf)) {
            String text = line.strip();
            if (text.startsWith("#")) {
                pending.append(text).append('\n');
            } else {
                if (text.contains("=")) {
                    descriptions.put(text.substring(0, text.indexOf('=')).strip(), pending.toString());
                }
                pending.setLength(0);
            }
        }
        return descriptions;
    }

    /** Names that .te files define with m4: they are not imported, so no file may call them. */
    private static Set<String> moduleDefines(Path xenRoot, Set<String> modules) throws IOException {
        Set<String> names = new HashSet<>();
        for (String module : modules) {
            String text = Files.readString(xenRoot.resolve(MODULES + module + ".te"));
            names.addAll(InterfaceTranslator.definedNames(text));
        }
        return names;
    }

    private static ImportedFile plain(Path xenRoot, String name, String imports, Set<String> undefinable,
            String... sources) throws IOException, PolicyImportException {
        StringBuilder text = new StringBuilder(imports);
        for (String source : sources) {
            Path file = xenRoot.resolve(source);
            if (Files.isRegularFile(file)) {
                text.append(header(source)).append(StatementTranslator.translate(source, Files.readString(file),
                        undefinable));
                if (text.charAt(text.length() - 1) != '\n') {
                    text.append('\n');
                }
            }
        }
        if (text.length() == imports.length()) {
            text.append("# Xen's tree has none of: ").append(String.join(", ", sources)).append('\n');
        }
        return new ImportedFile(name, text.toString());
    }

    private static ImportedFile module(Path xenRoot, int index, String name, boolean on, Set<String> all,
            Set<String> undefinable, String description) throws IOException, PolicyImportException {
        StringBuilder text = new StringBuilder(description);
        text.append("# Module ").append(name).append(" of Xen's policy, ").append(on ? "on" : "off")
                .append(" in modules.conf").append(all.contains(name) ? "" : " (not listed there)").append(".\n");
        text.append("module ").append(name).append(on ? "" : " = off").append(";\n");
        text.append(imports(all, name));
        String interfaces = MODULES + name + ".if";
        if (Files.isRegularFile(xenRoot.resolve(interfaces))) {
            text.append('\n').append(header(interfaces)).append(InterfaceTranslator.translate(interfaces,
                    Files.readString(xenRoot.resolve(interfaces))));
        }
        for (String suffix : List.of(".te", ".cons")) {
            String source = MODULES + name + suffix;
            if (Files.isRegularFile(xenRoot.resolve(source))) {
                text.append('\n').append(header(source)).append(StatementTranslator.translate(source,
                        Files.readString(xenRoot.resolve(source)), undefinable));
            }
        }
        if (text.charAt(text.length() - 1) != '\n') {
            text.append('\n');
        }
        return new ImportedFile(String.format("%02d-%s.xsm", index, name), text.toString());
    }

    /** Imports of every module's names but one's own: module files and the files after them use them. */
    private static String imports(Set<String> modules, String own) {
        StringBuilder text = new StringBuilder();
        for (String module : modules) {
            if (!module.equals(own)) {
                text.append("import ").append(module).append(".*;\n");
            }
        }
        return text.toString();
    }

    private static String header(String source) {
        return "# ---- imported from Xen's " + source + " ----\n";
    }
}
