package org.xenwb.kconfig.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.Locale;

/**
 * The modes of the C {@code conf} tool (Linux 6.1's {@code conf.c}) on a loaded {@link Kconfig}: what each mode
 * reads, how it sets new symbols (including the random draws of {@code randconfig}), what it writes and its exit
 * status. Line-oriented prompting ({@code oldconfig}, {@code syncconfig} with new symbols) reads answers from the
 * given reader. One instance runs one mode once; not thread-safe.
 */
public final class ConfMode {
    private static final int NO = 0;
    private static final int MOD = 1;
    private static final int YES = 2;

    /** The modes, with their {@code conf} option names. */
    public enum Mode {
        /** --oldaskconfig. */ OLDASKCONFIG,
        /** --syncconfig. */ SYNCCONFIG,
        /** --oldconfig. */ OLDCONFIG,
        /** --allnoconfig. */ ALLNOCONFIG,
        /** --allyesconfig. */ ALLYESCONFIG,
        /** --allmodconfig. */ ALLMODCONFIG,
        /** --alldefconfig. */ ALLDEFCONFIG,
        /** --randconfig. */ RANDCONFIG,
        /** --defconfig=FILE. */ DEFCONFIG,
        /** --savedefconfig=FILE. */ SAVEDEFCONFIG,
        /** --listnewconfig. */ LISTNEWCONFIG,
        /** --helpnewconfig. */ HELPNEWCONFIG,
        /** --olddefconfig. */ OLDDEFCONFIG,
        /** --yes2modconfig. */ YES2MODCONFIG,
        /** --mod2yesconfig. */ MOD2YESCONFIG,
        /** --mod2noconfig. */ MOD2NOCONFIG;

        /** @return the option name without dashes, e.g. {@code olddefconfig} */
        public String optionName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * @param option an option name without dashes ({@code oldnoconfig} is not accepted by conf 6.1)
         * @return the mode, or null
         */
        public static Mode fromOption(String option) {
            for (Mode m : values()) {
                if (m.optionName().equals(option)) {
                    return m;
                }
            }
            return null;
        }
    }

    private enum Def { DEFAULT, YES, MOD, NO, RANDOM }

    private final Kconfig kc;
    private final Values v;
    private final ConfigFiles files;
    private Mode mode;
    private GlibcRandom random;
    private final BufferedReader stdin;
    private final java.util.function.Consumer<String> rawOut;

    /**
     * @param kc the loaded tree
     * @param stdin where answers to prompts come from (may be empty)
     * @param rawOut receives the prompts and answers exactly as conf prints them (text with its own new lines,
     *        possibly ending mid-line); it must write to the same stream as the tree's {@code out}
     */
    public ConfMode(Kconfig kc, BufferedReader stdin, java.util.function.Consumer<String> rawOut) {
        this.rawOut = rawOut;
        this.kc = kc;
        this.v = kc.values;
        this.files = new ConfigFiles(kc);
        this.stdin = stdin;
    }

    /**
     * The seed randconfig uses (set_randconfig_seed): {@code KCONFIG_SEED} when it is a number, else derived from
     * the clock. {@code conf} prints {@code KCONFIG_SEED=0x...} before parsing.
     *
     * @param env the environment
     * @return the seed as C's {@code unsigned int}
     */
    public static int randomSeed(java.util.Map<String, String> env) {
        String s = env.get("KCONFIG_SEED");
        if (s != null && !s.isEmpty()) {
            CNumbers.Parsed p = CNumbers.strtoll(s, 0);
            if (p.end() == s.length() && !(p.end() == 0)) {
                return (int) p.value();
            }
        }
        long now = System.currentTimeMillis();
        long sec = now / 1000;
        long usec = (now % 1000) * 1000 + (System.nanoTime() / 1000) % 1000;
        return (int) ((sec + 1) * (usec + 1));
    }

    /**
     * @param seed a randconfig seed
     * @return the line conf prints for it before parsing, {@code KCONFIG_SEED=0x...}
     */
    public static String seedLine(int seed) {
        return "KCONFIG_SEED=0x" + Integer.toHexString(seed).toUpperCase(Locale.ROOT);
    }

    /**
     * Runs a mode as {@code conf} does after parsing.
     *
     * @param runMode the mode
     * @param file the file of defconfig/savedefconfig (defconfig: null for the default list), else null
     * @param silent {@code -s}: no "configuration written" messages
     * @param seed the randconfig seed (see {@link #randomSeed})
     * @return the exit status conf would return
     * @throws IOException when an output cannot be written
     */
    public int run(Mode runMode, String file, boolean silent, int seed) throws IOException {
        return doRun(runMode, file, silent, seed);
    }

    private int doRun(Mode runMode, String file, boolean silent, int seed) throws IOException {
        this.mode = runMode;
        boolean sync = mode == Mode.SYNCCONFIG;
        files.setSilent(silent || sync);
        if (mode == Mode.RANDCONFIG) {
            random = new GlibcRandom(seed);
        }
        switch (mode) {
            case DEFCONFIG -> {
                if (!files.read(file)) {
                    kc.err.accept("***\n*** Can't find default configuration \"" + file + "\"!\n***");
                    return 1;
                }
            }
            case SAVEDEFCONFIG, SYNCCONFIG, OLDASKCONFIG, OLDCONFIG, LISTNEWCONFIG, HELPNEWCONFIG, OLDDEFCONFIG,
                    YES2MODCONFIG, MOD2YESCONFIG, MOD2NOCONFIG -> files.read(null);
            case ALLNOCONFIG, ALLYESCONFIG, ALLMODCONFIG, ALLDEFCONFIG, RANDCONFIG -> {
                String name = kc.environment.get("KCONFIG_ALLCONFIG");
                if (name != null) {
                    if (!name.isEmpty() && !name.equals("1")) {
                        if (!files.readSimple(name, Symbol.S_DEF_USER)) {
                            kc.err.accept("*** Can't read seed configuration \"" + name + "\"!");
                            return 1;
                        }
                    } else {
                        String dflt = switch (mode) {
                            case ALLNOCONFIG -> "allno.config";
                            case ALLYESCONFIG -> "allyes.config";
                            case ALLMODCONFIG -> "allmod.config";
                            case ALLDEFCONFIG -> "alldef.config";
                            default -> "allrandom.config";
                        };
                        if (!files.readSimple(dflt, Symbol.S_DEF_USER)
                                && !files.readSimple("all.config", Symbol.S_DEF_USER)) {
                            kc.err.accept("*** KCONFIG_ALLCONFIG set, but no \"" + dflt
                                    + "\" or \"all.config\" file found");
                            return 1;
                        }
                    }
                }
            }
            default -> {
            }
        }
        if (files.hadWarnings() && kc.environment.get("KCONFIG_WERROR") != null) {
            return 1;
        }
        boolean noConfWrite = false;
        if (sync) {
            String ns = kc.environment.get("KCONFIG_NOSILENTUPDATE");
            if (ns != null && !ns.isEmpty()) {
                if (kc.changed) {
                    kc.err.accept("\n*** The configuration requires explicit update.\n");
                    return 1;
                }
                noConfWrite = true;
            }
        }
        switch (mode) {
            case ALLNOCONFIG -> setAllNewSymbols(Def.NO);
            case ALLYESCONFIG -> setAllNewSymbols(Def.YES);
            case ALLMODCONFIG -> setAllNewSymbols(Def.MOD);
            case ALLDEFCONFIG, DEFCONFIG -> setAllNewSymbols(Def.DEFAULT);
            case RANDCONFIG -> {
                while (setAllNewSymbols(Def.RANDOM)) {
                    // until no choice changes
                }
            }
            case YES2MODCONFIG -> rewriteTristates(YES, MOD);
            case MOD2YESCONFIG -> rewriteTristates(MOD, YES);
            case MOD2NOCONFIG -> rewriteTristates(MOD, NO);
            case OLDASKCONFIG, OLDCONFIG, LISTNEWCONFIG, HELPNEWCONFIG, SYNCCONFIG -> {
                ConfPrompter prompter = new ConfPrompter(kc, files, stdin, rawOut, mode);
                if (mode == Mode.OLDASKCONFIG) {
                    prompter.askAll();
                    mode = Mode.OLDCONFIG;
                }
                prompter.askNew();
            }
            default -> {
            }
        }
        if (kc.symWarnings > 0 && kc.environment.get("KCONFIG_WERROR") != null) {
            return 1;
        }
        if (mode == Mode.SAVEDEFCONFIG) {
            try {
                files.writeDefconfig(file);
            } catch (IOException e) {
                kc.err.accept("n*** Error while saving defconfig to: " + file + "\n");
                return 1;
            }
        } else if (mode != Mode.LISTNEWCONFIG && mode != Mode.HELPNEWCONFIG) {
            if (!noConfWrite) {
                try {
                    files.write(null);
                } catch (IOException e) {
                    kc.err.accept(e.getMessage());
                    kc.err.accept("\n*** Error during writing of the configuration.\n");
                    return 1;
                }
            }
            try {
                files.writeAutoconf(sync);
            } catch (IOException e) {
                if (sync) {
                    kc.err.accept("\n*** Error during sync of the configuration.\n");
                    return 1;
                }
            }
        }
        return 0;
    }

    private void rewriteTristates(int oldVal, int newVal) {
        for (Symbol s : kc.symbols.all()) {
            if (v.getType(s) == SymbolType.TRISTATE && s.defTri[Symbol.S_DEF_USER] == oldVal) {
                s.defTri[Symbol.S_DEF_USER] = newVal;
            }
        }
        v.clearAllValid();
    }

    private int[] probabilities() {
        int pby = 50;
        int pty = 33;
        int ptm = 33;
        String env = kc.environment.get("KCONFIG_PROBABILITY");
        int[] p = new int[3];
        int n = 0;
        int pos = 0;
        while (env != null && pos < env.length()) {
            CNumbers.Parsed parsed = CNumbers.strtoll(env.substring(pos), 10);
            long tmp = parsed.value();
            if (tmp >= 0 && tmp <= 100) {
                p[n++] = (int) tmp;
            } else {
                throw new KconfigException("KCONFIG_PROBABILITY: Numerical result out of range");
            }
            int end = pos + parsed.end();
            pos = end < env.length() && env.charAt(end) == ':' ? end + 1 : end;
            if (n >= 3) {
                break;
            }
            if (parsed.end() == 0 && (end >= env.length() || env.charAt(end) != ':')) {
                // conf would loop forever here; stop instead
                break;
            }
        }
        switch (n) {
            case 1 -> {
                pby = p[0];
                ptm = pby / 2;
                pty = pby - ptm;
            }
            case 2 -> {
                pty = p[0];
                ptm = p[1];
                pby = pty + ptm;
            }
            case 3 -> {
                pby = p[0];
                pty = p[1];
                ptm = p[2];
            }
            default -> {
            }
        }
        if (pty + ptm > 100) {
            throw new KconfigException("KCONFIG_PROBABILITY: Numerical result out of range");
        }
        return new int[] {pby, pty, ptm};
    }

    private boolean setAllNewSymbols(Def def) {
        int pby = 50;
        int pty = 33;
        int ptm = 33;
        if (def == Def.RANDOM) {
            int[] p = probabilities();
            pby = p[0];
            pty = p[1];
            ptm = p[2];
        }
        boolean hasChanged = false;
        for (Symbol sym : kc.symbols.all()) {
            if (sym.hasValue() || (sym.flags & Symbol.VALID) != 0) {
                continue;
            }
            SymbolType type = v.getType(sym);
            if (type != SymbolType.BOOLEAN && type != SymbolType.TRISTATE) {
                continue;
            }
            hasChanged = true;
            switch (def) {
                case YES -> sym.defTri[Symbol.S_DEF_USER] = YES;
                case MOD -> sym.defTri[Symbol.S_DEF_USER] = MOD;
                case NO -> sym.defTri[Symbol.S_DEF_USER] = (sym.flags & Kconfig.ALLNOCONFIG_Y) != 0 ? YES : NO;
                case RANDOM -> {
                    sym.defTri[Symbol.S_DEF_USER] = NO;
                    int cnt = random.next() % 100;
                    if (sym.type == SymbolType.TRISTATE) {
                        if (cnt < pty) {
                            sym.defTri[Symbol.S_DEF_USER] = YES;
                        } else if (cnt < pty + ptm) {
                            sym.defTri[Symbol.S_DEF_USER] = MOD;
                        }
                    } else if (cnt < pby) {
                        sym.defTri[Symbol.S_DEF_USER] = YES;
                    }
                }
                default -> {
                    continue;
                }
            }
            if (!(sym.isChoice() && def == Def.RANDOM)) {
                sym.flags |= Symbol.DEF_USER;
            }
        }
        v.clearAllValid();
        if (def != Def.RANDOM) {
            for (Symbol csym : kc.symbols.all()) {
                if ((csym.isChoice() && !csym.hasValue()) || csym.isChoiceValue()) {
                    csym.flags |= Symbol.NEED_SET_CHOICE_VALUES;
                }
            }
        }
        for (Symbol csym : kc.symbols.all()) {
            if (csym.hasValue() || !csym.isChoice()) {
                continue;
            }
            v.calcValue(csym);
            if (def == Def.RANDOM) {
                hasChanged |= randomizeChoiceValues(csym);
            } else {
                v.setAllChoiceValues(csym);
                hasChanged = true;
            }
        }
        return hasChanged;
    }

    private boolean randomizeChoiceValues(Symbol csym) {
        if (csym.currTri != YES) {
            return false;
        }
        int cnt = csym.choiceValues == null ? 0 : csym.choiceValues.size();
        int def = random.next() % cnt;
        int i = 0;
        for (Symbol sym : csym.choiceValues) {
            if (def == i++) {
                sym.defTri[Symbol.S_DEF_USER] = YES;
                csym.defVal[Symbol.S_DEF_USER] = sym;
            } else {
                sym.defTri[Symbol.S_DEF_USER] = NO;
            }
            sym.flags |= Symbol.DEF_USER;
            sym.flags &= ~Symbol.VALID;
        }
        csym.flags |= Symbol.DEF_USER;
        csym.flags &= ~Symbol.VALID;
        return true;
    }

}
