package org.xenwb.engine.core.xl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sub-command's options as xl's getopt takes them: {@code -x V}, {@code --long=V} or {@code --long V}, and flags;
 * an option the sub-command does not have is refused with xl's message. Values are kept by short name.
 */
final class XlOptions {

    /** The last value of each option. */
    final Map<String, String> values = new HashMap<>();
    /** Every value of each option, in order (xl's sched-rtds takes -v, -p, -b and -e repeatedly). */
    final Map<String, List<String>> lists = new HashMap<>();
    /** The options given without a value. */
    final Set<String> flags = new HashSet<>();

    /**
     * @param a the arguments after the sub-command
     * @param withValue the short names of the options that take a value
     * @param longNames pairs of long and short names: every option the sub-command has
     * @throws XlException for an option the sub-command does not have, or one without its value
     */
    XlOptions(List<String> a, String withValue, String[][] longNames) {
        for (int i = 0; i < a.size(); i++) {
            String s = a.get(i);
            String key = null;
            String val = null;
            if (s.startsWith("--")) {
                String name = s.substring(2);
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    val = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                for (String[] ln : longNames) {
                    if (ln[0].equals(name)) {
                        key = ln[1];
                    }
                }
                if (key == null) {
                    throw new XlException("unrecognized option '" + s + "'");
                }
            } else if (s.startsWith("-") && s.length() == 2) {
                key = s.substring(1);
                String k = key;
                if (Arrays.stream(longNames).noneMatch(ln -> ln[1].equals(k))) {
                    throw new XlException("option `" + k + "' not supported."); // xl's getopt message
                }
            } else {
                throw new XlException("unexpected argument '" + s + "'");
            }
            if (withValue.contains(key)) {
                if (val == null) {
                    if (i + 1 >= a.size()) {
                        throw new XlException("option '" + s + "' requires an argument");
                    }
                    val = a.get(++i);
                }
                values.put(key, val);
                lists.computeIfAbsent(key, k -> new ArrayList<>()).add(val);
            } else {
                flags.add(key);
            }
        }
    }
}
