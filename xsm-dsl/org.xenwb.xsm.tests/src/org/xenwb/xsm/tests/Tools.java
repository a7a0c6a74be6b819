package org.xenwb.xsm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.xenwb.xsm.policy.compile.XenPolicySources;

/** The reference tools (m4, checkpolicy, sesearch, seinfo) as the import tests run them; skips when one is missing. */
final class Tools {

    private Tools() {
    }

    /** Runs a tool that must succeed; returns its standard output and error. */
    static String run(List<String> command) throws IOException, InterruptedException {
        Path tool = Path.of("/usr/bin", command.get(0));
        Assumptions.assumeTrue(Files.isExecutable(tool), tool + " not installed: skipped");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + " failed:\n" + output);
        return output;
    }

    /** Xen's m4 recipe over the given modules of a tree: the reference policy.conf. */
    static Path m4(Path xenTree, Map<String, Path> modules, Path out) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("m4"));
        command.addAll(XenPolicySources.M4_OPTIONS);
        XenPolicySources.m4Inputs(xenTree, modules).forEach(file -> command.add(file.toString()));
        Files.writeString(out, run(command));
        return out;
    }

    /** {@code checkpolicy -t Xen -c 30}: the binary of a policy.conf, written next to it. */
    static Path checkpolicy(Path policyConf, String name) throws IOException, InterruptedException {
        Path out = policyConf.resolveSibling(name);
        run(List.of("checkpolicy", "-t", "Xen", "-c", "30", "-o", out.toString(), policyConf.toString()));
        return out;
    }

    /** {@code checkpolicy -t Xen -c 30} on a policy.conf it may reject; returns what it printed. */
    static String checkpolicyReport(Path policyConf) throws IOException, InterruptedException {
        Path tool = Path.of("/usr/bin/checkpolicy");
        Assumptions.assumeTrue(Files.isExecutable(tool), tool + " not installed: skipped");
        Process process = new ProcessBuilder(tool.toString(), "-t", "Xen", "-c", "30", "-o",
                policyConf.resolveSibling("rejected.bin").toString(), policyConf.toString())
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out;
    }

    /**
     * The listings the conformance compares: sesearch -A, sesearch -T and seinfo -x, each sorted, without seinfo's
     * line naming the file.
     */
    static String setoolsListings(Path binary) throws IOException, InterruptedException {
        StringBuilder all = new StringBuilder();
        for (List<String> command : List.of(List.of("sesearch", "-A", binary.toString()),
                List.of("sesearch", "-T", binary.toString()), List.of("seinfo", "-x", binary.toString()))) {
            all.append("== ").append(command.get(0)).append(' ').append(command.get(1)).append('\n');
            run(command).lines().map(String::strip).filter(line -> !line.startsWith("Statistics for policy file:"))
                    .sorted().forEach(line -> all.append(line).append('\n'));
        }
        return all.toString();
    }
}
