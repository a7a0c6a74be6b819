package org.xenwb.xsm.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * Makes Xen's m4-expanded {@code policy.conf} the way Xen's build does (the file order of
 * tools/flask/policy/Makefile.common, as ../shared/data/README.md describes it), with every module of modules.conf
 * that is on. Needs {@code m4}; skips without it.
 */
final class XenPolicyConf {

    private XenPolicyConf() {
    }

    static String build(Path xenTree) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/m4")), "m4 not installed: skipped");
        Path xsm = xenTree.resolve("xen/xsm/flask/policy");
        Path policy = xenTree.resolve("tools/flask/policy/policy");
        Path modules = xenTree.resolve("tools/flask/policy/modules");
        List<String> enabled = new ArrayList<>();
        for (String line : Files.readAllLines(modules.resolve("modules.conf"))) {
            String[] words = line.replaceAll("#.*", "").trim().split("\\s*=\\s*");
            if (words.length == 2 && words[1].equals("on")) {
                enabled.add(words[0]);
            }
        }
        List<Path> inputs = new ArrayList<>();
        inputs.add(xsm.resolve("security_classes"));
        addIfPresent(inputs, policy.resolve("security_classes"));
        inputs.add(xsm.resolve("initial_sids"));
        inputs.add(xsm.resolve("access_vectors"));
        addIfPresent(inputs, policy.resolve("access_vectors"));
        try (Stream<Path> support = Files.list(policy.resolve("support"))) {
            support.filter(p -> p.toString().endsWith(".spt")).sorted().forEach(inputs::add);
        }
        inputs.add(policy.resolve("mls"));
        for (String module : enabled) {
            addIfPresent(inputs, modules.resolve(module + ".if"));
        }
        inputs.add(policy.resolve("global_tunables"));
        for (String module : enabled) {
            addIfPresent(inputs, modules.resolve(module + ".te"));
        }
        inputs.add(policy.resolve("users"));
        for (String module : enabled) {
            addIfPresent(inputs, modules.resolve(module + ".cons"));
        }
        inputs.add(policy.resolve("initial_sids"));
        inputs.add(policy.resolve("device_contexts"));

        List<String> command = new ArrayList<>(List.of("m4", "-D", "self_contained_policy", "-s",
                "-D", "mls_num_sens=16", "-D", "mls_num_cats=256"));
        inputs.forEach(p -> command.add(p.toString()));
        Process m4 = new ProcessBuilder(command).redirectErrorStream(false).start();
        String text = new String(m4.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errors = new String(m4.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (m4.waitFor() != 0) {
            throw new IOException("m4 failed: " + errors);
        }
        return text;
    }

    private static void addIfPresent(List<Path> inputs, Path file) {
        if (Files.isRegularFile(file)) {
            inputs.add(file);
        }
    }
}
