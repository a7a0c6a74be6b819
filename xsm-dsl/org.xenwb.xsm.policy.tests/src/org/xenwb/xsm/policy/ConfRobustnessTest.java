package org.xenwb.xsm.policy;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.xenwb.xsm.policy.XenPolicyBuild.Variant;
import org.xenwb.xsm.policy.binary.PolicyWriter;
import org.xenwb.xsm.policy.compile.ConfParser;
import org.xenwb.xsm.policy.compile.PolicyCompileException;

/**
 * Damaged policy.conf text (lines dropped, duplicated or swapped, characters changed) is either compiled or rejected
 * with a {@link PolicyCompileException} naming a file and line; nothing else escapes.
 */
class ConfRobustnessTest {

    @Test
    void damagedPolicyConfNeverEscapesAsAnotherException() throws IOException {
        String conf = Files.readString(BuiltPolicies.get(Variant.defaults("4.17")).policyConf());
        String[] lines = conf.split("\n", -1);
        Random random = new Random(424242L);
        int rejected = 0;
        for (int i = 0; i < 600; i++) {
            String[] damaged = lines.clone();
            int at = 0;
            for (int d = 0; d < 1 + random.nextInt(3); d++) {
                at = damage(damaged, random);
            }
            String text = String.join("\n", damaged);
            try {
                new PolicyWriter().toBytes(ConfParser.parse(text, "damaged.conf").build(30, false));
            } catch (PolicyCompileException e) {
                rejected++;
                assertTrue(e.getMessage().matches("(?s)[^:]+:\\d+: .+"), e.getMessage());
            } catch (RuntimeException | IOException e) {
                fail("damage at line " + (at + 1) + " escaped as " + e + ": " + damaged[at], e);
            }
        }
        assertTrue(rejected > 50, "damage is detected: " + rejected);
    }

    /** Drops, duplicates, swaps or alters one line; returns its index. */
    private static int damage(String[] lines, Random random) {
        int at = random.nextInt(lines.length);
        switch (random.nextInt(4)) {
            case 0 -> lines[at] = "";
            case 1 -> lines[at] = lines[at] + "\n" + lines[at];
            case 2 -> {
                int other = random.nextInt(lines.length);
                String tmp = lines[at];
                lines[at] = lines[other];
                lines[other] = tmp;
            }
            default -> {
                if (!lines[at].isEmpty()) {
                    char[] chars = lines[at].toCharArray();
                    chars[random.nextInt(chars.length)] = "{};:,-~*!()x0 ".charAt(random.nextInt(14));
                    lines[at] = new String(chars);
                }
            }
        }
        return at;
    }
}
