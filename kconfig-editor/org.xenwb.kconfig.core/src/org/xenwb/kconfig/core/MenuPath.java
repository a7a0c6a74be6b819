package org.xenwb.kconfig.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Names the menu a symbol lives in, for reports grouped by menu: the prompts of the enclosing menus, choices and
 * {@code menuconfig} entries of its first definition, outermost first, joined with {@code " > "}. Stateless.
 */
public final class MenuPath {
    /** The group name of symbols defined at the top level (or not defined at all). */
    public static final String TOP = "(top level)";

    private MenuPath() {
    }

    /**
     * @param sym a symbol
     * @return its menu path, or {@link #TOP}
     */
    public static String of(Symbol sym) {
        if (sym.menus.isEmpty()) {
            return TOP;
        }
        List<String> names = new ArrayList<>();
        for (MenuNode m = sym.menus.get(0).parent; m != null && m.parent != null; m = m.parent) {
            String p = m.promptText();
            if (m.prompt != null && p != null) {
                names.add(p);
            }
        }
        if (names.isEmpty()) {
            return TOP;
        }
        Collections.reverse(names);
        return String.join(" > ", names);
    }

    /**
     * @param sym a symbol
     * @return the text of its first prompt, or null when it has none
     */
    public static String prompt(Symbol sym) {
        for (Property p : sym.props) {
            if (p.text != null) {
                return p.text;
            }
        }
        return null;
    }
}
