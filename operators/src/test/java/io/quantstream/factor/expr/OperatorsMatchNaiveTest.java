package io.quantstream.factor.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rolling operator against {@link NaiveOps}, which recomputes each window from its
 * definition, on random series that hold what real bars hold and what breaks running sums:
 * {@code NaN}s (an undefined {@code $vwap}), runs of one value (gap-filled bars), ties, a few
 * infinities (a division by a zero volume), and a level far above the spread (prices of 7e4
 * moving by tenths). Each value within 1e-9 relative (1e-9 × the window's spread for the
 * statistics that cancel a level: residuals).
 */
class OperatorsMatchNaiveTest {

    private static final int BARS = 1500;

    /** A naive value at bar t of window n. */
    interface Naive {
        double at(double[] x, int t, int n);
    }

    static Stream<Arguments> operators() {
        return Stream.of(
                op("Sum", 1, (x, t, n) -> NaiveOps.sum(NaiveOps.window(x, t, n))),
                op("Mean", 1, (x, t, n) -> NaiveOps.meanOf(NaiveOps.window(x, t, n))),
                op("Count", 1, (x, t, n) -> NaiveOps.count(NaiveOps.window(x, t, n))),
                op("Var", 2, (x, t, n) -> NaiveOps.var(NaiveOps.window(x, t, n))),
                op("Std", 2, (x, t, n) -> Math.sqrt(NaiveOps.var(NaiveOps.window(x, t, n)))),
                op("Skew", 3, (x, t, n) -> NaiveOps.skew(NaiveOps.window(x, t, n))),
                op("Kurt", 4, (x, t, n) -> NaiveOps.kurt(NaiveOps.window(x, t, n))),
                op("Max", 1, (x, t, n) -> NaiveOps.max(NaiveOps.window(x, t, n))),
                op("Min", 1, (x, t, n) -> NaiveOps.min(NaiveOps.window(x, t, n))),
                op("IdxMax", 1, (x, t, n) -> NaiveOps.idx(NaiveOps.window(x, t, n), true)),
                op("IdxMin", 1, (x, t, n) -> NaiveOps.idx(NaiveOps.window(x, t, n), false)),
                op("Med", 1, (x, t, n) -> NaiveOps.median(NaiveOps.window(x, t, n))),
                op("Rank", 1, (x, t, n) -> NaiveOps.rank(NaiveOps.window(x, t, n))),
                op("Mad", 1, (x, t, n) -> NaiveOps.mad(NaiveOps.window(x, t, n))),
                op("WMA", 1, (x, t, n) -> NaiveOps.wma(NaiveOps.window(x, t, n))),
                op("Slope", 2, (x, t, n) -> NaiveOps.regression(NaiveOps.window(x, t, n))[0]),
                op("Rsquare", 2, (x, t, n) -> NaiveOps.regression(NaiveOps.window(x, t, n))[1]),
                op("Resi", 2, (x, t, n) -> NaiveOps.regression(NaiveOps.window(x, t, n))[2]),
                op("TaEma", 1, (x, t, n) -> NaiveOps.seeded(x, t, n, false)),
                op("Wilder", 1, (x, t, n) -> NaiveOps.seeded(x, t, n, true)),
                op("EMA", 2, (x, t, n) -> NaiveOps.ewm(x, t, 2.0 / (n + 1))),
                op("Ref", 1, (x, t, n) -> t >= n ? x[t - n] : Double.NaN),
                op("Delta", 1, (x, t, n) -> t >= n ? x[t] - x[t - n] : Double.NaN),
                Arguments.of("Quantile", 1, (Naive) (x, t, n) ->
                        NaiveOps.quantile(NaiveOps.window(x, t, n), 0.8)),
                Arguments.of("EMA", 0, (Naive) (x, t, n) -> NaiveOps.ewm(x, t, 0.3)));
    }

    private static Arguments op(String name, int smallest, Naive naive) {
        return Arguments.of(name, smallest, naive);
    }

    @ParameterizedTest(name = "{0} (smallest window {1})")
    @MethodSource("operators")
    void equalsTheNaiveComputationOnRandomSeries(String op, int smallest, Naive naive) {
        for (int n : smallest == 0 ? new int[] {0} : new int[] {smallest, 7, 60}) {
            String expression = op + "($close, " + (n == 0 ? "0.3" : n)
                    + (op.equals("Quantile") ? ", 0.8)" : ")");
            for (long seed = 1; seed <= 3; seed++) {
                double level = seed == 3 ? 70_000 : 100;
                double[] x = series(new Random(seed), BARS, level, seed == 3 ? 0.1 : 1,
                        !op.equals("EMA"));
                double[] actual = Programs.raw(expression, x, null);
                for (int t = 0; t < BARS; t++) {
                    double expected = naive.at(x, t, n);
                    double scale = op.equals("Resi") ? spread(NaiveOps.window(x, t, n)) : 1;
                    assertClose(actual[t], expected, scale, expression + " seed " + seed
                            + " bar " + t);
                }
            }
        }
    }

    @Test
    void momentsOfOneWindowComputedTogetherEqualTheNaiveComputation() {
        Map<String, Naive> moments = new LinkedHashMap<>();
        moments.put("Mean", (x, t, n) -> NaiveOps.meanOf(NaiveOps.window(x, t, n)));
        moments.put("Sum", (x, t, n) -> NaiveOps.sum(NaiveOps.window(x, t, n)));
        moments.put("Std", (x, t, n) -> Math.sqrt(NaiveOps.var(NaiveOps.window(x, t, n))));
        moments.put("Var", (x, t, n) -> NaiveOps.var(NaiveOps.window(x, t, n)));
        moments.put("Skew", (x, t, n) -> NaiveOps.skew(NaiveOps.window(x, t, n)));
        moments.put("Kurt", (x, t, n) -> NaiveOps.kurt(NaiveOps.window(x, t, n)));
        List<String> ops = new ArrayList<>(moments.keySet());
        for (int n : new int[] {7, 60}) {
            List<FactorProgram.Definition> definitions = new ArrayList<>();
            for (String op : ops) {
                definitions.add(new FactorProgram.Definition(op.toLowerCase(Locale.ROOT),
                        op + "($close, " + n + ")"));
            }
            FactorProgram program = FactorProgram.compile(definitions);
            // one window of the power sums up to the fourth, read by all six
            assertThat(program.stateIds()).hasSize(1);
            assertThat(program.stateSize()).isEqualTo(2 + n + 5 + 1 + 2 * 4);
            for (long seed = 1; seed <= 3; seed++) {
                double level = seed == 3 ? 70_000 : 100;
                double[] x = series(new Random(seed), BARS, level, seed == 3 ? 0.1 : 1, true);
                double[][] states = program.align(null, null, rejected -> {});
                double[] fields = new double[BarField.values().length];
                for (int t = 0; t < BARS; t++) {
                    fields[BarField.CLOSE.ordinal()] = x[t];
                    double[] values = program.values(fields, states);
                    for (int f = 0; f < ops.size(); f++) {
                        assertClose(values[program.output(f)], moments.get(ops.get(f)).at(x, t, n),
                                1, ops.get(f) + "($close, " + n + ") seed " + seed + " bar " + t);
                    }
                }
            }
        }
    }

    @Test
    void statisticsOfOneWindowComputedTogetherEqualTheNaiveComputation() {
        Map<String, Naive> statistics = new LinkedHashMap<>();
        statistics.put("Max($close, 7)", (x, t, n) -> NaiveOps.max(NaiveOps.window(x, t, n)));
        statistics.put("IdxMax($close, 7)",
                (x, t, n) -> NaiveOps.idx(NaiveOps.window(x, t, n), true));
        statistics.put("Min($close, 7)", (x, t, n) -> NaiveOps.min(NaiveOps.window(x, t, n)));
        statistics.put("IdxMin($close, 7)",
                (x, t, n) -> NaiveOps.idx(NaiveOps.window(x, t, n), false));
        statistics.put("Rank($close, 7)", (x, t, n) -> NaiveOps.rank(NaiveOps.window(x, t, n)));
        statistics.put("Med($close, 7)", (x, t, n) -> NaiveOps.median(NaiveOps.window(x, t, n)));
        statistics.put("Quantile($close, 7, 0.8)",
                (x, t, n) -> NaiveOps.quantile(NaiveOps.window(x, t, n), 0.8));
        statistics.put("Quantile($close, 7, 0.2)",
                (x, t, n) -> NaiveOps.quantile(NaiveOps.window(x, t, n), 0.2));
        statistics.put("Slope($close, 7)",
                (x, t, n) -> NaiveOps.regression(NaiveOps.window(x, t, n))[0]);
        statistics.put("Rsquare($close, 7)",
                (x, t, n) -> NaiveOps.regression(NaiveOps.window(x, t, n))[1]);
        List<String> expressions = new ArrayList<>(statistics.keySet());
        List<FactorProgram.Definition> definitions = new ArrayList<>();
        for (int f = 0; f < expressions.size(); f++) {
            definitions.add(new FactorProgram.Definition("f" + f, expressions.get(f)));
        }
        // Resi apart: its tolerance is relative to the window's spread (a residual cancels
        // the level)
        definitions.add(new FactorProgram.Definition("resi", "Resi($close, 7)"));
        FactorProgram program = FactorProgram.compile(definitions);

        // one window of the maxima, one of the minima, one sorted, one of least squares
        assertThat(program.stateIds()).hasSize(4);
        double[] x = series(new Random(7), BARS, 100, 1, true);
        double[][] states = program.align(null, null, rejected -> {});
        double[] fields = new double[BarField.values().length];
        for (int t = 0; t < BARS; t++) {
            fields[BarField.CLOSE.ordinal()] = x[t];
            double[] values = program.values(fields, states);
            for (int f = 0; f < expressions.size(); f++) {
                assertClose(values[program.output(f)],
                        statistics.get(expressions.get(f)).at(x, t, 7), 1,
                        expressions.get(f) + " bar " + t);
            }
            assertClose(values[program.output(expressions.size())],
                    NaiveOps.regression(NaiveOps.window(x, t, 7))[2],
                    spread(NaiveOps.window(x, t, 7)), "Resi bar " + t);
        }
    }

    static Stream<Arguments> pairs() {
        return Stream.of(Arguments.of("Corr", true), Arguments.of("Cov", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void pairOperatorsEqualTheNaiveComputationOnRandomSeries(String op, boolean corr) {
        for (long seed = 1; seed <= 3; seed++) {
            Random random = new Random(seed);
            double level = seed == 3 ? 70_000 : 100;
            double[] x = series(random, BARS, level, seed == 3 ? 0.1 : 1, true);
            double[] y = series(random, BARS, 10, 1, true);
            double[] actual = Programs.raw(op + "($close, $volume, 9)", x, y);
            for (int t = 0; t < BARS; t++) {
                double expected = NaiveOps.pair(NaiveOps.window(x, t, 9),
                        NaiveOps.window(y, t, 9), corr);
                assertClose(actual[t], expected, corr ? 1 : Math.max(1, level / 100),
                        op + " seed " + seed + " bar " + t);
            }
        }
    }

    static void assertClose(double actual, double expected, double scale, String where) {
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            assertThat(Double.compare(actual, expected)).as(where + ": " + actual + " vs "
                    + expected).isZero();
            return;
        }
        double tolerance = 1e-9 * Math.max(Math.abs(expected), scale);
        assertThat(Math.abs(actual - expected)).as(where + ": " + actual + " vs " + expected)
                .isLessThanOrEqualTo(tolerance);
    }

    private static double spread(double[] w) {
        double[] v = NaiveOps.present(w);
        return v.length < 2 ? 1 : Math.max(1e-9, Math.sqrt(Math.max(0, NaiveOps.var(w))));
    }

    /**
     * A random walk at {@code level} with steps of {@code step}: 4 % NaN, 1 % ±∞ (when
     * {@code infinities}: pandas' EMA recursion, which EMA follows, restarts after ∞ − ∞ where
     * the closed form stays NaN), runs of a repeated value (up to 12 bars), and values rounded
     * to a tick so that ties occur.
     */
    static double[] series(Random random, int length, double level, double step,
            boolean infinities) {
        double[] x = new double[length];
        double price = level;
        for (int t = 0; t < length; t++) {
            double u = random.nextDouble();
            if (u < 0.04) {
                x[t] = Double.NaN;
            } else if (u < 0.045 && infinities) {
                x[t] = Double.POSITIVE_INFINITY;
            } else if (u < 0.05 && infinities) {
                x[t] = Double.NEGATIVE_INFINITY;
            } else if (u < 0.08) {
                int run = 1 + random.nextInt(12);
                for (int i = 0; i < run && t < length; i++, t++) {
                    x[t] = price;
                }
                t--;
            } else {
                price += Math.round(random.nextGaussian() * 4) * step / 4;
                x[t] = price;
            }
        }
        return x;
    }
}
