package io.quantstream.factor.expr;

import io.quantstream.factor.expr.Expression.Call;
import io.quantstream.factor.expr.Expression.FactorName;
import io.quantstream.factor.expr.Expression.Field;
import io.quantstream.factor.expr.Expression.Number;
import io.quantstream.factor.spi.IncrementalFactor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns named expressions into the nodes of a {@link FactorProgram}: parses each, resolves the
 * names of other factors (reporting unknown ones and cycles), and builds one node per distinct
 * sub-expression, by its canonical text, so that {@code Ref($close, 1)} used by twenty factors
 * is computed once; the statistics of one window ({@code Max} and {@code IdxMax}; {@code Rank},
 * {@code Quantile} and {@code Med}; {@code Slope}, {@code Rsquare} and {@code Resi}, over the same
 * series and length; {@code Mean}, {@code Sum}, {@code Std}, {@code Var}, {@code Skew} and
 * {@code Kurt} of one series and length where it has more than one of them) read one window node
 * ({@link WindowStatistic}). Each node's warm-up lag is qlib's {@code get_extended_window_size}
 * ({@code qlib/data/ops.py}): the bars before a value stops depending on where the series began.
 */
final class FactorCompiler {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, String> texts = new LinkedHashMap<>();
    private final Map<String, Expression> parsed = new HashMap<>();
    /** Factors of plug-ins, by name; not parsed. */
    private final Map<String, IncrementalFactor> plugins = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    /** Factor name → node of its value, once built. */
    private final Map<String, Integer> built = new HashMap<>();
    /** Factors whose expression is being built: a name met again is a cycle. */
    private final List<String> building = new ArrayList<>();
    /** Factors already reported. */
    private final Set<String> failed = new HashSet<>();

    final List<Node> nodes = new ArrayList<>();
    /** Warm-up lag of each node, in bars. */
    final List<Long> lags = new ArrayList<>();
    private final Map<String, Integer> byCanonical = new HashMap<>();

    /** Output node of each factor, in definition order. */
    final List<Integer> outputs = new ArrayList<>();
    final List<String> names = new ArrayList<>();

    /**
     * Per series and window length ({@link #momentKey}) whose {@code Mean}, {@code Sum},
     * {@code Std}, {@code Var}, {@code Skew} and {@code Kurt} share one window of power sums
     * ({@link RollingMoments#window}): the power sums it keeps.
     */
    private final Map<String, Integer> sharedMoments;

    /**
     * The nodes of {@code definitions}: compiled once to find the series and lengths with more
     * than one of {@code Mean Sum Std Var Skew Kurt}, then, where there are any, again with
     * those sharing one window of power sums.
     *
     * @throws InvalidFactorsException listing every mistake
     */
    static FactorCompiler compile(List<FactorProgram.Definition> definitions) {
        FactorCompiler separate = new FactorCompiler(definitions, Map.of());
        Map<String, Integer> shared = separate.momentWindows();
        return shared.isEmpty() ? separate : new FactorCompiler(definitions, shared);
    }

    /**
     * @param sharedMoments {@link #sharedMoments}
     * @throws InvalidFactorsException listing every mistake
     */
    private FactorCompiler(List<FactorProgram.Definition> definitions,
            Map<String, Integer> sharedMoments) {
        this.sharedMoments = sharedMoments;
        if (definitions.isEmpty()) {
            throw new InvalidFactorsException(List.of("no factors"));
        }
        for (FactorProgram.Definition d : definitions) {
            if (!NAME.matcher(d.name()).matches()) {
                problems.add("factor '" + d.name() + "': a name is letters, digits and '_',"
                        + " starting with a letter or '_'");
            } else if (texts.containsKey(d.name())) {
                problems.add("factor '" + d.name() + "' is defined twice");
            } else {
                texts.put(d.name(), d.expression());
                if (d.plugin() != null) {
                    plugins.put(d.name(), d.plugin());
                }
            }
        }
        texts.forEach((name, text) -> {
            if (plugins.containsKey(name)) {
                return;
            }
            try {
                parsed.put(name, ExpressionParser.parse(text));
            } catch (ExpressionException e) {
                problems.add("factor '" + name + "': " + e.getMessage() + " in '" + text + "'");
            }
        });
        for (String name : texts.keySet()) {
            if (parsed.containsKey(name) || plugins.containsKey(name)) {
                Integer node = factor(name);
                if (node != null) {
                    names.add(name);
                    outputs.add(node);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidFactorsException(problems);
        }
    }

    /**
     * The series and lengths with two or more nodes of {@code Mean Sum Std Var Skew Kurt}, and
     * the most power sums any of them needs.
     */
    private Map<String, Integer> momentWindows() {
        Map<String, Integer> members = new HashMap<>();
        Map<String, Integer> powers = new HashMap<>();
        for (Node node : nodes) {
            Operator op = node instanceof RollingSum sum && sum.op != Operator.COUNT ? sum.op
                    : node instanceof RollingMoments moments ? moments.op : null;
            if (op != null) {
                String key = momentKey(node.inputs[0], ((Rolling) node).n);
                members.merge(key, 1, Integer::sum);
                powers.merge(key, RollingMoments.powers(op), Math::max);
            }
        }
        Map<String, Integer> shared = new HashMap<>();
        members.forEach((key, count) -> {
            if (count > 1) {
                shared.put(key, powers.get(key));
            }
        });
        return shared;
    }

    /** The key of a rolling window of {@code n} bars over node {@code input}. */
    private String momentKey(int input, int n) {
        return nodes.get(input).canonical + "," + n;
    }

    /** The node of factor {@code name}, or null after reporting why there is none. */
    private Integer factor(String name) {
        Integer done = built.get(name);
        if (done != null || !parsed.containsKey(name) && !plugins.containsKey(name)
                || failed.contains(name)) {
            return done;
        }
        building.add(name);
        Integer node;
        try {
            IncrementalFactor plugin = plugins.get(name);
            node = plugin != null
                    ? add(new PluginNode("plugin:" + texts.get(name), plugin), plugin.warmUp() - 1)
                    : build(parsed.get(name), name);
        } catch (ExpressionException e) {
            problems.add("factor '" + name + "': " + e.getMessage() + " in '" + texts.get(name)
                    + "'");
            node = null;
        }
        building.remove(building.size() - 1);
        if (node != null) {
            built.put(name, node);
        } else {
            failed.add(name);
        }
        return node;
    }

    private int build(Expression e, String factor) {
        if (e instanceof Number n) {
            return add(Leaf.constant(n.value()), 0);
        }
        if (e instanceof Field f) {
            return add(Leaf.field(f.field()), 0);
        }
        if (e instanceof FactorName ref) {
            return reference(ref, factor);
        }
        Call call = (Call) e;
        Operator op = call.operator();
        int[] in = new int[op.series];
        long lag = 0;
        for (int i = 0; i < op.series; i++) {
            in[i] = build(call.arguments().get(i), factor);
            lag = Math.max(lag, lags.get(in[i]));
        }
        if (op.kind == Operator.Kind.ELEMENT) {
            return add(new ElementWise(canonical(op.label(), in), op, in), lag);
        }
        if (op.kind == Operator.Kind.CUMULATIVE) {
            return add(new CumulativeSum(canonical(op.label(), in), in[0]), lag);
        }
        double parameter = ((Number) call.arguments().get(op.series)).value();
        int n = (int) parameter;
        String canonical = op == Operator.QUANTILE
                ? canonical(op.label(), in, parameter, ((Number) call.arguments().get(2)).value())
                : canonical(op.label(), in, parameter);
        switch (op) {
            case REF:
                return add(new Lag(canonical, n, in[0]), lag + n);
            case DELTA: {
                int lagged = add(new Lag(canonical(Operator.REF.label(), in, n), n, in[0]),
                        lag + n);
                int[] pair = {in[0], lagged};
                return add(new ElementWise(canonical("Sub", pair), Operator.SUB, pair), lag + n);
            }
            case MEAN:
            case SUM:
            case STD:
            case VAR:
            case SKEW:
            case KURT: {
                Integer powers = sharedMoments.get(momentKey(in[0], n));
                if (powers != null) {
                    int window = add(RollingMoments.window(canonical("Moments", in, parameter),
                            powers, n, in[0]), lag + n - 1);
                    return add(new RollingMoments.Statistic(canonical, op,
                            (RollingMoments) nodes.get(window), window), lag + n - 1);
                }
                return op == Operator.MEAN || op == Operator.SUM
                        ? add(new RollingSum(canonical, op, n, in[0]), lag + n - 1)
                        : add(new RollingMoments(canonical, op, n, in[0]), lag + n - 1);
            }
            case COUNT:
                return add(new RollingSum(canonical, op, n, in[0]), lag + n - 1);
            case MAX:
            case MIN:
            case IDXMAX:
            case IDXMIN: {
                boolean max = op == Operator.MAX || op == Operator.IDXMAX;
                int window = add(new RollingExtreme(canonical(max ? "MaxWindow" : "MinWindow",
                        in, parameter), max, n, in[0]), lag + n - 1);
                return add(new RollingExtreme.Statistic(canonical, op,
                        (RollingExtreme) nodes.get(window), window), lag + n - 1);
            }
            case RANK:
            case MED:
            case QUANTILE: {
                double q = op == Operator.QUANTILE
                        ? ((Number) call.arguments().get(2)).value() : Double.NaN;
                int window = add(new RollingOrder(canonical("SortedWindow", in, parameter), n,
                        in[0]), lag + n - 1);
                return add(new RollingOrder.Statistic(canonical, op, q,
                        (RollingOrder) nodes.get(window), window), lag + n - 1);
            }
            case MAD:
                return add(new RollingMad(canonical, n, in[0]), lag + n - 1);
            case SLOPE:
            case RSQUARE:
            case RESI: {
                int window = add(new RollingRegression(canonical("LeastSquares", in, parameter),
                        n, in[0]), lag + n - 1);
                return add(new RollingRegression.Statistic(canonical, op,
                        (RollingRegression) nodes.get(window), window), lag + n - 1);
            }
            case WMA:
                return add(new RollingWma(canonical, n, in[0]), lag + n - 1);
            case EMA: {
                // qlib: a span n needs n − 1 more bars; a factor α the bars until (1 − α)^k < 1e-6
                long size = parameter >= 1 ? n
                        : (long) (Math.log(1e-6) / Math.log(1 - parameter));
                return add(new Ewm(canonical, parameter, in[0]), lag + Math.max(size - 1, 0));
            }
            case TA_EMA:
            case WILDER:
                return add(new SeededAverage(canonical, op, n, in[0]), lag + n - 1);
            case CORR:
            case COV:
                return add(new RollingCorrelation(canonical, op, n, in[0], in[1]), lag + n - 1);
            default:
                throw new IllegalStateException("no node for " + op);
        }
    }

    private int reference(FactorName ref, String factor) {
        String name = ref.name();
        if (!texts.containsKey(name)) {
            String suggestion = BarField.of(name) != null ? "$" + name
                    : Suggestions.closest(name, new ArrayList<>(texts.keySet()));
            throw new ExpressionException("unknown factor '" + name + "'"
                    + (suggestion == null ? "" : "; did you mean " + suggestion + "?")
                    + " at column " + ref.column(), ref.column());
        }
        int at = building.indexOf(name);
        if (at >= 0) {
            List<String> cycle = new ArrayList<>(building.subList(at, building.size()));
            cycle.add(name);
            throw new ExpressionException("cycle between factors: " + String.join(" → ", cycle)
                    + " at column " + ref.column(), ref.column());
        }
        Integer node = factor(name);
        if (node == null) {
            throw new ExpressionException("factor '" + name + "' has errors, at column "
                    + ref.column(), ref.column());
        }
        return node;
    }

    /** E.g. {@code Mean($close,5)}: the label, the inputs' canonical texts, the literals. */
    private String canonical(String label, int[] in, double... literals) {
        StringBuilder s = new StringBuilder(label).append('(');
        for (int i = 0; i < in.length; i++) {
            s.append(i == 0 ? "" : ",").append(nodes.get(in[i]).canonical);
        }
        for (double literal : literals) {
            s.append(',').append(ExpressionParser.format(literal));
        }
        return s.append(')').toString();
    }

    /** The node with {@code node}'s canonical text, added if new. */
    private int add(Node node, long lag) {
        Integer known = byCanonical.get(node.canonical);
        if (known != null) {
            return known;
        }
        nodes.add(node);
        lags.add(lag);
        byCanonical.put(node.canonical, nodes.size() - 1);
        return nodes.size() - 1;
    }
}
