package org.xenwb.xsm.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.xenwb.xsm.xsm.Macro;
import org.xenwb.xsm.xsm.MacroArgument;
import org.xenwb.xsm.xsm.MacroCall;
import org.xenwb.xsm.xsm.MacroParameter;

/**
 * The arguments one macro call gives its parameters, and the name rules of a macro body: a parameter's name stands
 * for its argument, {@code $PARAM} followed by more name characters pastes the argument and the rest into one name
 * (the longest parameter name that fits wins), and a variadic parameter stands for all remaining arguments.
 * Immutable.
 */
public final class MacroBindings {

    /** No macro: every name stands for itself. */
    public static final MacroBindings NONE = new MacroBindings(Map.of(), Map.of());

    private final Map<String, String> single;
    private final Map<String, List<String>> variadic;

    private MacroBindings(Map<String, String> single, Map<String, List<String>> variadic) {
        this.single = single;
        this.variadic = variadic;
    }

    /**
     * @param call a call whose macro reference is resolved
     * @param outer the bindings in force where the call is (its arguments may name the caller's parameters)
     * @return the call's bindings
     * @throws IllegalArgumentException when the number of arguments does not fit the macro's parameters
     */
    public static MacroBindings of(MacroCall call, MacroBindings outer) {
        Macro macro = call.getMacro();
        List<MacroParameter> parameters = macro.getParameters();
        List<MacroArgument> arguments = call.getArguments();
        boolean isVariadic = !parameters.isEmpty() && parameters.get(parameters.size() - 1).isVariadic();
        int fixed = isVariadic ? parameters.size() - 1 : parameters.size();
        if (arguments.size() < fixed || (!isVariadic && arguments.size() > fixed)) {
            throw new IllegalArgumentException("macro " + macro.getName() + " takes " + (isVariadic ? "at least " : "")
                    + fixed + " argument" + (fixed == 1 ? "" : "s") + ", given " + arguments.size());
        }
        Map<String, String> single = new HashMap<>();
        for (int i = 0; i < fixed; i++) {
            single.put(parameters.get(i).getName(), outer.argumentText(arguments.get(i)));
        }
        Map<String, List<String>> rest = new HashMap<>();
        if (isVariadic) {
            List<String> values = new ArrayList<>();
            for (int i = fixed; i < arguments.size(); i++) {
                values.add(outer.argumentText(arguments.get(i)));
            }
            rest.put(parameters.get(fixed).getName(), values);
        }
        return new MacroBindings(single, rest);
    }

    /** @return whether the name is a variadic parameter of the macro */
    public boolean isVariadic(String name) {
        return variadic.containsKey(name);
    }

    /** @return the arguments a variadic parameter received (empty for other names) */
    public List<String> variadicValues(String name) {
        return variadic.getOrDefault(name, List.of());
    }

    /**
     * @param name an identifier of the macro body (not a variadic parameter)
     * @return what it stands for: the argument of a parameter, a pasted name, or the name itself
     */
    public String substitute(String name) {
        String bound = single.get(name);
        if (bound != null) {
            return bound;
        }
        if (name.startsWith("$")) {
            String parameter = pastedParameter(name, single.keySet());
            if (parameter != null) {
                return single.get(parameter) + name.substring(1 + parameter.length());
            }
        }
        return name;
    }

    /**
     * The parameter a {@code $}-name pastes from: the longest of the given names that follows the {@code $}.
     *
     * @param name a name starting with {@code $}
     * @param parameters the parameter names
     * @return the parameter, or null when none fits
     */
    public static String pastedParameter(String name, Iterable<String> parameters) {
        String best = null;
        for (String parameter : parameters) {
            if (name.startsWith(parameter, 1) && (best == null || parameter.length() > best.length())) {
                best = parameter;
            }
        }
        return best;
    }

    private String argumentText(MacroArgument argument) {
        List<String> names = new ArrayList<>();
        for (String name : argument.getNames()) {
            if (isVariadic(name)) {
                names.addAll(variadicValues(name));
            } else {
                names.add(substitute(name));
            }
        }
        return names.size() == 1 ? names.get(0) : "{ " + String.join(" ", names) + " }";
    }
}
