package org.xenwb.engine.core;

import java.io.IOException;
import java.nio.file.Path;

import org.xenwb.engine.core.model.HostTopology;

/**
 * A scenario's {@code host} line, the one grammar both reading a scenario (which checks it at its line) and running
 * it (which builds the host) use: {@code preset=NAME}, {@code pcpus=N} or {@code file=PATH}.
 *
 * @param kind {@code preset}, {@code pcpus} or {@code file}
 * @param value what follows the {@code =}
 */
record HostSpec(String kind, String value) {

    /**
     * @param spec the host line's argument
     * @return its parts
     * @throws IllegalArgumentException when it is none of the three forms
     */
    static HostSpec parse(String spec) {
        String[] p = spec.split("=", 2);
        if (p.length != 2 || !(p[0].equals("preset") || p[0].equals("pcpus") || p[0].equals("file"))) {
            throw new IllegalArgumentException("host: expected preset=NAME, pcpus=N or file=PATH, got '" + spec
                    + "'");
        }
        return new HostSpec(p[0], p[1]);
    }

    /**
     * The host of a preset or a pCPU count; a host file is not read here.
     *
     * @return the host, or null for {@code file=PATH}
     * @throws IllegalArgumentException for an unknown preset (naming the known ones) or a bad pCPU count
     */
    HostTopology withoutFile() {
        return switch (kind) {
            case "preset" -> HostTopology.preset(value);
            case "pcpus" -> HostTopology.withCpus(Integer.parseInt(value));
            default -> null;
        };
    }

    /**
     * @param baseDir the directory a relative host file is in, or null for the current one
     * @return the host
     * @throws IOException if the host file cannot be read
     * @throws IllegalArgumentException as {@link #withoutFile()}, or a
     *     {@link org.xenwb.engine.core.config.ConfigException} for a bad host file
     */
    HostTopology resolve(Path baseDir) throws IOException {
        return kind.equals("file") ? HostTopology.read(baseDir == null ? Path.of(value) : baseDir.resolve(value))
                : withoutFile();
    }
}
