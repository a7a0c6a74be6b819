package org.xenwb.engine.core.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.xenwb.engine.core.config.ConfigException;
import org.xenwb.engine.core.config.InputFiles;

/**
 * What a Xen hypervisor build contains, decided by its Kconfig {@code .config}: which schedulers exist, the
 * default scheduler, whether XSM/FLASK, live patching and the trace buffer are built in, and a build-id.
 *
 * <p>The build-id of a real Xen is the GNU build-id note of the linked binary; the engine has no binary, so its
 * build-id is the SHA-1 of the normalized {@code .config} (the {@code CONFIG_} assignments in file order), which
 * changes exactly when the configuration changes. Immutable.</p>
 */
public final class HypervisorBuild {

    private final String source;
    private final Map<String, String> symbols;
    private final Set<SchedulerKind> schedulers;
    private final SchedulerKind defaultScheduler;
    private final String buildId;
    private final String version;

    private HypervisorBuild(String source, Map<String, String> symbols, String header) {
        this.source = source;
        this.symbols = Collections.unmodifiableMap(symbols);
        EnumSet<SchedulerKind> s = EnumSet.noneOf(SchedulerKind.class);
        for (SchedulerKind k : SchedulerKind.values()) {
            if (isSet(k.kconfigSymbol())) {
                s.add(k);
            }
        }
        if (s.isEmpty()) {
            throw new ConfigException(source, 0, "no scheduler is configured (CONFIG_SCHED_* all unset)");
        }
        this.schedulers = Collections.unmodifiableSet(s);
        String def = symbols.getOrDefault("SCHED_DEFAULT", "credit2");
        SchedulerKind d;
        try {
            d = SchedulerKind.fromXlName(def);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source, 0, "CONFIG_SCHED_DEFAULT: " + e.getMessage());
        }
        if (!s.contains(d)) {
            // Xen falls back to the first built-in scheduler when the default is not built (core.c)
            d = s.iterator().next();
        }
        this.defaultScheduler = d;
        this.buildId = sha1(symbols);
        this.version = header;
    }

    /**
     * Reads a {@code .config}.
     *
     * @param path the file
     * @return the build
     * @throws IOException if unreadable
     * @throws ConfigException with file and line on a malformed line
     */
    public static HypervisorBuild read(Path path) throws IOException {
        return parse(path.toString(), InputFiles.text(path));
    }

    /**
     * Parses {@code .config} text: {@code CONFIG_X=y|m|n|"string"|number} and {@code # CONFIG_X is not set}.
     *
     * @param file the name used in messages
     * @param text the content
     * @return the build
     * @throws ConfigException with file and line on a malformed line
     */
    public static HypervisorBuild parse(String file, String text) {
        Map<String, String> symbols = new LinkedHashMap<>();
        String header = "unknown";
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.isEmpty()) {
                continue;
            }
            if (l.startsWith("#")) {
                if (l.startsWith("# CONFIG_") && l.endsWith(" is not set")) {
                    symbols.put(l.substring(9, l.length() - 11).strip(), "n");
                } else if (l.startsWith("# Xen/") && l.endsWith(" Configuration")) {
                    header = l.substring(2, l.length() - 14);
                }
                continue;
            }
            int eq = l.indexOf('=');
            if (!l.startsWith("CONFIG_") || eq < 0) {
                throw new ConfigException(file, i + 1, "expected CONFIG_NAME=value, got '" + l + "'");
            }
            String value = l.substring(eq + 1);
            if (value.startsWith("\"")) {
                if (value.length() < 2 || !value.endsWith("\"")) {
                    throw new ConfigException(file, i + 1, "unterminated string in '" + l + "'");
                }
                value = value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
            }
            symbols.put(l.substring(7, eq), value);
        }
        return new HypervisorBuild(file, symbols, header);
    }

    /**
     * The build of Xen 4.17 x86 with its Kconfig defaults in a release build: credit and credit2 (RTDS,
     * ARINC653 and null default to {@code DEBUG}, so they are off), no XSM, live patching and trace buffer on.
     *
     * @return the default build
     */
    public static HypervisorBuild defaults() {
        return parse("<xen-4.17 defaults>", String.join("\n", "# Xen/x86 4.17.7 Configuration",
                "CONFIG_X86_64=y", "CONFIG_NR_CPUS=256", "# CONFIG_XSM is not set", "CONFIG_SCHED_CREDIT=y",
                "CONFIG_SCHED_CREDIT2=y", "# CONFIG_SCHED_RTDS is not set", "# CONFIG_SCHED_ARINC653 is not set",
                "# CONFIG_SCHED_NULL is not set", "CONFIG_SCHED_DEFAULT=\"credit2\"", "CONFIG_LIVEPATCH=y",
                "CONFIG_TRACEBUFFER=y", ""));
    }

    /**
     * A build with every scheduler, XSM/FLASK, live patching and the trace buffer: what the engine uses when the
     * user asks for a scheduler without giving a {@code .config}.
     *
     * @return the build
     */
    public static HypervisorBuild everything() {
        return parse("<xen-4.17 all features>", String.join("\n", "# Xen/x86 4.17.7 Configuration",
                "CONFIG_X86_64=y", "CONFIG_NR_CPUS=256", "CONFIG_XSM=y", "CONFIG_XSM_FLASK=y",
                "CONFIG_SCHED_CREDIT=y", "CONFIG_SCHED_CREDIT2=y", "CONFIG_SCHED_RTDS=y", "CONFIG_SCHED_ARINC653=y",
                "CONFIG_SCHED_NULL=y", "CONFIG_SCHED_DEFAULT=\"credit2\"", "CONFIG_LIVEPATCH=y",
                "CONFIG_TRACEBUFFER=y", ""));
    }

    private static String sha1(Map<String, String> symbols) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            for (Map.Entry<String, String> e : symbols.entrySet()) {
                md.update((e.getKey() + "=" + e.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 missing from the JDK", e);
        }
    }

    /**
     * @param symbol a Kconfig symbol without {@code CONFIG_}
     * @return whether it is {@code y} or {@code m}
     */
    public boolean isSet(String symbol) {
        String v = symbols.get(symbol);
        return "y".equals(v) || "m".equals(v);
    }

    /**
     * @param symbol a Kconfig symbol without {@code CONFIG_}
     * @return its value ({@code n} for "is not set"), or null when the file does not mention it
     */
    public String value(String symbol) {
        return symbols.get(symbol);
    }

    /** @return where the build came from (file name) */
    public String source() {
        return source;
    }

    /** @return the schedulers built in */
    public Set<SchedulerKind> schedulers() {
        return schedulers;
    }

    /** @return {@code CONFIG_SCHED_DEFAULT}, or the first built-in scheduler if that one is not built */
    public SchedulerKind defaultScheduler() {
        return defaultScheduler;
    }

    /** @return whether {@code CONFIG_XSM_FLASK} is set (it depends on {@code CONFIG_XSM}) */
    public boolean hasFlask() {
        return isSet("XSM") && isSet("XSM_FLASK");
    }

    /** @return whether {@code CONFIG_LIVEPATCH} is set */
    public boolean hasLivepatch() {
        return isSet("LIVEPATCH");
    }

    /** @return whether {@code CONFIG_TRACEBUFFER} is set (absent means the Kconfig default, y) */
    public boolean hasTraceBuffer() {
        return !"n".equals(symbols.getOrDefault("TRACEBUFFER", "y"));
    }

    /** @return the 40-hex-digit build-id (see the class comment) */
    public String buildId() {
        return buildId;
    }

    /** @return the header of the {@code .config}, e.g. {@code Xen/x86 4.17.7} */
    public String version() {
        return version;
    }

    /**
     * @param kind a scheduler
     * @throws IllegalArgumentException if this build does not contain it
     */
    public void requireScheduler(SchedulerKind kind) {
        if (!schedulers.contains(kind)) {
            throw new IllegalArgumentException("scheduler '" + kind.xlName() + "' is not in this build (CONFIG_"
                    + kind.kconfigSymbol() + " is not set in " + source + ")");
        }
    }
}
