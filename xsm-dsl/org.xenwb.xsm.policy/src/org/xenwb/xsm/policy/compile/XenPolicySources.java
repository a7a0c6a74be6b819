package org.xenwb.xsm.policy.compile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The layout of Xen's FLASK policy sources and the m4 step of Xen's policy build: which files, in which order,
 * with which m4 options (tools/flask/policy/Makefile.common). A Xen tree here is a folder holding
 * {@code tools/flask/policy} and {@code xen/xsm/flask/policy}, as a Xen source tree does.
 *
 * <p>Stateless; the methods only read the tree (and {@link #expand} runs {@code m4}).</p>
 */
public final class XenPolicySources {

    /** The m4 options Xen's build passes before the input files. */
    public static final List<String> M4_OPTIONS = List.of("-D", "self_contained_policy", "-s", "-D",
            "mls_num_sens=16", "-D", "mls_num_cats=256");

    private XenPolicySources() {
    }

    /**
     * Reads modules.conf: {@code name = on|off} lines in order; comments and blank lines are skipped.
     *
     * @param modulesConf the file
     * @return module name to whether it is on, in file order
     * @throws IOException if it cannot be read
     */
    public static Map<String, Boolean> moduleStates(Path modulesConf) throws IOException {
        Map<String, Boolean> states = new LinkedHashMap<>();
        for (String line : Files.readAllLines(modulesConf)) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#") || !text.contains("=")) {
                continue;
            }
            String[] parts = text.split("=", 2);
            states.put(parts[0].strip(), parts[1].strip().equals("on"));
        }
        return states;
    }

    /**
     * The modules of the tree's modules.conf that are on, each with the folder of its files.
     *
     * @param xenTree the Xen tree
     * @return module name to folder, in modules.conf order
     * @throws IOException if modules.conf cannot be read
     */
    public static Map<String, Path> enabledModules(Path xenTree) throws IOException {
        Path folder = xenTree.resolve("tools/flask/policy/modules");
        Map<String, Path> enabled = new LinkedHashMap<>();
        moduleStates(folder.resolve("modules.conf")).forEach((name, on) -> {
            if (on) {
                enabled.put(name, folder);
            }
        });
        return enabled;
    }

    /**
     * The m4 input files in the order Xen's build gives them: classes, initial SIDs, access vectors, support
     * macros, MLS, the modules' interfaces, global tunables, the modules, users, the modules' constraints, initial
     * SID contexts and device contexts. Files a tree does not have (for example policy/security_classes in older
     * trees, or a module without .cons) are left out.
     *
     * @param xenTree the Xen tree
     * @param modules the modules to build, name to the folder of its .if/.te/.cons, in order
     * @return the input files
     * @throws IOException if the support folder cannot be listed
     */
    public static List<Path> m4Inputs(Path xenTree, Map<String, Path> modules) throws IOException {
        Path flask = xenTree.resolve("xen/xsm/flask/policy");
        Path policy = xenTree.resolve("tools/flask/policy/policy");
        List<Path> files = new ArrayList<>();
        addIfPresent(files, flask.resolve("security_classes"));
        addIfPresent(files, policy.resolve("security_classes"));
        addIfPresent(files, flask.resolve("initial_sids"));
        addIfPresent(files, flask.resolve("access_vectors"));
        addIfPresent(files, policy.resolve("access_vectors"));
        try (Stream<Path> support = Files.list(policy.resolve("support"))) {
            support.filter(file -> file.toString().endsWith(".spt")).sorted().forEach(files::add);
        }
        addIfPresent(files, policy.resolve("mls"));
        modules.forEach((name, folder) -> addIfPresent(files, folder.resolve(name + ".if")));
        addIfPresent(files, policy.resolve("global_tunables"));
        modules.forEach((name, folder) -> addIfPresent(files, folder.resolve(name + ".te")));
        addIfPresent(files, policy.resolve("users"));
        modules.forEach((name, folder) -> addIfPresent(files, folder.resolve(name + ".cons")));
        addIfPresent(files, policy.resolve("initial_sids"));
        addIfPresent(files, policy.resolve("device_contexts"));
        return files;
    }

    /**
     * Runs m4 over the tree's default policy (the modules modules.conf switches on) as Xen's build does.
     *
     * @param xenTree the Xen tree
     * @return the policy.conf text
     * @throws IOException if the tree cannot be read, m4 is missing, or m4 fails (with its message)
     */
    public static String expand(Path xenTree) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("m4");
        command.addAll(M4_OPTIONS);
        m4Inputs(xenTree, enabledModules(xenTree)).forEach(file -> command.add(file.toString()));
        Process m4 = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
        String text = new String(m4.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errors = new String(m4.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (m4.waitFor() != 0) {
                throw new IOException("m4 failed on the policy of " + xenTree + ": " + errors.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while m4 expanded the policy of " + xenTree, e);
        }
        return text;
    }

    private static void addIfPresent(List<Path> files, Path file) {
        if (Files.isRegularFile(file)) {
            files.add(file);
        }
    }
}
