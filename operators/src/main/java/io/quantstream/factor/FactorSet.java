package io.quantstream.factor;

import io.quantstream.factor.expr.BarField;
import io.quantstream.factor.expr.FactorProgram;
import io.quantstream.factor.expr.FactorProgram.Definition;
import io.quantstream.factor.expr.Operator;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ordered set of factors, configured as a comma-separated list of items, each a built-in
 * factor ({@link BuiltinFactors}: {@code ema(20)}, {@code rsi(14)} …), a set shipped with the
 * project ({@code alpha158}, {@link Alpha158}), a factor of a plug-in jar on the class path
 * ({@link io.quantstream.factor.spi.FactorPlugin}: {@code kama(10)}, or named
 * {@code KAMA=kama(10)}) or a named expression {@code NAME=EXPRESSION} in qlib's language
 * ({@link FactorProgram}, {@link Operator}), which may use the factors before or after it by
 * name:
 *
 * <pre>{@code
 * FactorSet set = FactorSet.parse("rsi(14), alpha158, MOM24=$close/Ref($close, 24)-1,"
 *         + " MOMZ=MOM24/Std(MOM24, 48)");
 * set.names(); // [rsi_14, KMID, KLEN, …, VSUMD60, MOM24, MOMZ]
 * }</pre>
 *
 * <p>Compiled into one {@link FactorProgram}: every distinct sub-expression is computed once
 * per key, whichever factors share it.
 */
public final class FactorSet implements Serializable {

    private static final long serialVersionUID = 2L;

    /** Largest window accepted: bounds the state of one node and key. */
    public static final int MAX_WINDOW = Operator.MAX_WINDOW;

    /** {@code NAME=…} but not {@code NAME==…}. */
    private static final Pattern NAMED = Pattern.compile(
            "\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*=(?!=)(.*)", Pattern.DOTALL);

    private final List<Definition> definitions;
    private final FactorProgram program;
    private final String[] names;

    private FactorSet(List<Definition> definitions) {
        this.definitions = List.copyOf(definitions);
        this.program = FactorProgram.compile(definitions);
        this.names = program.names();
    }

    /**
     * Parses a comma-separated list of items (commas inside parentheses belong to their
     * expression); built-in specs and set names ignore whitespace and case.
     *
     * @throws IllegalArgumentException on an empty list, an unknown factor or set (the message
     *     lists the built-ins, sets and plug-ins), a missing, extra or out-of-range parameter, a
     *     factor named twice, a plug-in that cannot be loaded; {@link
     *     io.quantstream.factor.expr.InvalidFactorsException} (listing every mistake, each
     *     naming its factor) for expressions that do not compile
     */
    public static FactorSet parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty factor set");
        }
        List<Definition> definitions = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        PluginFactors plugins = new PluginFactors();
        for (String item : splitTopLevel(spec)) {
            for (Definition d : definitions(item, plugins)) {
                if (!seen.add(d.name())) {
                    throw new IllegalArgumentException("factor '" + d.name() + "' appears twice in"
                            + " the factor set");
                }
                definitions.add(d);
            }
        }
        return new FactorSet(definitions);
    }

    private static List<Definition> definitions(String item, PluginFactors plugins) {
        Matcher named = NAMED.matcher(item);
        if (named.matches()) {
            Definition plugin = plugins.definition(named.group(1), named.group(2));
            return List.of(plugin != null ? plugin
                    : new Definition(named.group(1), named.group(2).trim()));
        }
        List<Definition> set = FactorLibrary.set(item);
        if (set != null) {
            return set;
        }
        Definition plugin = plugins.definition(null, item);
        return List.of(plugin != null ? plugin : BuiltinFactors.of(item, plugins.names()));
    }

    private static List<String> splitTopLevel(String spec) {
        List<String> items = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                items.add(spec.substring(start, i));
                start = i + 1;
            }
        }
        items.add(spec.substring(start));
        return items;
    }

    /** Factor names in set order, e.g. {@code [ema_20, rsi_14]}; a fresh copy. */
    public String[] names() {
        return names.clone();
    }

    /** Number of factors. */
    public int size() {
        return names.length;
    }

    /**
     * Bars factor {@code i} takes before its values are reported ({@code NaN} before):
     * {@link FactorProgram#warmUp}.
     */
    public long warmUp(int i) {
        return program.warmUp(i);
    }

    /** Doubles of state the whole set keeps per key: bounded by its windows. */
    public int stateSize() {
        return program.stateSize();
    }

    /** The definitions, in set order. */
    public List<Definition> definitions() {
        return definitions;
    }

    /**
     * The bar fields the set's expressions and plug-ins read, in the order a {@link FactorBar}
     * holds their values.
     */
    public BarField[] fieldsRead() {
        return program.fieldsRead().toArray(BarField[]::new);
    }

    FactorProgram program() {
        return program;
    }

    /**
     * Names of the first factors and their count, e.g. {@code KMID, KLEN, KMID2 … (158)}: a
     * label short enough for an operator name.
     */
    public String label() {
        int shown = Math.min(names.length, 6);
        return String.join(", ", List.of(names).subList(0, shown))
                + (shown < names.length ? " … (" + names.length + ")" : "");
    }

    /** The factor names joined by commas, e.g. {@code ema_20,rsi_14}. */
    @Override
    public String toString() {
        return String.join(",", names);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FactorSet other && definitions.equals(other.definitions);
    }

    @Override
    public int hashCode() {
        return definitions.hashCode();
    }
}
