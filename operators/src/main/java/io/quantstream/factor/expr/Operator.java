package io.quantstream.factor.expr;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The operators of the expression language: qlib's vocabulary ({@code qlib/data/ops.py},
 * microsoft/qlib, which this follows name for name and value for value) plus the seeded
 * averages of technical analysis ({@code TaEma}, {@code Wilder}), which qlib's {@code EMA} is
 * not, and {@code CumSum}, the running total of the volume indicators. Each rolling operator covers the last {@code n} bars including the current one; the
 * semantics of each are on its node class.
 *
 * <p>Written as calls, {@code Mean($close, 5)}, or for element-wise arithmetic and comparisons
 * as infix operators with Python's precedence (qlib expressions are Python expressions):
 * {@code * /} before {@code + -} before {@code &} before {@code |} before comparisons.
 */
public enum Operator {
    ABS("Abs", Kind.ELEMENT, 1),
    SIGN("Sign", Kind.ELEMENT, 1),
    LOG("Log", Kind.ELEMENT, 1),
    NOT("Not", Kind.ELEMENT, 1),
    /** Prefix {@code -}. */
    NEG("Neg", Kind.ELEMENT, 1),
    ADD("Add", Kind.ELEMENT, 2),
    SUB("Sub", Kind.ELEMENT, 2),
    MUL("Mul", Kind.ELEMENT, 2),
    DIV("Div", Kind.ELEMENT, 2),
    POWER("Power", Kind.ELEMENT, 2),
    GREATER("Greater", Kind.ELEMENT, 2),
    LESS("Less", Kind.ELEMENT, 2),
    GT("Gt", Kind.ELEMENT, 2),
    GE("Ge", Kind.ELEMENT, 2),
    LT("Lt", Kind.ELEMENT, 2),
    LE("Le", Kind.ELEMENT, 2),
    EQ("Eq", Kind.ELEMENT, 2),
    NE("Ne", Kind.ELEMENT, 2),
    AND("And", Kind.ELEMENT, 2),
    OR("Or", Kind.ELEMENT, 2),
    IF("If", Kind.ELEMENT, 3),
    REF("Ref", Kind.ROLLING, 1),
    DELTA("Delta", Kind.ROLLING, 1),
    MEAN("Mean", Kind.ROLLING, 1),
    SUM("Sum", Kind.ROLLING, 1),
    STD("Std", Kind.ROLLING, 1, 2),
    VAR("Var", Kind.ROLLING, 1, 2),
    SKEW("Skew", Kind.ROLLING, 1, 3),
    KURT("Kurt", Kind.ROLLING, 1, 4),
    MAX("Max", Kind.ROLLING, 1),
    MIN("Min", Kind.ROLLING, 1),
    IDXMAX("IdxMax", Kind.ROLLING, 1),
    IDXMIN("IdxMin", Kind.ROLLING, 1),
    QUANTILE("Quantile", Kind.ROLLING, 1),
    MED("Med", Kind.ROLLING, 1),
    MAD("Mad", Kind.ROLLING, 1),
    RANK("Rank", Kind.ROLLING, 1),
    COUNT("Count", Kind.ROLLING, 1),
    SLOPE("Slope", Kind.ROLLING, 1, 2),
    RSQUARE("Rsquare", Kind.ROLLING, 1, 2),
    RESI("Resi", Kind.ROLLING, 1, 2),
    WMA("WMA", Kind.ROLLING, 1),
    EMA("EMA", Kind.ROLLING, 1),
    TA_EMA("TaEma", Kind.ROLLING, 1),
    WILDER("Wilder", Kind.ROLLING, 1),
    CORR("Corr", Kind.ROLLING, 2, 2),
    COV("Cov", Kind.ROLLING, 2, 2),
    /** Sum since the first bar ({@link CumulativeSum}); not in qlib. */
    CUM_SUM("CumSum", Kind.CUMULATIVE, 1);

    /** Largest window: bounds the state of one node and key (100 000 doubles = 800 kB). */
    public static final int MAX_WINDOW = 100_000;

    /** qlib operators that cannot be computed here, with the reason. */
    private static final String[][] UNSUPPORTED = {
        {"Mask", "it reads another instrument's series"},
        {"ChangeInstrument", "it reads another instrument's series"},
        {"TResample", "it resamples in time; use a kline interval instead"},
        {"P", "it reads point-in-time financial data"},
        {"PRef", "it reads point-in-time financial data"},
    };

    /** Element-wise, over the last n bars, or over every bar so far. */
    enum Kind { ELEMENT, ROLLING, CUMULATIVE }

    private final String label;
    final Kind kind;
    /** Number of series arguments; a rolling operator takes its window after them. */
    final int series;
    /** Smallest window (bars). */
    final int minWindow;

    Operator(String label, Kind kind, int series) {
        this(label, kind, series, 1);
    }

    Operator(String label, Kind kind, int series, int minWindow) {
        this.label = label;
        this.kind = kind;
        this.series = series;
        this.minWindow = minWindow;
    }

    /** The name as written, e.g. {@code Mean}. */
    public String label() {
        return label;
    }

    /** Number of arguments as written, series and literals. */
    int arity() {
        return series + (kind == Kind.ROLLING ? 1 : 0) + (this == QUANTILE ? 1 : 0);
    }

    /** How it is called, e.g. {@code Mean(series, n)}, for error messages. */
    String signature() {
        StringBuilder s = new StringBuilder(label).append('(');
        for (int i = 0; i < series; i++) {
            s.append(i == 0 ? "" : ", ").append(this == IF && i == 0 ? "condition" : "series");
        }
        if (kind == Kind.ROLLING) {
            s.append(", ").append(this == EMA ? "n or alpha" : "n");
        }
        if (this == QUANTILE) {
            s.append(", q");
        }
        return s.append(')').toString();
    }

    /** The operator written {@code name} (not {@code Neg}, which is written {@code -}), or null. */
    static Operator of(String name) {
        for (Operator op : values()) {
            if (op != NEG && op.label.equals(name)) {
                return op;
            }
        }
        return null;
    }

    /** Why qlib's operator {@code name} is not available, or null when it is not one of those. */
    static String unsupported(String name) {
        for (String[] u : UNSUPPORTED) {
            if (u[0].equals(name)) {
                return u[1];
            }
        }
        return null;
    }

    /** A known name in another case, e.g. {@code Mean} for {@code mean}, or null. */
    static String caseVariant(String name) {
        return labels().stream()
                .filter(l -> l.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
                .findFirst().orElse(null);
    }

    /** Every operator as written, for error messages. */
    static String list() {
        return String.join(", ", labels());
    }

    /** The names operators are called by, in order ({@code Neg} is written {@code -}). */
    static List<String> labels() {
        return Arrays.stream(values()).filter(op -> op != NEG).map(Operator::label).toList();
    }
}
