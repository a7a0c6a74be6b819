package org.xenwb.kconfig.core;


/**
 * Recursive-descent parser for the grammar of Linux 6.1's {@code parser.y}, building the menu tree the way
 * {@code menu.c} does, plus the forms Xen 4.17 and Kconfiglib use ({@code ---help---}, {@code option ...},
 * {@code osource}, {@code rsource}, {@code orsource} and globs in {@code source}).
 *
 * <p>Errors are collected with {@code file:line:} and reported together in one {@link KconfigException}.</p>
 */
final class Parser {

    private enum Ctx { TOP, CHOICE, MENU, IF, IF_IN_CHOICE }

    private final Kconfig kc;
    private final Lexer lexer;
    private final Includes includes;
    private Token la;
    private MenuNode currentMenu;
    private MenuNode currentEntry;
    /** Where the next entry is appended: the node whose next (or list when {@link #appendAsList}) gets it. */
    private MenuNode lastEntry;
    private boolean appendAsList;

    Parser(Kconfig kc, Lexer lexer) {
        this.kc = kc;
        this.lexer = lexer;
        this.includes = new Includes(kc, lexer);
    }

    // ---------------------------------------------------------------- tokens

    private Token peek() {
        if (la == null) {
            la = lexer.next();
        }
        return la;
    }

    private Token take() {
        Token t = peek();
        la = null;
        return t;
    }

    private boolean at(Token.Kind k) {
        return peek().kind() == k;
    }

    private final class SyntaxError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SyntaxError() {
            super(null, null, false, false);
        }
    }

    private Token expect(Token.Kind k) {
        if (!at(k)) {
            throw new SyntaxError();
        }
        return take();
    }

    private void error(String message) {
        kc.errors.add(lexer.stmtFile() + ":" + lexer.stmtLine() + ": " + message);
    }

    private void warning(String message) {
        kc.warn(lexer.stmtFile() + ":" + lexer.stmtLine() + ": " + message);
    }

    /**
     * After a syntax error: report it and skip to the end of the statement, like bison's {@code error T_EOL} rule
     * (the C tools report the syntax error one line below the statement, then the statement).
     */
    private void recover() {
        syntaxError();
        boolean eof = at(Token.Kind.EOF);
        while (!at(Token.Kind.EOL) && !at(Token.Kind.EOF)) {
            take();
        }
        if (at(Token.Kind.EOL)) {
            take();
        }
        if (!eof) {
            error("invalid statement");
        }
    }

    private void syntaxError() {
        kc.errors.add(lexer.stmtFile() + ":" + (lexer.stmtLine() + 1) + ": syntax error");
    }

    // ---------------------------------------------------------------- menu building (menu.c)

    void parse() {
        currentMenu = kc.rootMenu;
        currentEntry = kc.rootMenu;
        lastEntry = kc.rootMenu;
        appendAsList = true;
        if (at(Token.Kind.MAINMENU)) {
            statement(Ctx.TOP);
        }
        stmtList(Ctx.TOP);
    }

    private void addEntry(Symbol sym) {
        MenuNode m = new MenuNode(sym, currentMenu, lexer.stmtFile(), lexer.stmtLine());
        if (appendAsList) {
            lastEntry.list = m;
        } else {
            lastEntry.next = m;
        }
        lastEntry = m;
        appendAsList = false;
        currentEntry = m;
        if (sym != null) {
            sym.menus.add(m);
            addSymbolProp(Property.Kind.SYMBOL, sym, null);
        }
    }

    private MenuNode addMenu() {
        lastEntry = currentEntry;
        appendAsList = true;
        currentMenu = currentEntry;
        return currentMenu;
    }

    private void endMenu() {
        lastEntry = currentMenu;
        appendAsList = false;
        currentMenu = currentMenu.parent;
    }

    private Property addProp(Property.Kind kind, Expr expr, Expr dep) {
        Property p = new Property(kind, expr, dep, currentEntry, lexer.stmtFile(), lexer.stmtLine());
        if (currentEntry.sym != null) {
            currentEntry.sym.props.add(p);
        }
        return p;
    }

    private void addSymbolProp(Property.Kind kind, Symbol sym, Expr dep) {
        addProp(kind, Expr.symbol(sym), dep);
    }

    private void addPrompt(Property.Kind kind, String prompt, Expr dep) {
        Property p = addProp(kind, null, dep);
        if (!prompt.isEmpty() && Character.isWhitespace(prompt.charAt(0))) {
            kc.warn(p.file + ":" + p.line + ":warning: leading whitespace ignored");
            prompt = prompt.stripLeading();
        }
        if (currentEntry.prompt != null) {
            kc.warn(p.file + ":" + p.line + ":warning: prompt redefined");
        }
        if (kind == Property.Kind.PROMPT) {
            for (MenuNode m = currentEntry.parent; m != null; m = m.parent) {
                if (m.visibility != null) {
                    p.visibleExpr = Expr.and(p.visibleExpr, m.visibility.copy());
                }
            }
        }
        currentEntry.prompt = p;
        p.text = prompt;
    }

    private void setType(SymbolType type) {
        Symbol sym = currentEntry.sym;
        if (sym.type == type) {
            return;
        }
        if (sym.type == SymbolType.UNKNOWN) {
            sym.type = type;
            return;
        }
        kc.warn(currentEntry.file + ":" + currentEntry.line + ":warning: ignoring type redefinition of '"
                + (sym.name != null ? sym.name : "<choice>") + "' from '" + sym.type.displayName() + "' to '"
                + type.displayName() + "'");
    }

    // ---------------------------------------------------------------- statements

    private void stmtList(Ctx ctx) {
        while (true) {
            Token t = peek();
            switch (t.kind()) {
                case EOF -> {
                    if (ctx != Ctx.TOP) {
                        syntaxError();
                        kc.errors.add(currentMenu.file + ":" + currentMenu.line
                                + ": missing end statement for this entry");
                    }
                    return;
                }
                case ENDMENU, ENDCHOICE, ENDIF -> {
                    if (ctx == Ctx.TOP) {
                        take();
                        recover();
                        continue;
                    }
                    return;
                }
                default -> {
                }
            }
            try {
                statement(ctx);
            } catch (SyntaxError e) {
                recover();
            }
        }
    }

    private void statement(Ctx ctx) {
        Token t = peek();
        boolean inChoice = ctx == Ctx.CHOICE || ctx == Ctx.IF_IN_CHOICE;
        switch (t.kind()) {
            case MAINMENU -> {
                take();
                String text = expect(Token.Kind.WORD_QUOTE).text();
                expect(Token.Kind.EOL);
                addPrompt(Property.Kind.MENU, text, null);
            }
            case CONFIG, MENUCONFIG -> configStmt(take().kind() == Token.Kind.MENUCONFIG);
            case COMMENT -> {
                take();
                String text = expect(Token.Kind.WORD_QUOTE).text();
                expect(Token.Kind.EOL);
                addEntry(null);
                addPrompt(Property.Kind.COMMENT, text, null);
                while (at(Token.Kind.DEPENDS)) {
                    depends();
                }
            }
            case IF -> {
                take();
                Expr e = expr();
                expect(Token.Kind.EOL);
                addEntry(null);
                currentEntry.dep = Expr.and(currentEntry.dep, e);
                addMenu();
                stmtList(inChoice ? Ctx.IF_IN_CHOICE : Ctx.IF);
                endToken("if");
            }
            case CHOICE -> {
                if (inChoice) {
                    throw new SyntaxError();
                }
                choiceStmt();
            }
            case MENU -> {
                if (inChoice) {
                    throw new SyntaxError();
                }
                take();
                String text = expect(Token.Kind.WORD_QUOTE).text();
                expect(Token.Kind.EOL);
                addEntry(null);
                addPrompt(Property.Kind.MENU, text, null);
                while (true) {
                    if (at(Token.Kind.VISIBLE)) {
                        take();
                        Expr e = ifExpr();
                        expect(Token.Kind.EOL);
                        currentEntry.visibility = Expr.and(currentEntry.visibility, e);
                    } else if (at(Token.Kind.DEPENDS)) {
                        depends();
                    } else {
                        break;
                    }
                }
                addMenu();
                stmtList(Ctx.MENU);
                endToken("menu");
            }
            case SOURCE -> {
                if (inChoice) {
                    throw new SyntaxError();
                }
                take();
                String file = expect(Token.Kind.WORD_QUOTE).text();
                expect(Token.Kind.EOL);
                includes.source(file, false, false);
            }
            case WORD -> {
                String word = take().text();
                if (!inChoice && (at(Token.Kind.EQUAL) || at(Token.Kind.COLON_EQUAL) || at(Token.Kind.PLUS_EQUAL))) {
                    String op = switch (take().kind()) {
                        case EQUAL -> "=";
                        case COLON_EQUAL -> ":=";
                        default -> "+=";
                    };
                    String value = at(Token.Kind.ASSIGN_VAL) ? take().text() : "";
                    expect(Token.Kind.EOL);
                    kc.preprocessor.addVariable(word, value, op);
                    return;
                }
                if (!inChoice && (word.equals("osource") || word.equals("rsource") || word.equals("orsource"))
                        && at(Token.Kind.WORD_QUOTE)) {
                    String file = take().text();
                    expect(Token.Kind.EOL);
                    includes.source(file, word.startsWith("o"), word.contains("r"));
                    return;
                }
                syntaxError();
                error("unknown statement \"" + word + "\"");
                while (!at(Token.Kind.EOL) && !at(Token.Kind.EOF)) {
                    take();
                }
                if (at(Token.Kind.EOL)) {
                    take();
                }
            }
            default -> throw new SyntaxError();
        }
    }

    private void endToken(String expected) {
        Token t = peek();
        String got = switch (t.kind()) {
            case ENDMENU -> "menu";
            case ENDCHOICE -> "choice";
            case ENDIF -> "if";
            default -> null;
        };
        if (got == null) {
            return; // EOF: already reported by stmtList
        }
        take();
        expect(Token.Kind.EOL);
        if (!got.equals(expected)) {
            error("unexpected '" + got + "' within " + expected + " block");
            return;
        }
        if (!currentMenu.file.equals(lexer.stmtFile())) {
            error("'" + got + "' in different file than '" + expected + "'");
            kc.errors.add(currentMenu.file + ":" + currentMenu.line + ": location of the '" + expected + "'");
            return;
        }
        endMenu();
    }

    private void configStmt(boolean menuconfig) {
        String name = expect(Token.Kind.WORD).text();
        expect(Token.Kind.EOL);
        Symbol sym = kc.symbols.lookup(name, 0);
        sym.flags |= Symbol.OPTIONAL;
        addEntry(sym);
        configOptions(false);
        if (menuconfig) {
            if (currentEntry.prompt != null) {
                currentEntry.prompt.kind = Property.Kind.MENU;
            } else {
                warning("warning: menuconfig statement without prompt");
            }
        }
    }

    private void choiceStmt() {
        take();
        String name = at(Token.Kind.WORD) ? take().text() : null;
        expect(Token.Kind.EOL);
        Symbol sym = kc.symbols.lookup(name, Symbol.CHOICE);
        sym.flags |= Symbol.NO_WRITE;
        addEntry(sym);
        addProp(Property.Kind.CHOICE, null, null);
        configOptions(true);
        addMenu();
        stmtList(Ctx.CHOICE);
        endToken("choice");
    }

    private void configOptions(boolean choice) {
        while (true) {
            Token t = peek();
            try {
                switch (t.kind()) {
                    case BOOL, TRISTATE, INT, HEX, STRING -> {
                        if (choice && t.kind() != Token.Kind.BOOL && t.kind() != Token.Kind.TRISTATE) {
                            return;
                        }
                        take();
                        if (at(Token.Kind.WORD_QUOTE)) {
                            String prompt = take().text();
                            addPrompt(Property.Kind.PROMPT, prompt, ifExpr());
                        }
                        expect(Token.Kind.EOL);
                        setType(typeOf(t.kind()));
                    }
                    case PROMPT -> {
                        take();
                        String prompt = expect(Token.Kind.WORD_QUOTE).text();
                        Expr cond = ifExpr();
                        expect(Token.Kind.EOL);
                        addPrompt(Property.Kind.PROMPT, prompt, cond);
                    }
                    case DEFAULT, DEF_BOOL, DEF_TRISTATE -> {
                        if (choice && t.kind() != Token.Kind.DEFAULT) {
                            return;
                        }
                        take();
                        if (choice) {
                            Symbol s = kc.symbols.lookup(expect(Token.Kind.WORD).text(), 0);
                            Expr cond = ifExpr();
                            expect(Token.Kind.EOL);
                            addSymbolProp(Property.Kind.DEFAULT, s, cond);
                        } else {
                            Expr e = expr();
                            Expr cond = ifExpr();
                            expect(Token.Kind.EOL);
                            addProp(Property.Kind.DEFAULT, e, cond);
                            if (t.kind() != Token.Kind.DEFAULT) {
                                setType(t.kind() == Token.Kind.DEF_BOOL ? SymbolType.BOOLEAN : SymbolType.TRISTATE);
                            }
                        }
                    }
                    case SELECT, IMPLY -> {
                        if (choice) {
                            return;
                        }
                        take();
                        Symbol s = kc.symbols.lookup(expect(Token.Kind.WORD).text(), 0);
                        Expr cond = ifExpr();
                        expect(Token.Kind.EOL);
                        addSymbolProp(t.kind() == Token.Kind.SELECT ? Property.Kind.SELECT : Property.Kind.IMPLY, s,
                                cond);
                    }
                    case RANGE -> {
                        if (choice) {
                            return;
                        }
                        take();
                        Symbol a = symbol();
                        Symbol b = symbol();
                        Expr cond = ifExpr();
                        expect(Token.Kind.EOL);
                        addProp(Property.Kind.RANGE, Expr.comp(Expr.Type.RANGE, a, b), cond);
                    }
                    case MODULES -> {
                        if (choice) {
                            return;
                        }
                        take();
                        expect(Token.Kind.EOL);
                        setModules();
                    }
                    case OPTIONAL -> {
                        if (!choice) {
                            return;
                        }
                        take();
                        expect(Token.Kind.EOL);
                        currentEntry.sym.flags |= Symbol.OPTIONAL;
                    }
                    case DEPENDS -> depends();
                    case HELP -> {
                        take();
                        expect(Token.Kind.EOL);
                        help();
                    }
                    case WORD -> {
                        if (t.text().equals("---help---")) {
                            take();
                            expect(Token.Kind.EOL);
                            help();
                        } else if (t.text().equals("option") && !choice) {
                            take();
                            option();
                        } else {
                            return;
                        }
                    }
                    default -> {
                        return;
                    }
                }
            } catch (SyntaxError e) {
                recover();
            }
        }
    }

    private void setModules() {
        if (kc.modulesSym != null) {
            error("symbol '" + currentEntry.sym.name + "' redefines option 'modules' already defined by symbol '"
                    + kc.modulesSym.name + "'");
        }
        kc.modulesSym = currentEntry.sym;
    }

    /** Xen 4.17 (Linux before 5.13): {@code option modules|defconfig_list|allnoconfig_y|env="VAR"}. */
    private void option() {
        Token t = take();
        String what = t.kind() == Token.Kind.MODULES ? "modules" : t.text();
        if (what == null) {
            throw new SyntaxError();
        }
        String arg = null;
        if (at(Token.Kind.EQUAL)) {
            take();
            arg = take().text();
        }
        expect(Token.Kind.EOL);
        switch (what) {
            case "modules" -> setModules();
            case "defconfig_list" -> {
                if (kc.defconfigListSym == null) {
                    kc.defconfigListSym = currentEntry.sym;
                    currentEntry.sym.flags |= Symbol.NO_WRITE;
                } else if (kc.defconfigListSym != currentEntry.sym) {
                    error("trying to redefine defconfig symbol");
                }
            }
            case "allnoconfig_y" -> currentEntry.sym.flags |= Kconfig.ALLNOCONFIG_Y;
            case "env" -> {
                currentEntry.sym.flags |= Symbol.NO_WRITE;
                String value = kc.environment.get(arg == null ? "" : arg);
                if (value != null) {
                    addProp(Property.Kind.DEFAULT, Expr.symbol(kc.symbols.lookup(value, Symbol.CONST)), null);
                }
            }
            default -> warning("warning: ignoring unknown option " + what);
        }
    }

    private void depends() {
        take();
        expect(Token.Kind.ON);
        Expr e = expr();
        expect(Token.Kind.EOL);
        currentEntry.dep = Expr.and(currentEntry.dep, e);
    }

    private void help() {
        lexer.startHelp();
        Token t = expect(Token.Kind.HELPTEXT);
        String text = t.text();
        if (currentEntry.help != null) {
            warning("warning: '" + (currentEntry.sym != null && currentEntry.sym.name != null
                    ? currentEntry.sym.name : "<choice>") + "' defined with more than one help text -- only the"
                    + " last one will be used");
        }
        if (text.isBlank()) {
            warning("warning: '" + (currentEntry.sym != null && currentEntry.sym.name != null
                    ? currentEntry.sym.name : "<choice>") + "' defined with blank help text");
        }
        currentEntry.help = text;
    }

    private static SymbolType typeOf(Token.Kind k) {
        return switch (k) {
            case BOOL -> SymbolType.BOOLEAN;
            case TRISTATE -> SymbolType.TRISTATE;
            case INT -> SymbolType.INT;
            case HEX -> SymbolType.HEX;
            default -> SymbolType.STRING;
        };
    }

    // ---------------------------------------------------------------- expressions

    private Expr ifExpr() {
        if (at(Token.Kind.IF)) {
            take();
            return expr();
        }
        return null;
    }

    private Expr expr() {
        Expr e = andExpr();
        while (at(Token.Kind.OR)) {
            take();
            e = Expr.two(Expr.Type.OR, e, andExpr());
        }
        return e;
    }

    private Expr andExpr() {
        Expr e = primary();
        while (at(Token.Kind.AND)) {
            take();
            e = Expr.two(Expr.Type.AND, e, primary());
        }
        return e;
    }

    private Expr primary() {
        if (at(Token.Kind.NOT)) {
            take();
            return Expr.one(Expr.Type.NOT, primary());
        }
        if (at(Token.Kind.OPEN_PAREN)) {
            take();
            Expr e = expr();
            expect(Token.Kind.CLOSE_PAREN);
            return e;
        }
        Symbol a = symbol();
        Expr.Type cmp = switch (peek().kind()) {
            case EQUAL -> Expr.Type.EQUAL;
            case UNEQUAL -> Expr.Type.UNEQUAL;
            case LESS -> Expr.Type.LTH;
            case LESS_EQUAL -> Expr.Type.LEQ;
            case GREATER -> Expr.Type.GTH;
            case GREATER_EQUAL -> Expr.Type.GEQ;
            default -> null;
        };
        if (cmp == null) {
            return Expr.symbol(a);
        }
        take();
        return Expr.comp(cmp, a, symbol());
    }

    private Symbol symbol() {
        Token t = take();
        if (t.kind() == Token.Kind.WORD) {
            return kc.symbols.lookup(t.text(), 0);
        }
        if (t.kind() == Token.Kind.WORD_QUOTE) {
            return kc.symbols.lookup(t.text(), Symbol.CONST);
        }
        la = t;
        throw new SyntaxError();
    }
}
