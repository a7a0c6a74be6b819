package org.xenwb.kconfig.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A parsed Kconfig tree with its configuration state: the engine's entry point.
 *
 * <p>{@link #load} parses a tree with the semantics of Linux 6.1's C kconfig (and the older forms Xen 4.17 uses),
 * then {@link ConfigFiles} and {@link ConfMode} read, compute and write configurations exactly as {@code conf}
 * does. Symbol values are computed lazily and cached; any change invalidates the cache. An instance is not
 * thread-safe and holds the state of one configuration session.</p>
 */
public final class Kconfig {

    /** Symbol flag of Xen 4.17's {@code option allnoconfig_y}. */
    static final int ALLNOCONFIG_Y = 0x4000;

    /**
     * How to load a tree.
     *
     * @param workDir the directory {@code conf} would run in: relative file names resolve against it, then against
     *        {@code $srctree}
     * @param environment the process environment the tree sees through {@code $(VAR)} and {@code conf} options
     * @param shell decides which {@code $(shell,...)} commands run
     * @param out receives what {@code conf} prints on standard output ({@code $(info,...)}, messages), one line each
     * @param err receives warnings and diagnostics, one message each
     * @param shellCache outputs of allowed commands remembered across loads, or null to run every command
     */
    public record Options(Path workDir, Map<String, String> environment, ShellPolicy shell, Consumer<String> out,
            Consumer<String> err, ShellOutputCache shellCache) {
        /** Checks that no component but {@code shellCache} is null. */
        public Options {
            Objects.requireNonNull(workDir);
            Objects.requireNonNull(environment);
            Objects.requireNonNull(shell);
            Objects.requireNonNull(out);
            Objects.requireNonNull(err);
        }

        /** Options that run every allowed {@code $(shell,...)} command afresh (no {@link ShellOutputCache}). */
        public Options(Path workDir, Map<String, String> environment, ShellPolicy shell, Consumer<String> out,
                Consumer<String> err) {
            this(workDir, environment, shell, out, err, null);
        }
    }

    final SymbolTable symbols = new SymbolTable();
    final MenuNode rootMenu = new MenuNode(null, null, "", 0);
    final Map<String, String> environment;
    final Path workDir;
    final Preprocessor preprocessor;
    final Consumer<String> out;
    final Consumer<String> err;
    final List<String> errors = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    /** file_list order: newest first. */
    final List<String> files = new ArrayList<>();
    Symbol modulesSym;
    int modulesVal;
    Symbol defconfigListSym;
    final Values values;
    final UserValues userValues;
    boolean changed;
    int symWarnings;

    private Kconfig(Options options) {
        this.environment = options.environment();
        this.workDir = options.workDir();
        this.out = options.out();
        this.err = options.err();
        this.preprocessor = new Preprocessor(environment, options.shell(), workDir, out, err, options.shellCache());
        this.values = new Values(this);
        this.userValues = new UserValues(this);
    }

    /**
     * Parses a Kconfig tree (conf_parse).
     *
     * @param kconfig the top file, as passed to {@code conf} (relative to the work directory or {@code $srctree})
     * @param options environment and policies
     * @return the finalised tree, no values computed yet
     * @throws KconfigException on a file that cannot be read or a tree with errors; the message lists every error
     *         with {@code file:line}
     */
    public static Kconfig load(String kconfig, Options options) {
        Kconfig kc = new Kconfig(options);
        kc.parse(kconfig);
        return kc;
    }

    private void parse(String name) {
        Path top = resolve(name);
        if (top == null) {
            throw new KconfigException("can't find file " + name);
        }
        Lexer lexer = new Lexer(preprocessor, this::warn);
        try {
            lexer.pushFile(name, Files.readString(top, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new KconfigException("can't find file " + name, e);
        }
        fileLookup(name);
        new Parser(this, lexer).parse();
        if (!errors.isEmpty()) {
            throw new KconfigException(String.join("\n", errors));
        }
        if (modulesSym == null) {
            modulesSym = symbols.find("n");
        }
        if (rootMenu.prompt == null) {
            Property p = new Property(Property.Kind.MENU, null, null, rootMenu, "", 0);
            p.text = "Main menu";
            rootMenu.prompt = p;
        }
        new MenuFinalizer(this).finalizeMenu(rootMenu);
        DependencyChecker.check(this);
        if (!errors.isEmpty()) {
            throw new KconfigException(String.join("\n", errors));
        }
        changed = true;
    }

    void warn(String message) {
        warnings.add(message);
        err.accept(message);
    }

    void fileLookup(String name) {
        if (!files.contains(name)) {
            files.add(0, name);
        }
    }

    /** Search roots of zconf_fopen: the work directory, then {@code $srctree}. */
    List<Path> searchRoots() {
        List<Path> roots = new ArrayList<>();
        roots.add(workDir);
        String srctree = environment.get("srctree");
        if (srctree != null) {
            roots.add(workDir.resolve(srctree));
        }
        return roots;
    }

    /** zconf_fopen: the file as named, else under {@code $srctree}; null when neither exists. */
    Path resolve(String name) {
        Path p = workDir.resolve(name);
        if (Files.isRegularFile(p)) {
            return p;
        }
        if (!name.startsWith("/")) {
            String srctree = environment.get("srctree");
            if (srctree != null) {
                Path q = workDir.resolve(srctree).resolve(name);
                if (Files.isRegularFile(q)) {
                    return q;
                }
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- public API

    /** @return the root of the menu tree (its prompt is the {@code mainmenu} text) */
    public MenuNode rootMenu() {
        return rootMenu;
    }

    /**
     * @param name a symbol name
     * @return the defined or referenced non-constant symbol of that name, or null
     */
    public Symbol symbol(String name) {
        return symbols.find(name);
    }

    /** @return every symbol, constants included, in the iteration order of the C tools */
    public List<Symbol> allSymbols() {
        return Collections.unmodifiableList(symbols.all());
    }

    /** @return the Kconfig files read, the top file last (the order of the C tools' file list) */
    public List<String> files() {
        return Collections.unmodifiableList(files);
    }

    /** @return parser and evaluation warnings so far, with {@code file:line} */
    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    /** @return every {@code $(shell,...)} call met while parsing, run or skipped */
    public List<ShellPolicy.Call> shellCalls() {
        return Collections.unmodifiableList(preprocessor.shellCalls());
    }

    /** @return the environment variables the tree referenced, with the values used */
    public Map<String, String> usedEnvironment() {
        return Collections.unmodifiableMap(preprocessor.usedEnvironment());
    }

    /** @return the {@code modules} symbol, or the constant {@code n} when the tree has none */
    public Symbol modulesSymbol() {
        return modulesSym;
    }

    /**
     * @param sym a symbol of this tree
     * @return its current value as written to {@code .config} ({@code y}/{@code m}/{@code n} or the text)
     */
    public String value(Symbol sym) {
        values.calcValue(sym);
        return values.stringValue(sym);
    }

    /**
     * @param sym a bool or tristate symbol of this tree
     * @return its current tristate value
     */
    public Tristate tristate(Symbol sym) {
        values.calcValue(sym);
        return Tristate.of(values.tristateValue(sym));
    }

    /**
     * @param sym a symbol
     * @return the highest value its prompts allow (n when it has no visible prompt)
     */
    public Tristate visibility(Symbol sym) {
        values.calcValue(sym);
        return Tristate.of(sym.visible);
    }

    /**
     * Evaluates an expression in the current configuration.
     *
     * @param e an expression of this tree, null meaning y
     * @return its value
     */
    public Tristate evaluate(Expr e) {
        return Tristate.of(values.exprValue(e));
    }

    /**
     * Sets a user value, as the C tools' front ends do (sym_set_string_value).
     *
     * @param sym a symbol
     * @param value {@code y}/{@code m}/{@code n} or a string/number
     * @return false when the value is out of range or the symbol cannot take it
     */
    public boolean setValue(Symbol sym, String value) {
        return userValues.setStringValue(sym, value);
    }

    /**
     * Prints an expression the way the C tools print dependencies, each symbol followed by {@code [=value]}.
     *
     * @param e the expression, null meaning y
     * @return the text
     */
    public String describe(Expr e) {
        return values.exprWithValues(e);
    }
}
