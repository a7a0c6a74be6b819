package org.xenwb.kconfig.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs the reference {@code conf} and our engine on the same case and compares every output file character for
 * character, plus standard output and the exit status.
 */
final class ConfRunner {
    /** Files conf may write, relative to its working directory. */
    static final List<String> OUTPUTS = List.of(".config", ".config.old", "include/config/auto.conf",
            "include/config/auto.conf.cmd", "include/generated/autoconf.h", "include/generated/rustc_cfg");

    private ConfRunner() {
    }

    /** One run: the working directory of each tool and the exit status and stdout they gave. */
    record Result(int status, String stdout) {
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path d = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(d);
                } else {
                    Files.copy(p, d);
                }
            }
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            List<Path> all = new ArrayList<>(s.toList());
            java.util.Collections.reverse(all);
            for (Path q : all) {
                Files.delete(q);
            }
        }
    }

    static Result runReference(Path dir, Map<String, String> env, List<String> args, String stdin)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(SharedData.CONF.toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectError(dir.resolve("conf.stderr").toFile());
        if (stdin == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process p = pb.start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.ISO_8859_1));
        }
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        int status = p.waitFor();
        return new Result(status, new String(out, StandardCharsets.ISO_8859_1));
    }

    /** Our engine, in-process, with conf's command-line semantics. */
    static Result runOurs(Path dir, Map<String, String> env, ConfMode.Mode mode, String file, String kconfig,
            String stdin) throws IOException {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        int seed = 0;
        if (mode == ConfMode.Mode.RANDCONFIG) {
            seed = ConfMode.randomSeed(env);
            out.append(ConfMode.seedLine(seed)).append('\n');
        }
        int status;
        try {
            Kconfig kc = Kconfig.load(kconfig, new Kconfig.Options(dir, env, ShellPolicy.ALLOW_ALL,
                    s -> out.append(s).append('\n'), s -> err.append(s).append('\n')));
            BufferedReader in = new BufferedReader(new StringReader(stdin == null ? "" : stdin));
            status = new ConfMode(kc, in, out::append).run(mode, file, false, seed);
        } catch (KconfigException e) {
            err.append(e.getMessage()).append('\n');
            status = 1;
        }
        Files.writeString(dir.resolve("ours.stderr"), err, StandardCharsets.ISO_8859_1);
        return new Result(status, out.toString());
    }

    static String optionOf(ConfMode.Mode mode, String file) {
        return "--" + mode.optionName() + (file != null ? "=" + file : "");
    }

    /** Compares two result trees. */
    static void assertSame(Path ref, Result refResult, Path ours, Result ourResult, List<String> extraFiles)
            throws IOException {
        assertEquals(refResult.status(), ourResult.status(), "exit status");
        List<String> names = new ArrayList<>(OUTPUTS);
        names.addAll(extraFiles);
        for (String name : names) {
            Path a = ref.resolve(name);
            Path b = ours.resolve(name);
            if (!Files.exists(a) && !Files.exists(b)) {
                continue;
            }
            if (!Files.exists(a) || !Files.exists(b)) {
                fail(name + ": written by " + (Files.exists(a) ? "conf only" : "our engine only"));
            }
            byte[] x = Files.readAllBytes(a);
            byte[] y = Files.readAllBytes(b);
            if (!Arrays.equals(x, y)) {
                fail(name + " differs: " + firstDifference(new String(x, StandardCharsets.ISO_8859_1),
                        new String(y, StandardCharsets.ISO_8859_1)));
            }
        }
        if (Files.isDirectory(ref.resolve("include/config")) || Files.isDirectory(ours.resolve("include/config"))) {
            assertEquals(listDir(ref.resolve("include/config")), listDir(ours.resolve("include/config")),
                    "dependency files touched in include/config");
        }
        if (!refResult.stdout().equals(ourResult.stdout())) {
            fail("standard output differs: " + firstDifference(refResult.stdout(), ourResult.stdout()));
        }
    }

    private static List<String> listDir(Path d) throws IOException {
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static String firstDifference(String a, String b) {
        String[] x = a.split("\n", -1);
        String[] y = b.split("\n", -1);
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String l = i < x.length ? x[i] : "<end>";
            String r = i < y.length ? y[i] : "<end>";
            if (!l.equals(r)) {
                return "line " + (i + 1) + ": conf has [" + l + "], ours has [" + r + "]";
            }
        }
        return "(same lines, different bytes)";
    }

    static Map<String, String> baseEnvironment() {
        Map<String, String> env = new HashMap<>();
        for (String k : List.of("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR")) {
            String v = System.getenv(k);
            if (v != null) {
                env.put(k, v);
            }
        }
        return env;
    }
}
