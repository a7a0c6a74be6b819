package org.xenwb.xsm.policy.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Xen's FLASK access-vector-cache messages, as {@code xl dmesg} shows them (with or without the
 * {@code (XEN)} prefix and a timestamp) or as the engine prints them:
 * {@code avc:  denied  { PERM... } for domid=N [device=0xHEX ]scontext=U:R:T[:MLS] tcontext=U:R:T[:MLS] tclass=C}.
 * This is the format of Xen's {@code xen/xsm/flask/avc.c} ({@code avc_audit}, {@code avc_dump_av},
 * {@code avc_dump_query}). Lines without {@code avc:} are ignored; {@code granted} lines (auditallow) are counted
 * but not returned. Stateless.
 */
public final class AvcDenials {

    private static final Pattern AVC = Pattern.compile(
            "avc:\\s+(denied|granted)\\s+(?:\\{([^}]*)\\}|null)\\s+for\\s+(.*)$");
    private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S+)");

    /**
     * One denial.
     *
     * @param line the 1-based line of the message
     * @param permissions the denied permissions as printed (an unknown bit is printed {@code 0x...})
     * @param domid the domain that made the request, or -1 when not printed
     * @param source the source type (third field of scontext)
     * @param target the target type (third field of tcontext)
     * @param tclass the class
     * @param text the message from {@code avc:} on
     */
    public record Denial(int line, List<String> permissions, int domid, String source, String target, String tclass,
            String text) {
        /** Copies the list. */
        public Denial {
            permissions = List.copyOf(permissions);
        }
    }

    /**
     * What a text held.
     *
     * @param denials the denials, in text order
     * @param granted how many {@code granted} (auditallow) messages were skipped
     */
    public record Parsed(List<Denial> denials, int granted) {
        /** Copies the list. */
        public Parsed {
            denials = List.copyOf(denials);
        }
    }

    private AvcDenials() {
    }

    /**
     * @param text log text ({@code xl dmesg} output, a console log...)
     * @param fileName the name used in error messages
     * @return the denials found
     * @throws IllegalArgumentException {@code FILE:LINE: ...} for an {@code avc:} message that cannot be read (no
     *         scontext/tcontext/tclass, a SID printed as a number because Xen could not name it)
     */
    public static Parsed parse(String text, String fileName) {
        List<Denial> denials = new ArrayList<>();
        int granted = 0;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int at = lines[i].indexOf("avc:");
            if (at < 0 || lines[i].indexOf("avc:  seqno") >= 0) {
                continue;
            }
            Matcher m = AVC.matcher(lines[i].substring(at));
            if (!m.find()) {
                continue;
            }
            if (m.group(1).equals("granted")) {
                granted++;
                continue;
            }
            String where = fileName + ":" + (i + 1) + ": ";
            String scontext = null;
            String tcontext = null;
            String tclass = null;
            int domid = -1;
            Matcher f = FIELD.matcher(m.group(3));
            while (f.find()) {
                switch (f.group(1)) {
                    case "scontext" -> scontext = f.group(2);
                    case "tcontext" -> tcontext = f.group(2);
                    case "tclass" -> tclass = f.group(2);
                    case "domid" -> domid = parseDomid(where, f.group(2));
                    case "ssid", "tsid" -> throw new IllegalArgumentException(where + "the " + f.group(1) + " "
                            + f.group(2) + " has no context in the policy that logged it: cannot name its type");
                    default -> {
                        // device=0x..., and any field later Xen versions add
                    }
                }
            }
            if (scontext == null || tcontext == null || tclass == null) {
                throw new IllegalArgumentException(where + "avc message without scontext, tcontext and tclass: "
                        + lines[i].strip());
            }
            List<String> perms = m.group(2) == null ? List.of() : List.of(m.group(2).strip().split("\\s+"));
            denials.add(new Denial(i + 1, perms, domid, type(where, scontext), type(where, tcontext), tclass,
                    lines[i].substring(at).strip()));
        }
        return new Parsed(denials, granted);
    }

    private static int parseDomid(String where, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + "domid is not a number: " + text, e);
        }
    }

    private static String type(String where, String context) {
        String[] parts = context.split(":");
        if (parts.length < 3) {
            throw new IllegalArgumentException(where + "not a user:role:type context: " + context);
        }
        return parts[2];
    }
}
