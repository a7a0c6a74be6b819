package org.xenwb.xsm.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.xenwb.xsm.policy.compile.XenPolicySources;

/**
 * Xen's policy build recipe, run with the real m4 and checkpolicy: m4 over the class and SID definitions, the
 * support macros, the enabled modules' interfaces, the global tunables, the enabled modules, users, constraints,
 * initial SID contexts and device contexts, then {@code checkpolicy -t Xen -c VERSION}. A {@link Variant} switches
 * modules on or off, adds custom modules or device contexts, or defines m4 symbols (e.g. {@code enable_mls}).
 * Nothing is written outside the output folder; the Xen tree is only read.
 */
public final class XenPolicyBuild {

    /**
     * A policy to build.
     *
     * @param name a short name, used as folder name
     * @param xenVersion {@code 4.17} or {@code 4.22}
     * @param modules modules switched on ({@code true}) or off ({@code false}) over modules.conf
     * @param customModules extra modules: name to {@code .te} text, enabled after Xen's own
     * @param customConstraints constraints of the extra modules: name to {@code .cons} text
     * @param replacements texts replacing files of {@code tools/flask/policy}, by relative path (e.g.
     *        {@code policy/device_contexts})
     * @param defines extra m4 definitions ({@code NAME} or {@code NAME=VALUE})
     * @param version the policy version given to checkpolicy
     */
    public record Variant(String name, String xenVersion, Map<String, Boolean> modules,
            Map<String, String> customModules, Map<String, String> customConstraints, Map<String, String> replacements,
            List<String> defines, int version) {

        /**
         * Xen's default policy.
         *
         * @param xenVersion {@code 4.17} or {@code 4.22}
         * @return the variant
         */
        public static Variant defaults(String xenVersion) {
            return new Variant("default-" + xenVersion, xenVersion, Map.of(), Map.of(), Map.of(), Map.of(),
                    List.of(), 30);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * The outputs of a build.
     *
     * @param policyConf the m4 output
     * @param binary checkpolicy's binary policy
     */
    public record Output(Path policyConf, Path binary) {
    }

    private XenPolicyBuild() {
    }

    /**
     * Builds a variant under {@code outDir/NAME}.
     *
     * @param xenRoot the Xen tree ({@code tools/flask/policy}, {@code xen/xsm/flask/policy})
     * @param v the variant
     * @param outDir the parent output folder
     * @return the outputs
     * @throws IOException if m4 or checkpolicy fails
     */
    public static Output build(Path xenRoot, Variant v, Path outDir) throws IOException {
        Path dir = outDir.resolve(v.name());
        Files.createDirectories(dir);
        Path policy = xenRoot.resolve("tools/flask/policy");
        Path flask = xenRoot.resolve("xen/xsm/flask/policy");
        Map<String, Path> modules = new LinkedHashMap<>();
        for (Map.Entry<String, Boolean> m : XenPolicySources.moduleStates(policy.resolve("modules/modules.conf")).entrySet()) {
            boolean on = v.modules().getOrDefault(m.getKey(), m.getValue());
            if (on) {
                modules.put(m.getKey(), policy.resolve("modules"));
            }
        }
        Path custom = dir.resolve("custom-modules");
        Files.createDirectories(custom);
        for (Map.Entry<String, String> m : v.customModules().entrySet()) {
            Files.writeString(custom.resolve(m.getKey() + ".te"), m.getValue());
            modules.put(m.getKey(), custom);
        }
        for (Map.Entry<String, String> m : v.customConstraints().entrySet()) {
            Files.writeString(custom.resolve(m.getKey() + ".cons"), m.getValue());
        }
        Map<String, Path> replaced = new LinkedHashMap<>();
        for (Map.Entry<String, String> r : v.replacements().entrySet()) {
            Path file = dir.resolve("replaced").resolve(r.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, r.getValue());
            replaced.put(policy.resolve(r.getKey()).toString(), file);
        }
        List<String> files = new ArrayList<>();
        XenPolicySources.m4Inputs(xenRoot, modules).forEach(file -> files.add(file.toString()));
        files.replaceAll(f -> replaced.containsKey(f) ? replaced.get(f).toString() : f);
        List<String> m4 = new ArrayList<>(List.of("m4"));
        m4.addAll(XenPolicySources.M4_OPTIONS);
        for (String d : v.defines()) {
            m4.add("-D");
            m4.add(d);
        }
        m4.addAll(files);
        ReferenceTools.Result conf = ReferenceTools.run(m4);
        if (conf.exitCode() != 0) {
            throw new IOException("m4 failed for " + v.name() + ": " + conf.stderr());
        }
        Path policyConf = dir.resolve("policy.conf");
        Files.writeString(policyConf, conf.stdout());
        Path binary = dir.resolve("xenpolicy");
        List<String> checkpolicy = new ArrayList<>(List.of("checkpolicy", "-t", "Xen", "-c",
                Integer.toString(v.version()), policyConf.toString(), "-o", binary.toString()));
        if (v.defines().contains("enable_mls")) {
            checkpolicy.add(1, "-M");
        }
        ReferenceTools.Result cp = ReferenceTools.run(checkpolicy);
        if (cp.exitCode() != 0) {
            throw new IOException("checkpolicy failed for " + v.name() + ": " + cp.stdout() + cp.stderr());
        }
        return new Output(policyConf, binary);
    }
}
