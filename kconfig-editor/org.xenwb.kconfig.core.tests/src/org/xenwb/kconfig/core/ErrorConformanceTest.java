package org.xenwb.kconfig.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Broken trees ({@code resources/errors/*.Kconfig}): our engine must fail (or succeed) exactly like the C
 * {@code conf}, with the same {@code file:line: message} diagnostics in the same order.
 */
@Tag("conformance")
class ErrorConformanceTest {

    static Path errorsDir() {
        Path here = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p : List.of(here.resolve("kconfig-editor/org.xenwb.kconfig.core.tests/resources/errors"),
                here.resolve("resources/errors"))) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    static Stream<String> cases() throws IOException {
        Path dir = errorsDir();
        if (dir == null) {
            return Stream.of("(resources/errors not found)");
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".Kconfig")).sorted().toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failsLikeConf(String name) throws Exception {
        SharedData.requireConf();
        Path dir = errorsDir();
        Assumptions.assumeTrue(dir != null, "resources/errors not found from " + System.getProperty("user.dir"));
        Path work = SharedData.targetDir().resolve("conformance/errors/" + name);
        ConfRunner.deleteTree(work);
        Path ref = work.resolve("ref");
        Path ours = work.resolve("ours");
        for (Path t : List.of(ref, ours)) {
            Files.createDirectories(t);
            Files.copy(dir.resolve(name), t.resolve(name));
        }
        var env = ConfRunner.baseEnvironment();
        ConfRunner.Result r = ConfRunner.runReference(ref, env, List.of("--alldefconfig", name), null);
        ConfRunner.Result o = ConfRunner.runOurs(ours, env, ConfMode.Mode.ALLDEFCONFIG, null, name, null);
        assertEquals(Files.readString(ref.resolve("conf.stderr"), StandardCharsets.ISO_8859_1),
                Files.readString(ours.resolve("ours.stderr"), StandardCharsets.ISO_8859_1), "diagnostics");
        ConfRunner.assertSame(ref, r, ours, o, List.of());
    }
}
