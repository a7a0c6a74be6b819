package org.xenwb.kconfig.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * The line-oriented front end of the C {@code conf} ({@code conf()}, {@code check_conf()} and the prompts for
 * symbols, strings and choices): used by {@code oldaskconfig}, {@code oldconfig}, {@code syncconfig},
 * {@code listnewconfig} and {@code helpnewconfig}. Prints exactly what conf prints, reading answers from a reader
 * (at end of input conf's behaviour on a failed {@code fgets} is reproduced). One instance per run; not
 * thread-safe.
 */
final class ConfPrompter {
    private static final int NO = 0;
    private static final int MOD = 1;
    private static final int YES = 2;

    private final Kconfig kc;
    private final Values v;
    private final ConfigFiles files;
    private final BufferedReader stdin;
    private final Consumer<String> rawOut;
    private ConfMode.Mode mode;
    private int indent = 1;
    private int confCnt;
    private MenuNode rootEntry;

    ConfPrompter(Kconfig kc, ConfigFiles files, BufferedReader stdin, Consumer<String> rawOut, ConfMode.Mode mode) {
        this.kc = kc;
        this.v = kc.values;
        this.files = files;
        this.stdin = stdin;
        this.rawOut = rawOut;
        this.mode = mode;
    }

    /** oldaskconfig's first pass: every visible entry, from the root. */
    void askAll() {
        rootEntry = kc.rootMenu;
        conf(kc.rootMenu);
        mode = ConfMode.Mode.OLDCONFIG;
    }

    /** check_conf until a pass asks nothing more (lists new symbols in the list modes). */
    void askNew() {
        do {
            confCnt = 0;
            checkConf(kc.rootMenu);
        } while (confCnt != 0);
    }

    private void print(String s) {
        rawOut.accept(s);
    }

    
    private String readLine() {
        try {
            String line = stdin == null ? null : stdin.readLine();
            if (line == null) {
                kc.err.accept("\nError in reading or end of file.");
                return null;
            }
            return line + "\n";
        } catch (IOException e) {
            return null;
        }
    }

    private String askValue(Symbol sym, String def) {
        if (!sym.hasValue()) {
            print("(NEW) ");
        }
        if (!v.isChangeable(sym)) {
            print((def == null ? "" : def) + "\n");
            return null;
        }
        if ((mode == ConfMode.Mode.OLDCONFIG || mode == ConfMode.Mode.SYNCCONFIG) && sym.hasValue()) {
            print((def == null ? "" : def) + "\n");
            return null;
        }
        String line = readLine();
        if (line == null) {
            line = "\n"; // fgets failed: conf keeps and echoes its preset "\n"
        }
        print(line);
        return line;
    }

    private void confString(MenuNode menu) {
        Symbol sym = menu.sym;
        while (true) {
            print(" ".repeat(indent - 1) + menu.prompt.text + " (" + sym.name + ") ");
            String def = v.stringValue(sym);
            print("[" + def + "] ");
            String line = askValue(sym, def);
            if (line == null) {
                return;
            }
            if (!line.equals("\n") && !line.isEmpty()) {
                def = line.substring(0, line.length() - 1);
            }
            if (kc.userValues.setStringValue(sym, def)) {
                return;
            }
        }
    }

    private void confSym(MenuNode menu) {
        Symbol sym = menu.sym;
        while (true) {
            print(" ".repeat(indent - 1) + menu.prompt.text + " ");
            if (sym.name != null) {
                print("(" + sym.name + ") ");
            }
            int oldVal = sym.currTri;
            StringBuilder sb = new StringBuilder("[").append("NMY".charAt(oldVal));
            if (oldVal != NO && kc.userValues.tristateWithinRange(sym, NO)) {
                sb.append("/n");
            }
            if (oldVal != MOD && kc.userValues.tristateWithinRange(sym, MOD)) {
                sb.append("/m");
            }
            if (oldVal != YES && kc.userValues.tristateWithinRange(sym, YES)) {
                sb.append("/y");
            }
            sb.append("/?] ");
            print(sb.toString());
            String line = askValue(sym, v.stringValue(sym));
            if (line == null) {
                return;
            }
            line = line.strip();
            int newVal;
            if (line.isEmpty()) {
                newVal = oldVal;
            } else {
                switch (line) {
                    case "n", "N", "no", "No", "NO", "nO" -> newVal = NO;
                    case "m", "M" -> newVal = MOD;
                    case "y", "Y", "yes", "Yes", "YES" -> newVal = YES;
                    default -> {
                        continue;
                    }
                }
            }
            if (kc.userValues.setTristateValue(sym, newVal)) {
                return;
            }
        }
    }

    private boolean confChoice(MenuNode menu) {
        Symbol sym = menu.sym;
        boolean isNew = !sym.hasValue();
        if (v.isChangeable(sym)) {
            confSym(menu);
            v.calcValue(sym);
            if (sym.currTri == NO) {
                return true;
            }
            if (sym.currTri == MOD) {
                return false;
            }
        } else {
            if (sym.currTri == NO) {
                return true;
            }
            if (sym.currTri == MOD) {
                print(" ".repeat(indent - 1) + menu.promptText() + "\n");
                return false;
            }
        }
        while (true) {
            print(" ".repeat(indent - 1) + menu.promptText() + "\n");
            Object defSym = sym.currVal;
            int cnt = 0;
            int def = 0;
            for (MenuNode child = menu.list; child != null; child = child.next) {
                if (!v.menuIsVisible(child)) {
                    continue;
                }
                if (child.sym == null) {
                    print(" ".repeat(indent - 1) + "* " + child.promptText() + "\n");
                    continue;
                }
                cnt++;
                if (child.sym == defSym) {
                    def = cnt;
                    print(" ".repeat(indent - 1) + ">");
                } else {
                    print(" ".repeat(indent));
                }
                print(" " + cnt + ". " + child.promptText());
                if (child.sym.name != null) {
                    print(" (" + child.sym.name + ")");
                }
                if (!child.sym.hasValue()) {
                    print(" (NEW)");
                }
                print("\n");
            }
            print(" ".repeat(indent - 1) + "choice");
            String line = "";
            if (cnt == 1) {
                print("[1]: 1\n");
            } else {
                print("[1-" + cnt + "?]: ");
                if ((mode == ConfMode.Mode.OLDCONFIG || mode == ConfMode.Mode.SYNCCONFIG) && !isNew) {
                    cnt = def;
                    print(cnt + "\n");
                } else {
                    line = readLine();
                    if (line == null) {
                        line = ""; // fgets failed: conf keeps its empty buffer
                    }
                    print(line);
                    line = line.strip();
                    if (line.startsWith("?")) {
                        continue;
                    }
                    if (line.isEmpty()) {
                        cnt = def;
                    } else if (Character.isDigit(line.charAt(0))) {
                        cnt = CNumbers.strtoll(line, 10).value() > Integer.MAX_VALUE ? 0
                                : (int) CNumbers.strtoll(line, 10).value();
                    } else {
                        continue;
                    }
                }
            }
            MenuNode child;
            for (child = menu.list; child != null; child = child.next) {
                if (child.sym == null || !v.menuIsVisible(child)) {
                    continue;
                }
                if (--cnt == 0) {
                    break;
                }
            }
            if (child == null) {
                continue;
            }
            kc.userValues.setTristateValue(child.sym, YES);
            for (MenuNode c = child.list; c != null; c = c.next) {
                indent += 2;
                conf(c);
                indent -= 2;
            }
            return true;
        }
    }

    private void conf(MenuNode menu) {
        if (!v.menuIsVisible(menu)) {
            return;
        }
        Symbol sym = menu.sym;
        Property prop = menu.prompt;
        if (prop != null && (prop.kind == Property.Kind.MENU || prop.kind == Property.Kind.COMMENT)) {
            if (prop.kind == Property.Kind.MENU && mode != ConfMode.Mode.OLDASKCONFIG && rootEntry != menu) {
                checkConf(menu);
                return;
            }
            String p = menu.promptText();
            if (p != null) {
                String pad = " ".repeat(indent - 1);
                print(pad + "*\n" + pad + "* " + p + "\n" + pad + "*\n");
            }
        }
        if (sym != null) {
            if (sym.isChoice()) {
                confChoice(menu);
                if (sym.currTri != MOD) {
                    return;
                }
            } else if (sym.type == SymbolType.INT || sym.type == SymbolType.HEX || sym.type == SymbolType.STRING) {
                confString(menu);
            } else {
                confSym(menu);
            }
            indent += 2;
        }
        for (MenuNode child = menu.list; child != null; child = child.next) {
            conf(child);
        }
        if (sym != null) {
            indent -= 2;
        }
    }

    private static MenuNode parentMenu(MenuNode menu, MenuNode root) {
        for (; menu != root; menu = menu.parent) {
            if (menu.prompt != null && menu.prompt.kind == Property.Kind.MENU) {
                break;
            }
        }
        return menu;
    }

    private void checkConf(MenuNode menu) {
        if (!v.menuIsVisible(menu)) {
            return;
        }
        Symbol sym = menu.sym;
        if (sym != null && !sym.hasValue()
                && (v.isChangeable(sym) || (sym.isChoice() && sym.currTri == YES))) {
            switch (mode) {
                case LISTNEWCONFIG -> {
                    if (sym.name != null) {
                        String line = files.listLine(sym);
                        if (line != null) {
                            print(line + "\n");
                        }
                    }
                }
                case HELPNEWCONFIG -> {
                    print("-----\n");
                    print("\n" + new HelpText(kc).extended(menu) + "\n");
                    print("-----\n");
                }
                default -> {
                    if (confCnt++ == 0) {
                        print("*\n* Restart config...\n*\n");
                    }
                    rootEntry = parentMenu(menu, kc.rootMenu);
                    conf(rootEntry);
                }
            }
        }
        for (MenuNode child = menu.list; child != null; child = child.next) {
            checkConf(child);
        }
    }
}
