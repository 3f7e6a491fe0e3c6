package io.quantstream.factor.expr;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * 100 000 bars of a price that drifts from 70 000 to about 2.7 times that with a spread of
 * tenths (the case where running sums of squares lose their digits), through the operators
 * with running sums: at every 97th bar the value equals a recomputation of the window from
 * scratch within 1e-9 relative (1e-9 of the window's spread for residuals and correlations of
 * near-constant windows).
 */
class LongRunNumericsTest {

    private static final int BARS = 100_000;
    private static final int N = 60;

    @Test
    void runningSumsDoNotDriftOverAHundredThousandBars() {
        Random random = new Random(42);
        double[] x = new double[BARS];
        double[] y = new double[BARS];
        double price = 70_000;
        for (int t = 0; t < BARS; t++) {
            price *= 1 + 1e-5 + random.nextGaussian() * 1e-4;
            x[t] = Math.round(price * 10) / 10.0;
            y[t] = Math.exp(random.nextGaussian()) * 100;
        }
        String[] ops = {"Mean", "Sum", "Std", "Var", "Skew", "Kurt", "Slope", "Rsquare", "Resi",
            "WMA"};
        for (String op : ops) {
            double[] actual = Programs.raw(op + "($close, " + N + ")", x, null);
            for (int t = N; t < BARS; t += 97) {
                double[] w = NaiveOps.window(x, t, N);
                double expected = switch (op) {
                    case "Mean" -> NaiveOps.meanOf(w);
                    case "Sum" -> NaiveOps.sum(w);
                    case "Std" -> Math.sqrt(NaiveOps.var(w));
                    case "Var" -> NaiveOps.var(w);
                    case "Skew" -> NaiveOps.skew(w);
                    case "Kurt" -> NaiveOps.kurt(w);
                    case "Slope" -> NaiveOps.regression(w)[0];
                    case "Rsquare" -> NaiveOps.regression(w)[1];
                    case "Resi" -> NaiveOps.regression(w)[2];
                    default -> NaiveOps.wma(w);
                };
                double spread = Math.sqrt(NaiveOps.var(w));
                OperatorsMatchNaiveTest.assertClose(actual[t], expected,
                        op.equals("Resi") ? spread : 1, op + " bar " + t);
            }
        }
        for (String op : new String[] {"Corr", "Cov"}) {
            double[] actual = Programs.raw(op + "($close, $volume, " + N + ")", x, y);
            for (int t = N; t < BARS; t += 97) {
                double expected = NaiveOps.pair(NaiveOps.window(x, t, N),
                        NaiveOps.window(y, t, N), op.equals("Corr"));
                OperatorsMatchNaiveTest.assertClose(actual[t], expected, 1, op + " bar " + t);
            }
        }
    }
}
