package org.xenwb.trace.core.state;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Test access to {@link XenalyzeRunstates} from other test packages. */
public final class XenalyzeRunstatesAccess {

    private XenalyzeRunstatesAccess() {
    }

    /**
     * @param report a saved xenalyze summary
     * @return "dDvV line" to {count, average cycles}
     * @throws IOException on a read error
     */
    public static Map<String, long[]> countsAndAverages(Path report) throws IOException {
        Map<String, long[]> out = new TreeMap<>();
        XenalyzeRunstates.parse(report).forEach((k, e) -> out.put(k, new long[] {e.count(), e.avg()}));
        return out;
    }
}
