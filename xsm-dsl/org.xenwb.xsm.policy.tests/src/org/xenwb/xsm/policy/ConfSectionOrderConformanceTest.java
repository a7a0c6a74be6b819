package org.xenwb.xsm.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xenwb.xsm.policy.XenPolicyBuild.Variant;
import org.xenwb.xsm.policy.binary.PolicyWriter;
import org.xenwb.xsm.policy.compile.ConfParser;
import org.xenwb.xsm.policy.compile.PolicyCompileException;

/**
 * The order of policy.conf sections, against checkpolicy 3.4: Xen 4.17's default policy.conf with statements added,
 * moved or removed (a rule after the device contexts, a type after the constraints, an empty file...) is accepted
 * by {@link ConfParser} exactly when checkpolicy accepts it, and rejected as a syntax error at a file:line (an added
 * statement at its own) naming the token checkpolicy names. Skips where m4, checkpolicy or the shared data are
 * absent.
 */
class ConfSectionOrderConformanceTest {

    private static final Pattern CHECKPOLICY_AT = Pattern.compile("ERROR 'syntax error' at token '(.*)'");
    private static final String ADDED = "#line 3 \"added.te\"\n";

    /** A change of the real policy.conf. */
    record Edit(String name, UnaryOperator<String> change) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Edit> edits() {
        return List.of(
            new Edit("allow rule after the device contexts", c -> c + "allow dom0_t xen_t:xen settime;\n"),
            new Edit("empty file", c -> ""),
            new Edit("only a comment", c -> "# nothing here\n"),
            new Edit("stray ';' after the device contexts", c -> c + ";\n"),
            new Edit("type after the constraints", c -> insertBefore(c, "policy/initial_sids", "type extra_t;")),
            new Edit("constraint after the SID contexts",
                    c -> insertBefore(c, "policy/device_contexts", "constrain domain create (u1 == u2);")),
            new Edit("class declaration after the initial SIDs",
                    c -> insertBefore(c, "access_vectors", "class extra_class")),
            new Edit("initial SID after the access vectors",
                    c -> insertBefore(c, "policy/mls", "sid extra_sid")),
            new Edit("no users", c -> cut(c, "policy/users", ".cons")),
            new Edit("no device contexts (accepted)", c -> c.substring(0, marker(c, "policy/device_contexts"))),
            new Edit("only classes", c -> c.substring(0, marker(c, "initial_sids"))),
            new Edit("unchanged (accepted)", c -> c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edits")
    void acceptedExactlyWhenCheckpolicyAcceptsIt(Edit edit) throws IOException {
        String conf = edit.change().apply(Files.readString(BuiltPolicies.get(Variant.defaults("4.17")).policyConf()));
        Path dir = ReferenceTools.targetDir("section-order");
        Path file = dir.resolve(edit.name().replaceAll("[^a-z]+", "-") + ".conf");
        Files.writeString(file, conf);
        ReferenceTools.Result r = ReferenceTools.run(List.of("checkpolicy", "-t", "Xen", "-c", "30",
                file.toString(), "-o", dir.resolve("xenpolicy").toString()));
        String checkpolicy = (r.stdout() + r.stderr()).strip();
        String ours;
        try {
            new PolicyWriter().toBytes(ConfParser.parse(conf, file.toString()).build(30, false));
            ours = null;
        } catch (PolicyCompileException e) {
            ours = e.getMessage();
        }
        assertEquals(r.exitCode() == 0, ours == null, "checkpolicy: " + checkpolicy + "\nours: " + ours);
        if (ours == null) {
            return;
        }
        assertTrue(ours.matches("(?s)[^:]+:\\d+: syntax error.*"), ours);
        if (conf.contains(ADDED)) {
            assertTrue(ours.startsWith("added.te:3: "), "at the added statement: " + ours);
        }
        // checkpolicy's line numbers after #line markers are off (one too far, or the previous file's): compare the
        // token it stopped at, not its location
        Matcher m = CHECKPOLICY_AT.matcher(checkpolicy);
        if (m.find() && !m.group(1).isEmpty()) {
            assertTrue(ours.contains(": syntax error at '" + m.group(1) + "'"),
                    "checkpolicy: " + checkpolicy + "\nours: " + ours);
        }
    }

    /** @return the index of the {@code #line} marker of the first file whose path ends with {@code suffix} */
    private static int marker(String conf, String suffix) {
        int at = conf.indexOf(suffix + "\"\n");
        assertTrue(at > 0, "policy.conf has " + suffix);
        return conf.lastIndexOf("#line", at);
    }

    private static String insertBefore(String conf, String suffix, String statement) {
        int at = marker(conf, suffix);
        return conf.substring(0, at) + ADDED + statement + "\n" + conf.substring(at);
    }

    /** Removes the text from the marker of {@code suffix} to the next marker of a file ending with {@code next}. */
    private static String cut(String conf, String suffix, String next) {
        int from = marker(conf, suffix);
        int to = conf.lastIndexOf("#line", conf.indexOf(next + "\"\n", from));
        return conf.substring(0, from) + conf.substring(to);
    }
}
