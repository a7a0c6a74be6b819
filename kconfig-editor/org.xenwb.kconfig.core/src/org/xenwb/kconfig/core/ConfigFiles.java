package org.xenwb.kconfig.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * Reading and writing configuration files exactly as Linux 6.1's {@code confdata.c}: {@code .config} (with
 * {@code KCONFIG_CONFIG}, {@code .old} backup and "No change" detection), minimal defconfigs, and the
 * {@code syncconfig} outputs ({@code include/config/auto.conf} and its {@code .cmd}, per-symbol dependency files,
 * {@code include/generated/autoconf.h} and {@code rustc_cfg}).
 *
 * <p>Bound to one {@link Kconfig}; file names are resolved against its work directory. Not thread-safe.</p>
 */
public final class ConfigFiles {
    private static final int NO = 0;
    private static final int MOD = 1;
    private static final int YES = 2;

    private final Kconfig kc;
    private final Values v;
    private final boolean[] silent = {false};
    private String confFilename;
    private int confLineno;
    private int confWarnings;

    /** @param kc the tree whose configuration is read and written */
    public ConfigFiles(Kconfig kc) {
        this.kc = kc;
        this.v = kc.values;
    }

    /** @param quiet true to suppress the {@code # configuration written to ...} messages (conf -s) */
    public void setSilent(boolean quiet) {
        silent[0] = quiet;
    }

    String prefix() {
        String p = kc.environment.get("CONFIG_");
        return p != null ? p : "CONFIG_";
    }

    void message(String text) {
        if (!silent[0]) {
            kc.out.accept("#\n# " + text + "\n#");
        }
    }

    private void warning(String text) {
        kc.err.accept(confFilename + ":" + confLineno + ":warning: " + text);
        confWarnings++;
    }

    /** @return whether reading produced warnings (with KCONFIG_WERROR they are errors) */
    boolean hadWarnings() {
        return confWarnings > 0;
    }

    /** @return the name of the configuration file ({@code KCONFIG_CONFIG}, else {@code .config}) */
    public String configName() {
        String n = kc.environment.get("KCONFIG_CONFIG");
        return n != null ? n : ".config";
    }

    String env(String name, String dflt) {
        String n = kc.environment.get(name);
        return n != null ? n : dflt;
    }

    Path path(String name) {
        return kc.workDir.resolve(name);
    }

    /**
     * zconf_fopen for configuration files: the name, else under {@code $srctree}. Like {@code fopen}, a directory
     * opens too (and reads as empty).
     */
    private Path open(String name) {
        Path p = path(name);
        if (Files.exists(p)) {
            return p;
        }
        if (!name.startsWith("/")) {
            String srctree = kc.environment.get("srctree");
            if (srctree != null) {
                Path q = kc.workDir.resolve(srctree).resolve(name);
                if (Files.exists(q)) {
                    return q;
                }
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- reading

    /**
     * conf_read_simple: loads values from a file into slot {@code def} without computing anything.
     *
     * @param name the file, or null for the configuration file (falling back to the defconfig list)
     * @param def 0 for user values, 1 for auto.conf values
     * @return false when no file could be opened
     */
    boolean readSimple(String name, int def) {
        Path in;
        if (name != null) {
            in = open(name);
        } else {
            name = configName();
            in = open(name);
            if (in == null) {
                kc.changed = true;
                String[] found = defconfigFallback();
                if (found == null) {
                    return false;
                }
                name = found[0];
                in = open(name);
                message("using defaults found in " + name);
            }
        }
        if (in == null) {
            return false;
        }
        String text;
        try {
            // a directory opens but reads nothing, as with fopen/getline
            text = Files.isDirectory(in) ? "" : Files.readString(in, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return false;
        }
        load(name, text, def);
        return true;
    }

    /** The first existing file of KCONFIG_DEFCONFIG_LIST, or of Xen 4.17's {@code option defconfig_list}. */
    private String[] defconfigFallback() {
        String env = kc.environment.get("KCONFIG_DEFCONFIG_LIST");
        if (env != null) {
            for (String word : env.trim().split("\\s+")) {
                if (!word.isEmpty() && open(word) != null) {
                    return new String[] {word};
                }
            }
            return null;
        }
        Symbol list = kc.defconfigListSym;
        if (list == null) {
            return null;
        }
        for (Property p : list.props) {
            if (p.kind != Property.Kind.DEFAULT) {
                continue;
            }
            if (v.exprValue(p.visibleExpr) == NO || p.expr.type != Expr.Type.SYMBOL) {
                continue;
            }
            v.calcValue(p.expr.leftSym);
            String name = String.valueOf(p.expr.leftSym.currVal);
            if (open(name) != null) {
                return new String[] {name};
            }
        }
        return null;
    }

    private void load(String name, String text, int def) {
        confFilename = name;
        confLineno = 0;
        confWarnings = 0;
        String warnUnknown = kc.environment.get("KCONFIG_WARN_UNKNOWN_SYMBOLS");
        int defFlags = Symbol.DEF_USER << def;
        for (Symbol sym : kc.symbols.all()) {
            sym.flags |= Symbol.CHANGED;
            sym.flags &= ~(defFlags | Symbol.VALID);
            if (sym.isChoice()) {
                sym.flags |= defFlags;
            }
            sym.defVal[def] = null;
            sym.defTri[def] = NO;
        }
        String prefix = prefix();
        int pos = 0;
        while (pos < text.length()) {
            int nl = text.indexOf('\n', pos);
            String line = nl < 0 ? text.substring(pos) : text.substring(pos, nl + 1);
            pos = nl < 0 ? text.length() : nl + 1;
            confLineno++;
            String symName;
            String val;
            if (line.startsWith("#")) {
                if (line.length() < 2 || line.charAt(1) != ' ') {
                    continue;
                }
                String p = line.substring(2);
                if (!p.startsWith(prefix)) {
                    continue;
                }
                String rest = p.substring(prefix.length());
                int sp = rest.indexOf(' ');
                if (sp < 0) {
                    continue;
                }
                symName = rest.substring(0, sp);
                if (!rest.startsWith("is not set", sp + 1)) {
                    continue;
                }
                val = "n";
            } else if (line.startsWith(prefix)) {
                String rest = line.substring(prefix.length());
                int eq = rest.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                symName = rest.substring(0, eq);
                val = rest.substring(eq + 1);
                int lf = val.indexOf('\n');
                if (lf >= 0) {
                    val = val.substring(0, lf);
                    if (val.endsWith("\r")) {
                        val = val.substring(0, val.length() - 1);
                    }
                }
            } else {
                if (!line.startsWith("\r") && !line.startsWith("\n")) {
                    int cut = 0;
                    while (cut < line.length() && line.charAt(cut) != '\r' && line.charAt(cut) != '\n') {
                        cut++;
                    }
                    warning("unexpected data: " + line.substring(0, cut));
                }
                continue;
            }
            if (symName.indexOf('\0') >= 0) {
                symName = symName.substring(0, symName.indexOf('\0'));
            }
            Symbol sym = kc.symbols.find(symName);
            if (sym == null) {
                if (def == Symbol.S_DEF_AUTO) {
                    touchDep(symName);
                } else {
                    if (warnUnknown != null) {
                        warning("unknown symbol: " + symName);
                    }
                    kc.changed = true;
                }
                continue;
            }
            if ((sym.flags & defFlags) != 0) {
                warning("override: reassigning to symbol " + sym.name);
            }
            if (!setSymVal(sym, def, defFlags, val)) {
                continue;
            }
            if (sym.isChoiceValue()) {
                Symbol cs = sym.choice();
                switch (sym.defTri[def]) {
                    case MOD -> {
                        if (cs.defTri[def] == YES) {
                            warning(sym.name + " creates inconsistent choice state");
                            cs.flags &= ~defFlags;
                        }
                    }
                    case YES -> {
                        if (cs.defTri[def] != NO) {
                            warning("override: " + sym.name + " changes choice state");
                        }
                        cs.defVal[def] = sym;
                    }
                    default -> {
                    }
                }
                cs.defTri[def] = Math.max(cs.defTri[def], sym.defTri[def]);
            }
        }
    }

    private boolean setSymVal(Symbol sym, int def, int defFlags, String p) {
        char c = p.isEmpty() ? '\0' : p.charAt(0);
        switch (sym.type) {
            case TRISTATE, BOOLEAN -> {
                if (sym.type == SymbolType.TRISTATE && c == 'm') {
                    sym.defTri[def] = MOD;
                } else if (c == 'y') {
                    sym.defTri[def] = YES;
                } else if (c == 'n') {
                    sym.defTri[def] = NO;
                } else {
                    if (def != Symbol.S_DEF_AUTO) {
                        warning("symbol value '" + p + "' invalid for " + sym.name);
                    }
                    return false;
                }
                sym.flags |= defFlags;
                return true;
            }
            case STRING, INT, HEX -> {
                if (sym.type == SymbolType.STRING && def != Symbol.S_DEF_AUTO) {
                    if (c != '"') {
                        return true;
                    }
                    StringBuilder sb = new StringBuilder();
                    int i = 1;
                    boolean closed = false;
                    while (i < p.length()) {
                        char ch = p.charAt(i);
                        if (ch == '"') {
                            closed = true;
                            break;
                        }
                        if (ch == '\\') {
                            i++;
                            if (i < p.length()) {
                                sb.append(p.charAt(i));
                                i++;
                            }
                            continue;
                        }
                        sb.append(ch);
                        i++;
                    }
                    if (!closed) {
                        warning("invalid string found");
                        return false;
                    }
                    p = sb.toString();
                }
                if (kc.userValues.stringValid(sym, p)) {
                    sym.defVal[def] = p;
                    sym.flags |= defFlags;
                    return true;
                }
                if (def != Symbol.S_DEF_AUTO) {
                    warning("symbol value '" + p + "' invalid for " + sym.name);
                }
                return false;
            }
            default -> {
                return true;
            }
        }
    }

    /**
     * conf_read: loads a configuration and computes it, resetting values that no longer fit.
     *
     * @param name the file, or null for the configuration file (or the defconfig list)
     * @return false when no file could be read
     */
    public boolean read(String name) {
        kc.changed = false;
        if (!readSimple(name, Symbol.S_DEF_USER)) {
            v.calcValue(kc.modulesSym);
            return false;
        }
        v.calcValue(kc.modulesSym);
        int unsaved = 0;
        for (Symbol sym : kc.symbols.all()) {
            v.calcValue(sym);
            if (sym.isChoice() || (sym.flags & Symbol.NO_WRITE) != 0) {
                continue;
            }
            if (sym.hasValue() && (sym.flags & Symbol.WRITE) != 0) {
                if (sym.type == SymbolType.BOOLEAN || sym.type == SymbolType.TRISTATE) {
                    if (sym.defTri[Symbol.S_DEF_USER] == sym.currTri) {
                        continue;
                    }
                } else if (String.valueOf(sym.currVal).equals(sym.defVal[Symbol.S_DEF_USER])) {
                    continue;
                }
            } else if (!sym.hasValue() && (sym.flags & Symbol.WRITE) == 0) {
                continue;
            }
            unsaved++;
        }
        for (Symbol sym : kc.symbols.all()) {
            if (sym.hasValue() && !sym.isChoiceValue()) {
                if (sym.visible == NO && unsaved == 0) {
                    sym.flags &= ~Symbol.DEF_USER;
                }
                switch (sym.type) {
                    case STRING, INT, HEX -> {
                        Object d = sym.defVal[Symbol.S_DEF_USER];
                        if (d instanceof String s && kc.userValues.stringWithinRange(sym, s)) {
                            break;
                        }
                        sym.flags &= ~(Symbol.VALID | Symbol.DEF_USER);
                        unsaved++;
                    }
                    default -> {
                    }
                }
            }
        }
        if (confWarnings > 0 || unsaved > 0) {
            kc.changed = true;
        }
        return true;
    }

    // ---------------------------------------------------------------- writing

    static String escape(String in) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < in.length(); i++) {
            char c = in.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    enum OutputN { N, AS_UNSET, NONE }

    void printSymbol(StringBuilder out, Symbol sym, OutputN outputN, boolean escapeString) {
        if (sym.type == SymbolType.UNKNOWN) {
            return;
        }
        String val = v.stringValue(sym);
        if ((sym.type == SymbolType.BOOLEAN || sym.type == SymbolType.TRISTATE) && outputN != OutputN.N
                && val.startsWith("n")) {
            if (outputN == OutputN.AS_UNSET) {
                out.append("# ").append(prefix()).append(sym.name).append(" is not set\n");
            }
            return;
        }
        if (sym.type == SymbolType.STRING && escapeString) {
            val = escape(val);
        }
        out.append(prefix()).append(sym.name).append('=').append(val).append('\n');
    }

    /** The line listnewconfig prints for a symbol. */
    String listLine(Symbol sym) {
        StringBuilder sb = new StringBuilder();
        printSymbol(sb, sym, OutputN.N, true);
        return sb.length() == 0 ? null : sb.substring(0, sb.length() - 1);
    }

    void heading(StringBuilder out, String prefix, String decoration, String postfix) {
        out.append(prefix).append('\n');
        out.append(decoration).append(" Automatically generated file; DO NOT EDIT.\n");
        out.append(decoration).append(' ').append(kc.rootMenu.prompt.text).append('\n');
        out.append(postfix).append('\n');
    }

    /**
     * conf_write_defconfig: writes the minimal configuration (what savedefconfig writes).
     *
     * @param filename the output file
     * @throws IOException when it cannot be written
     */
    public void writeDefconfig(String filename) throws IOException {
        StringBuilder out = new StringBuilder();
        v.clearAllValid();
        MenuNode menu = kc.rootMenu.list;
        while (menu != null) {
            Symbol sym = menu.sym;
            if (sym == null) {
                if (!v.menuIsVisible(menu)) {
                    menu = nextPreorder(menu);
                    continue;
                }
            } else if (!sym.isChoice()) {
                defconfigSymbol(out, sym);
            }
            menu = nextPreorder(menu);
        }
        Files.writeString(path(filename), out, StandardCharsets.ISO_8859_1);
    }

    private void defconfigSymbol(StringBuilder out, Symbol sym) {
        v.calcValue(sym);
        if ((sym.flags & Symbol.WRITE) == 0) {
            return;
        }
        sym.flags &= ~Symbol.WRITE;
        if (!v.isChangeable(sym)) {
            return;
        }
        if (v.stringValue(sym).equals(v.stringDefault(sym))) {
            return;
        }
        if (sym.isChoiceValue()) {
            Symbol cs = sym.choice();
            Symbol ds = v.choiceDefault(cs);
            if ((cs.flags & Symbol.OPTIONAL) == 0 && sym == ds && sym.type == SymbolType.BOOLEAN
                    && sym.currTri == YES) {
                return;
            }
        }
        printSymbol(out, sym, OutputN.AS_UNSET, true);
    }

    private static MenuNode nextPreorder(MenuNode menu) {
        if (menu.list != null) {
            return menu.list;
        }
        if (menu.next != null) {
            return menu.next;
        }
        while ((menu = menu.parent) != null) {
            if (menu.next != null) {
                return menu.next;
            }
        }
        return null;
    }

    /**
     * conf_write: writes the configuration file ({@code name} or {@code KCONFIG_CONFIG}), keeping the previous one
     * as {@code .old} unless nothing changed.
     *
     * @param name the file, or null for the configuration file
     * @throws IOException when it cannot be written
     */
    public void write(String name) throws IOException {
        if (name == null) {
            name = configName();
        }
        if (name.isEmpty()) {
            throw new IOException("config name is empty");
        }
        Path target = path(name);
        if (Files.isDirectory(target)) {
            throw new IOException(name + ": Is a directory");
        }
        StringBuilder out = new StringBuilder();
        heading(out, "#", "#", "#");
        if (!kc.changed) {
            v.clearAllValid();
        }
        boolean needNewline = false;
        MenuNode menu = kc.rootMenu.list;
        while (menu != null) {
            Symbol sym = menu.sym;
            if (sym == null) {
                if (v.menuIsVisible(menu)) {
                    out.append("\n#\n# ").append(menu.promptText()).append("\n#\n");
                    needNewline = false;
                }
            } else if (!sym.isChoice() && (sym.flags & Symbol.WRITTEN) == 0) {
                v.calcValue(sym);
                if ((sym.flags & Symbol.WRITE) != 0) {
                    if (needNewline) {
                        out.append('\n');
                        needNewline = false;
                    }
                    sym.flags |= Symbol.WRITTEN;
                    printSymbol(out, sym, OutputN.AS_UNSET, true);
                }
            }
            if (menu.list != null) {
                menu = menu.list;
                continue;
            }
            while (true) {
                if (menu.sym == null && v.menuIsVisible(menu) && menu != kc.rootMenu
                        && menu.prompt.kind == Property.Kind.MENU) {
                    out.append("# end of ").append(menu.promptText()).append('\n');
                    needNewline = true;
                }
                if (menu.next != null) {
                    menu = menu.next;
                    break;
                }
                menu = menu.parent;
                if (menu == null) {
                    break;
                }
            }
        }
        for (Symbol s : kc.symbols.all()) {
            s.flags &= ~Symbol.WRITTEN;
        }
        byte[] bytes = out.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (target.getParent() != null) {
            Files.createDirectories(target.getParent());
        }
        String overwrite = kc.environment.get("KCONFIG_OVERWRITECONFIG");
        if (overwrite != null && !overwrite.isEmpty()) {
            Files.write(target, bytes);
        } else {
            if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
                message("No change to " + name);
                kc.changed = false;
                return;
            }
            Path tmp = path(name + "." + ProcessHandle.current().pid() + ".tmp");
            Files.write(tmp, bytes);
            if (Files.exists(target)) {
                Files.move(target, path(name + ".old"), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        message("configuration written to " + name);
        kc.changed = false;
    }

    private String depfilePrefix;

    /** Where {@link #load} touches dependency files of symbols that vanished from auto.conf (null: nowhere). */
    void setDepfilePrefix(String prefix) {
        depfilePrefix = prefix;
    }

    private void touchDep(String name) {
        if (depfilePrefix == null) {
            return;
        }
        try {
            Files.write(path(depfilePrefix + name), new byte[0]);
        } catch (IOException e) {
            // conf ignores a dependency file it cannot touch while reading auto.conf
        }
    }

    /**
     * conf_write_autoconf: writes auto.conf, its .cmd, autoconf.h and rustc_cfg and touches changed symbols'
     * dependency files.
     *
     * @param overwrite false to do nothing when auto.conf already exists
     * @throws IOException when a file cannot be written
     */
    public void writeAutoconf(boolean overwrite) throws IOException {
        new AutoconfWriter(kc, this).write(overwrite);
    }
}
