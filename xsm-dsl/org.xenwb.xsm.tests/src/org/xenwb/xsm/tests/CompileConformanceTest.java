package org.xenwb.xsm.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xenwb.xsm.compile.PolicySourceException;
import org.xenwb.xsm.compile.XsmCompiler;

/**
 * Compiling the language gives what checkpolicy gives: Xen's real policy compiled from its m4-expanded
 * policy.conf is byte-identical to {@code checkpolicy -t Xen -c 30}'s binary, and a module written with macros
 * expands to a policy.conf that checkpolicy accepts and compiles to the same bytes as ours.
 */
class CompileConformanceTest {

    private static final Path CHECKPOLICY = Path.of("/usr/bin/checkpolicy");

    private static final String GUEST_MODULE = """
            module guests;
            # create_guest(creator, guest): the creator may create, pause and unpause the guest.
            macro create_guest(creator, guest) {
                type guest, domain_type;
                role system_r types guest;
                allow creator guest:domain { create pause unpause };
            }
            create_guest(dom0_t, test_guest_t)
            create_guest(dom0_t, other_guest_t);
            """;

    private static XsmCompiler compiler() {
        return PolicyParser.injector().getInstance(XsmCompiler.class);
    }

    private static Path workDir(String name) throws IOException {
        return Files.createDirectories(Path.of("target", "xsm-compile", name).toAbsolutePath());
    }

    private static byte[] checkpolicy(Path policyConf) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(CHECKPOLICY), "checkpolicy not installed: skipped");
        Path out = policyConf.resolveSibling("xenpolicy.checkpolicy");
        Process process = new ProcessBuilder(CHECKPOLICY.toString(), "-t", "Xen", "-c", "30", "-o", out.toString(),
                policyConf.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "checkpolicy rejected " + policyConf + ":\n" + output);
        return Files.readAllBytes(out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4.17", "4.22"})
    void xensDefaultPolicyCompilesToCheckpolicysBytes(String version) throws Exception {
        Path dir = workDir("xen-" + version);
        Path source = dir.resolve("policy.conf");
        Files.writeString(source, XenPolicy.expand(SharedData.xen(version)));

        XsmCompiler.Result result = compiler().compile(List.of(source), XsmCompiler.XEN_POLICY_VERSION);

        assertArrayEquals(checkpolicy(source), result.binary());
    }

    @Test
    void macrosExpandToWhatCheckpolicyCompilesTheSame() throws Exception {
        Path dir = workDir("guest-module");
        Path xen = dir.resolve("xen.conf");
        Files.writeString(xen, XenPolicy.expand(SharedData.xen("4.17")));
        Path module = dir.resolve("guests.xsm");
        Files.writeString(module, GUEST_MODULE);

        // The module is given first: it uses Xen's declarations, so the compiler must place it after them.
        XsmCompiler.Result result = compiler().compile(List.of(module, xen), XsmCompiler.XEN_POLICY_VERSION);

        String conf = result.policyConf();
        assertTrue(conf.contains("allow dom0_t test_guest_t:domain { create pause unpause };"), "expanded rule");
        assertTrue(conf.contains("type other_guest_t, domain_type;"), "expanded declaration");
        assertTrue(!conf.contains("macro") && !conf.contains("create_guest"), "no macro text left");
        Path generated = dir.resolve("policy.conf");
        Files.writeString(generated, conf);
        assertArrayEquals(checkpolicy(generated), result.binary());
    }

    @Test
    void wrongArgumentCountNamesTheCall() throws Exception {
        Path dir = workDir("arity");
        Path xen = dir.resolve("xen.conf");
        Files.writeString(xen, XenPolicy.expand(SharedData.xen("4.17")));
        Path module = dir.resolve("guests.xsm");
        Files.writeString(module, GUEST_MODULE.replace("create_guest(dom0_t, test_guest_t)",
                "create_guest(dom0_t)"));

        PolicySourceException error = assertThrows(PolicySourceException.class,
                () -> compiler().compile(List.of(xen, module), XsmCompiler.XEN_POLICY_VERSION));
        assertEquals("guests.xsm:8: error: macro create_guest takes 2 arguments, given 1", error.getMessage());
    }
}
