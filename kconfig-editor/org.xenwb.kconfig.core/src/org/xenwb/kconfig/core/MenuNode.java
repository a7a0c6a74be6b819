package org.xenwb.kconfig.core;

import java.util.ArrayList;
import java.util.List;

/**
 * A node of the menu tree: a symbol definition, a choice, a {@code menu}, {@code comment} or {@code if}, linked as
 * in the C tools (first child, next sibling, parent). The tree has the shape the C tools give it after
 * finalisation, including the automatic sub-menus under symbols that others depend on.
 */
public final class MenuNode {
    MenuNode next;
    MenuNode parent;
    MenuNode list;
    Symbol sym;
    Property prompt;
    Expr visibility;
    Expr dep;
    String help;
    final String file;
    final int line;

    MenuNode(Symbol sym, MenuNode parent, String file, int line) {
        this.sym = sym;
        this.parent = parent;
        this.file = file;
        this.line = line;
    }

    /** @return the symbol defined here (for a choice, the choice symbol), or null for menus, comments, ifs */
    public Symbol symbol() {
        return sym;
    }

    /** @return the prompt property, or null */
    public Property prompt() {
        return prompt;
    }

    /** @return the dependencies of this node including those of its parents, null meaning {@code y} */
    public Expr dependencies() {
        return dep;
    }

    /** @return the {@code visible if} condition of a menu, or null */
    public Expr visibility() {
        return visibility;
    }

    /** @return the help text, or null */
    public String help() {
        return help;
    }

    /** @return the file as named by {@code source} */
    public String file() {
        return file;
    }

    /** @return the line of the defining statement (1-based) */
    public int line() {
        return line;
    }

    /** @return the parent node (null for the root) */
    public MenuNode parent() {
        return parent;
    }

    /** @return the children in order */
    public List<MenuNode> children() {
        List<MenuNode> out = new ArrayList<>();
        for (MenuNode m = list; m != null; m = m.next) {
            out.add(m);
        }
        return out;
    }

    /** @return the prompt text, else the symbol name, else null (menu_get_prompt) */
    public String promptText() {
        if (prompt != null) {
            return prompt.text;
        }
        return sym != null ? sym.name : null;
    }

    @Override
    public String toString() {
        return (sym != null ? (sym.name == null ? "<choice>" : sym.name) : String.valueOf(promptText()))
                + " @" + file + ":" + line;
    }
}
