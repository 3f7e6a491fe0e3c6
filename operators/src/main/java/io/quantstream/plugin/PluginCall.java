package io.quantstream.plugin;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plug-in as a config names it: {@code name}, {@code name(10)}, {@code name(10, slow=30)} —
 * positional values first, bound to the parameters in declared order, then {@code key=value}
 * pairs; parameters not given take their defaults.
 *
 * <pre>{@code
 * PluginCall call = PluginCall.parse("kama(10, slow=30)");   // null: not a call
 * Parameters values = call.bind(plugin);                     // or IllegalArgumentException
 * call.canonical(plugin, values);                            // kama(window=10,fast=2,slow=30)
 * call.outputName();                                         // kama_10_30
 * }</pre>
 */
public final class PluginCall {

    private static final Pattern CALL = Pattern.compile(
            "\\s*([a-z][a-z0-9_]*)\\s*(?:\\((.*)\\))?\\s*", Pattern.DOTALL);
    private static final Pattern NAMED = Pattern.compile("\\s*([A-Za-z][A-Za-z0-9_]*)\\s*=(.*)");

    private final String name;
    private final List<String> positional = new ArrayList<>();
    private final LinkedHashMap<String, String> named = new LinkedHashMap<>();
    private final List<String> given = new ArrayList<>();

    private PluginCall(String name) {
        this.name = name;
    }

    /**
     * The call {@code text} writes, or null when it is not one (upper case, an expression, an
     * unbalanced parenthesis); its values are checked by {@link #bind}.
     */
    public static PluginCall parse(String text) {
        Matcher m = CALL.matcher(text == null ? "" : text);
        if (!m.matches() || m.group(2) != null && m.group(2).matches(".*[()].*")) {
            return null;
        }
        PluginCall call = new PluginCall(m.group(1));
        String args = m.group(2);
        if (args != null && !args.isBlank()) {
            for (String arg : args.split(",", -1)) {
                Matcher pair = NAMED.matcher(arg);
                if (pair.matches()) {
                    call.named.put(pair.group(1), pair.group(2).trim());
                } else {
                    call.positional.add(arg.trim());
                }
            }
        }
        return call;
    }

    /** The plug-in's name, e.g. {@code kama}. */
    public String name() {
        return name;
    }

    /**
     * The values of {@code plugin}'s parameters this call gives, and the defaults of the others.
     *
     * @throws IllegalArgumentException naming the mistake and the plug-in's parameters: an empty
     *     value, a positional value after a named one or beyond the parameters, an unknown or
     *     twice-given parameter, a value that is not a number, not whole or out of range
     */
    public Parameters bind(Plugin<?> plugin) {
        List<Parameter> declared = plugin.parameters();
        Map<String, String> texts = new LinkedHashMap<>();
        if (positional.size() > declared.size()) {
            throw problem(plugin, positional.size() + " values for " + declared.size()
                    + " parameters");
        }
        for (int i = 0; i < positional.size(); i++) {
            texts.put(declared.get(i).name(), positional.get(i));
        }
        for (Map.Entry<String, String> pair : named.entrySet()) {
            if (declared.stream().noneMatch(p -> p.name().equals(pair.getKey()))) {
                throw problem(plugin, "unknown parameter '" + pair.getKey() + "'");
            }
            if (texts.put(pair.getKey(), pair.getValue()) != null) {
                throw problem(plugin, "parameter " + pair.getKey() + " given twice");
            }
        }
        LinkedHashMap<String, Double> values = new LinkedHashMap<>();
        given.clear();
        for (Parameter p : declared) {
            String text = texts.get(p.name());
            values.put(p.name(), text == null ? p.defaultValue() : value(plugin, p, text));
            if (text != null) {
                given.add(format(values.get(p.name())));
            }
        }
        return new Parameters(values);
    }

    private static double value(Plugin<?> plugin, Parameter p, String text) {
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw problem(plugin, "parameter " + p.name() + ": '" + text + "' is not a number");
        }
        if (!(v >= p.min() && v <= p.max()) || p.wholeNumber() && v != Math.rint(v)) {
            throw problem(plugin, "parameter " + p.name() + " must be a "
                    + (p.wholeNumber() ? "whole " : "") + "number in [" + format(p.min()) + ", "
                    + format(p.max()) + "], got " + text);
        }
        return v;
    }

    private static IllegalArgumentException problem(Plugin<?> plugin, String what) {
        List<String> help = plugin.parameters().stream().map(Parameter::help).toList();
        return new IllegalArgumentException(what + "; parameters of " + plugin.name() + ": "
                + (help.isEmpty() ? "none" : String.join("; ", help)));
    }

    /**
     * Every parameter with its value, in declared order, e.g.
     * {@code kama(window=10,fast=2,slow=30)}: the same text for every way of writing the same
     * values.
     */
    public static String canonical(Plugin<?> plugin, Parameters values) {
        StringBuilder s = new StringBuilder(plugin.name()).append('(');
        String sep = "";
        for (Map.Entry<String, Double> v : values.asMap().entrySet()) {
            s.append(sep).append(v.getKey()).append('=').append(format(v.getValue()));
            sep = ",";
        }
        return s.append(')').toString();
    }

    /**
     * The name of the call's output, after {@link #bind}: the plug-in's name and each value the
     * call gives, in declared order, joined by {@code _} ({@code kama(10)} → {@code kama_10});
     * in a value, {@code .} becomes {@code p} and {@code -} {@code m} ({@code 2.5} →
     * {@code 2p5}).
     */
    public String outputName() {
        StringBuilder s = new StringBuilder(name);
        for (String v : given) {
            s.append('_').append(v.replace('.', 'p').replace('-', 'm'));
        }
        return s.toString();
    }

    /** Shortest text of {@code v}: {@code 10}, {@code 2.5}. */
    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
