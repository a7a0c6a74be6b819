package org.xenwb.kconfig.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The outputs of {@code syncconfig} (and of every writing mode when they are missing), as Linux 6.1's
 * {@code conf_write_autoconf}: {@code include/config/auto.conf} and its {@code .cmd} (Kconfig files and referenced
 * environment variables), the per-symbol dependency files of changed symbols, {@code include/generated/autoconf.h}
 * and {@code include/generated/rustc_cfg}, each written through a temporary file. Names follow
 * {@code KCONFIG_AUTOCONFIG}, {@code KCONFIG_AUTOHEADER} and {@code KCONFIG_RUSTCCFG}. Not thread-safe.
 */
final class AutoconfWriter {
    private static final int NO = 0;

    private final Kconfig kc;
    private final Values v;
    private final ConfigFiles files;
    private String depfilePrefix;

    AutoconfWriter(Kconfig kc, ConfigFiles files) {
        this.kc = kc;
        this.v = kc.values;
        this.files = files;
    }

    private void printForC(StringBuilder out, Symbol sym) {
        if (sym.type == SymbolType.UNKNOWN) {
            return;
        }
        String val = v.stringValue(sym);
        String suffix = "";
        String valPrefix = "";
        switch (sym.type) {
            case BOOLEAN, TRISTATE -> {
                if (val.startsWith("n")) {
                    return;
                }
                if (val.startsWith("m")) {
                    suffix = "_MODULE";
                }
                val = "1";
            }
            case HEX -> {
                if (!(val.length() >= 2 && val.charAt(0) == '0' && (val.charAt(1) == 'x' || val.charAt(1) == 'X'))) {
                    valPrefix = "0x";
                }
            }
            case STRING -> val = ConfigFiles.escape(val);
            default -> {
            }
        }
        out.append("#define ").append(files.prefix()).append(sym.name).append(suffix).append(' ').append(valPrefix)
                .append(val).append('\n');
    }

    private void printForRustc(StringBuilder out, Symbol sym) {
        if (sym.type == SymbolType.UNKNOWN) {
            return;
        }
        String val = v.stringValue(sym);
        String valPrefix = "";
        switch (sym.type) {
            case BOOLEAN, TRISTATE -> {
                if (val.startsWith("n")) {
                    return;
                }
                out.append("--cfg=").append(files.prefix()).append(sym.name).append('\n');
            }
            case HEX -> {
                if (!(val.length() >= 2 && val.charAt(0) == '0' && (val.charAt(1) == 'x' || val.charAt(1) == 'X'))) {
                    valPrefix = "0x";
                }
            }
            default -> {
            }
        }
        out.append("--cfg=").append(files.prefix()).append(sym.name).append('=')
                .append(ConfigFiles.escape(valPrefix + val)).append('\n');
    }

    private String autoconfigName() {
        return files.env("KCONFIG_AUTOCONFIG", "include/config/auto.conf");
    }

    /**
     * conf_write_autoconf: writes auto.conf, its .cmd, autoconf.h and rustc_cfg and touches changed symbols'
     * dependency files.
     *
     * @param overwrite false to do nothing when auto.conf already exists
     * @throws IOException when a file cannot be written
     */
    void write(boolean overwrite) throws IOException {
        String autoconf = autoconfigName();
        if (!overwrite && Files.exists(files.path(autoconf))) {
            return;
        }
        writeAutoconfCmd(autoconf);
        touchDeps(autoconf);
        for (Symbol s : kc.symbols.all()) {
            v.calcValue(s);
        }
        StringBuilder h = new StringBuilder();
        files.heading(h, "/*", " *", " */");
        StringBuilder rust = new StringBuilder();
        StringBuilder auto = new StringBuilder();
        files.heading(auto, "#", "#", "#");
        for (Symbol s : kc.symbols.all()) {
            if ((s.flags & Symbol.WRITE) != 0 && s.name != null) {
                printForC(h, s);
                printForRustc(rust, s);
                files.printSymbol(auto, s, ConfigFiles.OutputN.NONE, false);
            }
        }
        writeVia(files.env("KCONFIG_AUTOHEADER", "include/generated/autoconf.h"), h);
        writeVia(files.env("KCONFIG_RUSTCCFG", "include/generated/rustc_cfg"), rust);
        writeVia(autoconf, auto);
    }

    private void writeVia(String name, CharSequence text) throws IOException {
        Path target = files.path(name);
        if (target.getParent() != null) {
            Files.createDirectories(target.getParent());
        }
        Path tmp = files.path(name + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.ISO_8859_1);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }

    private void writeAutoconfCmd(String autoconf) throws IOException {
        StringBuilder out = new StringBuilder("deps_config := \\\n");
        for (String f : kc.files) {
            out.append('\t').append(f).append(" \\\n");
        }
        out.append('\n').append(autoconf).append(": $(deps_config)\n\n");
        for (var e : kc.preprocessor.usedEnvironment().entrySet()) {
            out.append("ifneq \"$(").append(e.getKey()).append(")\" \"").append(e.getValue()).append("\"\n");
            out.append(autoconf).append(": FORCE\n");
            out.append("endif\n");
        }
        kc.preprocessor.usedEnvironment().clear();
        out.append("\n$(deps_config): ;\n");
        writeVia(autoconf + ".cmd", out);
    }

    private void touchDeps(String autoconf) throws IOException {
        int slash = autoconf.lastIndexOf('/');
        depfilePrefix = slash >= 0 ? autoconf.substring(0, slash + 1) : "";
        files.setDepfilePrefix(depfilePrefix);
        files.readSimple(autoconf, Symbol.S_DEF_AUTO);
        v.calcValue(kc.modulesSym);
        for (Symbol sym : kc.symbols.all()) {
            v.calcValue(sym);
            if ((sym.flags & Symbol.NO_WRITE) != 0 || sym.name == null) {
                continue;
            }
            boolean hasAuto = (sym.flags & Symbol.DEF_AUTO) != 0;
            if ((sym.flags & Symbol.WRITE) != 0) {
                if (hasAuto) {
                    switch (sym.type) {
                        case BOOLEAN, TRISTATE -> {
                            if (sym.currTri == sym.defTri[Symbol.S_DEF_AUTO]) {
                                continue;
                            }
                        }
                        case STRING, HEX, INT -> {
                            if (v.stringValue(sym).equals(sym.defVal[Symbol.S_DEF_AUTO])) {
                                continue;
                            }
                        }
                        default -> {
                        }
                    }
                } else if ((sym.type == SymbolType.BOOLEAN || sym.type == SymbolType.TRISTATE)
                        && sym.currTri == NO) {
                    continue;
                }
            } else if (!hasAuto) {
                continue;
            }
            Path dep = files.path(depfilePrefix + sym.name);
            if (dep.getParent() != null) {
                Files.createDirectories(dep.getParent());
            }
            Files.write(dep, new byte[0]);
        }
    }
}
