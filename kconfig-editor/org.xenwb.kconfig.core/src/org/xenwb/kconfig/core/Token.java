package org.xenwb.kconfig.core;

/** A token of the Kconfig language, as the C lexer produces them. */
record Token(Kind kind, String text) {

    enum Kind {
        EOF, EOL, HELPTEXT, WORD, WORD_QUOTE, ASSIGN_VAL,
        BOOL, CHOICE, COMMENT, CONFIG, DEF_BOOL, DEF_TRISTATE, DEFAULT, DEPENDS, ENDCHOICE, ENDIF, ENDMENU, HELP,
        HEX, IF, IMPLY, INT, MAINMENU, MENU, MENUCONFIG, MODULES, ON, OPTIONAL, PROMPT, RANGE, SELECT, SOURCE,
        STRING, TRISTATE, VISIBLE,
        OR, AND, EQUAL, UNEQUAL, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL, NOT, OPEN_PAREN, CLOSE_PAREN,
        COLON_EQUAL, PLUS_EQUAL
    }

    static Kind keyword(String word) {
        return switch (word) {
            case "bool" -> Kind.BOOL;
            case "choice" -> Kind.CHOICE;
            case "comment" -> Kind.COMMENT;
            case "config" -> Kind.CONFIG;
            case "def_bool" -> Kind.DEF_BOOL;
            case "def_tristate" -> Kind.DEF_TRISTATE;
            case "default" -> Kind.DEFAULT;
            case "depends" -> Kind.DEPENDS;
            case "endchoice" -> Kind.ENDCHOICE;
            case "endif" -> Kind.ENDIF;
            case "endmenu" -> Kind.ENDMENU;
            case "help" -> Kind.HELP;
            case "hex" -> Kind.HEX;
            case "if" -> Kind.IF;
            case "imply" -> Kind.IMPLY;
            case "int" -> Kind.INT;
            case "mainmenu" -> Kind.MAINMENU;
            case "menu" -> Kind.MENU;
            case "menuconfig" -> Kind.MENUCONFIG;
            case "modules" -> Kind.MODULES;
            case "on" -> Kind.ON;
            case "optional" -> Kind.OPTIONAL;
            case "prompt" -> Kind.PROMPT;
            case "range" -> Kind.RANGE;
            case "select" -> Kind.SELECT;
            case "source" -> Kind.SOURCE;
            case "string" -> Kind.STRING;
            case "tristate" -> Kind.TRISTATE;
            case "visible" -> Kind.VISIBLE;
            default -> null;
        };
    }
}
