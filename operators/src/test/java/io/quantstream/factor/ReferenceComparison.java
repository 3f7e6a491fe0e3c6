package io.quantstream.factor;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.factor.expr.FactorProgram;
import io.quantstream.model.Kline;
import io.quantstream.testing.RealKlines;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntToDoubleFunction;

/**
 * A factor set run over roll-ups of the official 2026-02 1m klines and compared, factor by
 * factor and bar by bar, with reference values: {@code NaN} before each factor's warm-up, then
 * within {@link #RELATIVE} of the reference relative to its magnitude, plus {@link #ZERO} for
 * values that are zero up to rounding (a residual or a slope of a window of equal closes: the
 * two computations then differ by a few ulps of the inputs, not of the value); a reference of
 * {@code NaN} (e.g. qlib's mask of a flat window) must be {@code NaN} too.
 */
final class ReferenceComparison {

    static final String[] SYMBOLS = {"ALGOUSDT", "AVAXUSDT", "DOTUSDT", "FILUSDT", "LINKUSDT",
        "LTCUSDT", "NEARUSDT"};
    static final double RELATIVE = 1e-9;
    /** About five ulps of 1: the factors are ratios of prices and of volumes, of the order of 1. */
    static final double ZERO = 1e-15;

    private static final Map<String, List<Kline>> MINUTES = new HashMap<>();

    private final FactorSet set;
    private final int minutes;
    private final List<String> problems = new ArrayList<>();
    private final Set<String> compared = new HashSet<>();
    private long values;
    private long failed;

    ReferenceComparison(FactorSet set, int minutes) {
        this.set = set;
        this.minutes = minutes;
    }

    /** The bars of {@code minutes} minutes of {@code symbol}: the whole of February. */
    List<Kline> bars(String symbol) throws IOException {
        List<Kline> oneMinute = MINUTES.get(symbol);
        if (oneMinute == null) {
            oneMinute = RealKlines.february2026(symbol);
            MINUTES.put(symbol, oneMinute);
        }
        List<Kline> bars = RealKlines.rollUp(oneMinute, minutes);
        assertThat(bars).hasSize(28 * 24 * 60 / minutes);
        return bars;
    }

    /** Runs the set over {@code bars} and compares every factor with {@code expected}. */
    void compare(String symbol, List<Kline> bars, Map<String, IntToDoubleFunction> expected) {
        FactorProgram program = set.program();
        double[][] states = program.align(null, null, rejected -> {});
        double[][] actual = new double[bars.size()][];
        for (int t = 0; t < bars.size(); t++) {
            actual[t] = program.evaluate(bars.get(t), states);
        }
        assertThat(expected.keySet()).containsExactlyInAnyOrder(set.names());
        for (int f = 0; f < set.size(); f++) {
            String name = set.names()[f];
            IntToDoubleFunction reference = expected.get(name);
            for (int t = 0; t < bars.size(); t++) {
                double a = actual[t][f];
                String at = symbol + " " + minutes + "m " + name + " at bar " + t;
                if (t + 1 < set.warmUp(f)) {
                    check(Double.isNaN(a), at + " is " + a + ", not NaN while warming up");
                    continue;
                }
                double r = reference.applyAsDouble(t);
                if (Double.isNaN(r)) {
                    check(Double.isNaN(a), at + " is " + a + ", the reference NaN");
                } else {
                    check(Math.abs(a - r) <= RELATIVE * Math.abs(r) + ZERO,
                            at + " is " + a + ", the reference " + r);
                }
                compared.add(name);
                values++;
            }
        }
    }

    /**
     * Compares the set on every symbol's bars with {@code expected} of their columns, then
     * {@link #assertAllCompared}.
     */
    void assertEverySymbol(Function<Columns, Map<String, IntToDoubleFunction>> expected,
            int factors) throws IOException {
        for (String symbol : SYMBOLS) {
            List<Kline> bars = bars(symbol);
            compare(symbol, bars, expected.apply(new Columns(bars)));
        }
        assertAllCompared(factors);
    }

    /** Fails with the first problems; checks every factor was compared on enough bars. */
    void assertAllCompared(int factors) {
        assertThat(problems).as("%d values differ, the first ones", failed).isEmpty();
        assertThat(compared).hasSize(factors);
        int bars = 28 * 24 * 60 / minutes;
        assertThat(values).isGreaterThan((long) SYMBOLS.length * factors * (bars - 62));
    }

    private void check(boolean ok, String problem) {
        if (!ok && failed++ < 20) {
            problems.add(problem);
        }
    }
}
