package org.xenwb.kconfig.core;

/**
 * Explains a symbol in the current configuration: definition sites, value and where it comes from, visibility and
 * the unmet parts of its dependencies (evaluated), and the symbols that select or imply it.
 *
 * <p>Reads values through the owning {@link Kconfig} (which computes them); not thread-safe.</p>
 */
public final class Explainer {
    private final Kconfig kc;
    private final Values v;

    /** @param kc the tree, with its configuration loaded */
    public Explainer(Kconfig kc) {
        this.kc = kc;
        this.v = kc.values;
    }

    /**
     * @param sym a symbol of the tree
     * @return a multi-line human-readable explanation ending with a new line
     */
    public String explain(Symbol sym) {
        StringBuilder sb = new StringBuilder();
        v.calcValue(sym);
        String value = v.stringValue(sym);
        sb.append(sym.name).append(" (").append(sym.type.displayName()).append(") = ").append(value).append('\n');
        for (MenuNode m : sym.menus) {
            sb.append("  defined at ").append(m.file).append(':').append(m.line);
            if (m.prompt != null) {
                sb.append(", prompt \"").append(m.prompt.text).append('"');
            }
            sb.append('\n');
        }
        sb.append("  visible: ").append(Tristate.of(sym.visible).letter());
        if (sym.visible == 0) {
            boolean hasPrompt = false;
            for (Property p : sym.props) {
                if (p.text != null) {
                    hasPrompt = true;
                    sb.append("\n    prompt at ").append(p.file).append(':').append(p.line).append(" hidden by: ")
                            .append(unmet(p.visibleExpr));
                }
            }
            if (!hasPrompt) {
                sb.append(" (no prompt: set only by defaults and selects)");
            }
        }
        sb.append('\n');
        sb.append("  depends on [").append(Tristate.of(sym.dirDepTri).letter()).append("]: ")
                .append(v.readableExprWithValues(sym.dirDep)).append('\n');
        if (sym.dirDepTri == 0 && sym.dirDep != null) {
            sb.append("    unmet: ").append(unmet(sym.dirDep)).append('\n');
        }
        sb.append("  why ").append(value).append(": ").append(why(sym)).append('\n');
        if (sym.revDep != null) {
            sb.append("  selected by [").append(Tristate.of(sym.revDepTri).letter()).append("]:\n");
            listTerms(sb, sym.revDep);
        }
        if (sym.implied != null) {
            sb.append("  implied by [").append(Tristate.of(sym.impliedTri).letter()).append("]:\n");
            listTerms(sb, sym.implied);
        }
        for (Property p : sym.props) {
            if (p.kind == Property.Kind.DEFAULT) {
                sb.append("  default ").append(p.expr).append(" if ").append(v.readableExprWithValues(p.visibleExpr))
                        .append(" [").append(Tristate.of(v.exprValue(p.visibleExpr)).letter()).append("] at ")
                        .append(p.file).append(':').append(p.line).append('\n');
            }
        }
        return sb.toString();
    }

    private void listTerms(StringBuilder sb, Expr e) {
        if (e.type == Expr.Type.OR) {
            listTerms(sb, e.left);
            listTerms(sb, e.right);
            return;
        }
        sb.append("    - [").append(Tristate.of(v.exprValue(e)).letter()).append("] ").append(v.readableExprWithValues(e))
                .append('\n');
    }

    private String why(Symbol sym) {
        if (sym.type == SymbolType.UNKNOWN) {
            return "undefined symbol";
        }
        if (sym.isChoiceValue() && sym.visible == 2) {
            return "choice " + sym.choice() + " selects " + sym.choice().currVal;
        }
        if (sym.visible != 0 && sym.hasValue()) {
            return "user value from the configuration";
        }
        if (sym.revDepTri != 0 && sym.revDepTri >= sym.currTri && sym.currTri != 0) {
            return "selected";
        }
        for (Property p : sym.props) {
            if (p.kind == Property.Kind.DEFAULT && v.exprValue(p.visibleExpr) != 0) {
                return "default at " + p.file + ":" + p.line;
            }
        }
        if (sym.impliedTri != 0) {
            return "implied";
        }
        return "no default applies";
    }

    /** The parts of a dependency that evaluate to n, with values. */
    private String unmet(Expr e) {
        if (e == null) {
            return "(nothing)";
        }
        if (e.type == Expr.Type.AND) {
            boolean l = v.exprValue(e.left) == 0;
            boolean r = v.exprValue(e.right) == 0;
            if (l && r) {
                return unmet(e.left) + " && " + unmet(e.right);
            }
            return l ? unmet(e.left) : r ? unmet(e.right) : v.readableExprWithValues(e);
        }
        return v.readableExprWithValues(e);
    }
}
