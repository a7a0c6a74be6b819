package org.xenwb.xsm.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xenwb.xsm.policy.XenPolicyBuild.Output;
import org.xenwb.xsm.policy.XenPolicyBuild.Variant;
import org.xenwb.xsm.policy.binary.PolicyReader;
import org.xenwb.xsm.policy.text.ConfWriter;

/**
 * Our decompiler against {@code checkpolicy -t Xen -b FILE -F}: the same lines, sorted, for every variant.
 *
 * <p>Known differences, each handled explicitly: checkpolicy names initial SIDs with a table shifted by one (we
 * compare with {@link XenInitialSids#CHECKPOLICY_3_4}); for versions before 29 it prints {@code NO_IDENTIFIER} where
 * a constraint names types (we print the types the binary stores); it labels a {@code validatetrans} that uses
 * {@code u3}/{@code r3}/{@code t3} as {@code mlsvalidatetrans} even without MLS (checkpolicy itself then rejects its
 * output; we print {@code validatetrans}).</p>
 */
class DecompileConformanceTest {

    static List<Variant> variants() {
        return Variants.all();
    }

    private static final Pattern MLS_OPERAND = Pattern.compile("\\b[lh][12] ");

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void sortedLinesMatchCheckpolicy(Variant v) throws IOException {
        Output built = BuiltPolicies.get(v);
        Policy policy = new PolicyReader().read(built.binary());
        Path dir = ReferenceTools.targetDir("decompile/" + v.name());
        Path refFile = dir.resolve("checkpolicy.conf");
        List<String> cmd = new ArrayList<>(List.of("checkpolicy", "-t", "Xen", "-b", built.binary().toString(),
                "-F", "-o", refFile.toString()));
        if (policy.mls()) {
            cmd.add(1, "-M");
        }
        ReferenceTools.Result r = ReferenceTools.run(cmd);
        assertEquals(0, r.exitCode(), () -> "checkpolicy -b -F failed: " + r.stderr());
        List<String> reference = new ArrayList<>();
        for (String line : Files.readAllLines(refFile)) {
            if (!policy.mls() && line.startsWith("mlsvalidatetrans ") && !MLS_OPERAND.matcher(line).find()) {
                line = line.substring(3);
            }
            reference.add(line);
        }
        List<String> ours = new ConfWriter(XenInitialSids.CHECKPOLICY_3_4, ConfWriter.Order.SORTED).lines(policy);
        Files.write(dir.resolve("ours.conf"), ours);
        List<String> unmatchedRef = new ArrayList<>(reference);
        List<String> unmatchedOurs = new ArrayList<>(ours);
        removeCommon(unmatchedRef, unmatchedOurs);
        if (policy.version() < 29) {
            matchNoIdentifier(unmatchedRef, unmatchedOurs);
        }
        assertTrue(unmatchedRef.isEmpty() && unmatchedOurs.isEmpty(),
                () -> "only checkpolicy: " + unmatchedRef + "\nonly ours: " + unmatchedOurs);
        assertEquals(reference.size(), ours.size(), "line count");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void initialSidNamesAndContextsMatchTheSource(Variant v) throws IOException {
        Output built = BuiltPolicies.get(v);
        Policy policy = new PolicyReader().read(built.binary());
        Map<String, String> source = new HashMap<>();
        Pattern sidContext = Pattern.compile("^sid (\\S+) (\\S+(?: - \\S+)?)$");
        for (String line : Files.readAllLines(built.policyConf())) {
            var m = sidContext.matcher(line.strip());
            if (m.matches()) {
                source.put(m.group(1), m.group(2));
            }
        }
        int checked = 0;
        for (String line : new ConfWriter().lines(policy)) {
            var m = sidContext.matcher(line);
            if (m.matches()) {
                String ctx = m.group(2).replaceAll(":(\\S+) - \\1$", ":$1");
                assertEquals(source.get(m.group(1)), ctx, "context of initial SID " + m.group(1));
                checked++;
            }
        }
        assertEquals(source.size(), checked, "initial SID contexts");
        assertEquals(13, checked);
    }

    /** Removes from each list the lines the other has (as multisets). */
    static void removeCommon(List<String> a, List<String> b) {
        List<String> onlyA = minus(a, b);
        List<String> onlyB = minus(b, a);
        a.clear();
        a.addAll(onlyA);
        b.clear();
        b.addAll(onlyB);
    }

    private static List<String> minus(List<String> a, List<String> b) {
        Map<String, Integer> counts = new HashMap<>();
        b.forEach(l -> counts.merge(l, 1, Integer::sum));
        List<String> kept = new ArrayList<>();
        for (String l : a) {
            if (counts.getOrDefault(l, 0) > 0) {
                counts.merge(l, -1, Integer::sum);
            } else {
                kept.add(l);
            }
        }
        return kept;
    }

    private static void matchNoIdentifier(List<String> reference, List<String> ours) {
        for (Iterator<String> it = reference.iterator(); it.hasNext(); ) {
            String ref = it.next();
            if (!ref.contains("NO_IDENTIFIER")) {
                continue;
            }
            StringBuilder regex = new StringBuilder();
            String[] parts = ref.split("NO_IDENTIFIER", -1);
            for (int i = 0; i < parts.length; i++) {
                regex.append(Pattern.quote(parts[i]));
                if (i < parts.length - 1) {
                    regex.append("(\\{ [^}]+ \\}|[^ ()]+)");
                }
            }
            Pattern p = Pattern.compile(regex.toString());
            for (Iterator<String> o = ours.iterator(); o.hasNext(); ) {
                if (p.matcher(o.next()).matches()) {
                    o.remove();
                    it.remove();
                    break;
                }
            }
        }
    }
}
