package org.xenwb.xsm.policy;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

/** Compares two line lists as multisets and reports only the differing lines. */
final class LineAssert {

    private LineAssert() {
    }

    static void assertSameLines(List<String> expected, List<String> actual, String what) {
        List<String> onlyExpected = new ArrayList<>(expected);
        List<String> onlyActual = new ArrayList<>(actual);
        DecompileConformanceTest.removeCommon(onlyExpected, onlyActual);
        if (!onlyExpected.isEmpty() || !onlyActual.isEmpty()) {
            fail(what + ": " + onlyExpected.size() + " lines only in the reference, " + onlyActual.size()
                    + " only in ours\nreference only:\n  " + String.join("\n  ", head(onlyExpected))
                    + "\nours only:\n  " + String.join("\n  ", head(onlyActual)));
        }
    }

    private static List<String> head(List<String> lines) {
        return lines.size() <= 20 ? lines : lines.subList(0, 20);
    }
}
