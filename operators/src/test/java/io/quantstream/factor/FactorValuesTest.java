package io.quantstream.factor;

import static io.quantstream.testing.Klines.bar;
import static io.quantstream.testing.Klines.empty;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quantstream.factor.expr.FactorProgram;
import io.quantstream.model.Kline;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Factor values against plain reference computations written out here, and published data. */
class FactorValuesTest {

    /**
     * Closes of the 14-day RSI example in StockCharts ChartSchool, "Relative Strength Index (RSI)",
     * spreadsheet {@code cs-rsi.xls} (QQQQ, 2009-12-14 .. 2010-02-01), with the sheet's full four
     * decimals (the article's table prints them rounded to two, which shifts the RSI by ~0.07).
     * https://chartschool.stockcharts.com/table-of-contents/technical-indicators-and-overlays/technical-indicators/relative-strength-index-rsi
     */
    private static final double[] WILDER_CLOSES = {44.3389, 44.0902, 44.1497, 43.6124, 44.3278,
        44.8264, 45.0955, 45.4245, 45.8433, 46.0826, 45.8931, 46.0328, 45.6140, 46.2820, 46.2820,
        46.0028, 46.0328, 46.4116, 46.2222, 45.6439, 46.2122, 46.2521, 45.7137, 46.4515, 45.7835,
        45.3548, 44.0288, 44.1783, 44.2181, 44.5672, 43.4205, 42.6628, 43.1314};

    /** The spreadsheet's 14-day RSI from the 15th close on, printed to two decimals. */
    private static final double[] WILDER_RSI_14 = {70.53, 66.32, 66.55, 69.41, 66.36, 57.97,
        62.93, 63.26, 56.06, 62.38, 54.71, 50.42, 39.99, 41.46, 41.87, 45.46, 37.30, 33.08, 37.77};

    private static final double[] PRICES = series(80);

    @Test
    void rsiMatchesTheStockChartsWilderExample() {
        double[] rsi = column(run("rsi(14)", klines(WILDER_CLOSES)), 0);

        for (int i = 0; i < 14; i++) {
            assertThat(rsi[i]).as("warm-up bar %d", i).isNaN();
        }
        for (int i = 0; i < WILDER_RSI_14.length; i++) {
            assertThat(rsi[14 + i]).as("bar %d", 14 + i).isCloseTo(WILDER_RSI_14[i], within(0.006));
        }
    }

    @Test
    void rsiMatchesAPlainWilderComputation() {
        int n = 5;
        double[] rsi = column(run("rsi(5)", klines(PRICES)), 0);

        double avgGain = 0;
        double avgLoss = 0;
        for (int t = 1; t < PRICES.length; t++) {
            double change = PRICES[t] - PRICES[t - 1];
            double gain = change > 0 ? change : 0;
            double loss = change < 0 ? -change : 0;
            if (t <= n) {
                avgGain += gain / n;
                avgLoss += loss / n;
            } else {
                avgGain = (avgGain * (n - 1) + gain) / n;
                avgLoss = (avgLoss * (n - 1) + loss) / n;
            }
            if (t < n) {
                assertThat(rsi[t]).isNaN();
            } else {
                double expected = avgLoss == 0 ? 100 : 100 - 100 / (1 + avgGain / avgLoss);
                assertThat(rsi[t]).as("bar %d", t).isCloseTo(expected, within(1e-9));
            }
        }
    }

    @Test
    void rsiEdgeCases() {
        assertThat(column(run("rsi(3)", klines(new double[] {1, 2, 3, 4, 5})), 0))
                .containsExactly(Double.NaN, Double.NaN, Double.NaN, 100, 100);
        assertThat(column(run("rsi(3)", klines(new double[] {5, 4, 3, 2})), 0)[3]).isEqualTo(0);
        assertThat(column(run("rsi(2)", klines(new double[] {7, 7, 7})), 0)[2]).isEqualTo(50);
    }

    @Test
    void emaIsSeededWithTheSmaOfTheFirstNCloses() {
        int n = 10;
        double[][] values = run("ema(10),sma(10)", klines(PRICES));

        double alpha = 2.0 / (n + 1);
        double ema = 0;
        for (int t = 0; t < PRICES.length; t++) {
            double sma = 0;
            if (t >= n - 1) {
                for (int i = t - n + 1; i <= t; i++) {
                    sma += PRICES[i];
                }
                sma /= n;
            }
            if (t < n - 1) {
                assertThat(values[t][0]).isNaN();
                assertThat(values[t][1]).isNaN();
                continue;
            }
            ema = t == n - 1 ? sma : alpha * PRICES[t] + (1 - alpha) * ema;
            assertThat(values[t][0]).as("ema bar %d", t).isCloseTo(ema, within(1e-9));
            assertThat(values[t][1]).as("sma bar %d", t).isCloseTo(sma, within(1e-9));
        }
    }

    @Test
    void logReturnAndRealizedVolatility() {
        int n = 5;
        double[][] values = run("log_return(5),realized_vol(5)", klines(PRICES));

        for (int t = 0; t < PRICES.length; t++) {
            if (t < n) {
                assertThat(values[t][0]).isNaN();
                assertThat(values[t][1]).isNaN();
                continue;
            }
            assertThat(values[t][0]).isCloseTo(Math.log(PRICES[t] / PRICES[t - n]), within(1e-12));
            double[] returns = new double[n];
            double mean = 0;
            for (int i = 0; i < n; i++) {
                returns[i] = Math.log(PRICES[t - i] / PRICES[t - i - 1]);
                mean += returns[i] / n;
            }
            double sumSquares = 0;
            for (double r : returns) {
                sumSquares += (r - mean) * (r - mean);
            }
            assertThat(values[t][1]).as("vol bar %d", t)
                    .isCloseTo(Math.sqrt(sumSquares / (n - 1)), within(1e-12));
        }
    }

    @Test
    void barFactorsAreNaNWithoutVolume() {
        List<Kline> bars = List.of(bar("X", 0, "102", "100"), empty("X", 1, "102"));

        double[][] values = run("taker_buy_ratio,vwap_dev", bars);

        assertThat(values[0][0]).isEqualTo(0.4);
        assertThat(values[0][1]).isCloseTo(0.02, within(1e-12));
        assertThat(values[1]).containsExactly(Double.NaN, Double.NaN);
    }

    @Test
    void emptyBarsAdvanceTheWindows() {
        List<Kline> bars = List.of(bar("X", 0, "100"), empty("X", 1, "100"), bar("X", 2, "110"));

        double[][] values = run("log_return(1),sma(2)", bars);

        assertThat(values[1]).containsExactly(0.0, 100.0);
        assertThat(values[2][0]).isCloseTo(Math.log(1.1), within(1e-12));
        assertThat(values[2][1]).isEqualTo(105.0);
    }

    /** Runs the set over the bars in order, over one key's state arrays, as the operator does. */
    static double[][] run(String spec, List<Kline> bars) {
        FactorProgram program = FactorSet.parse(spec).program();
        double[][] states = program.align(null, null, rejected -> {});
        double[][] values = new double[bars.size()][];
        for (int i = 0; i < bars.size(); i++) {
            values[i] = program.evaluate(bars.get(i), states);
        }
        return values;
    }

    static List<Kline> klines(double[] closes) {
        List<Kline> bars = new ArrayList<>();
        for (int i = 0; i < closes.length; i++) {
            bars.add(bar("X", i, Double.toString(closes[i])));
        }
        return bars;
    }

    private static double[] column(double[][] values, int column) {
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i][column];
        }
        return result;
    }

    /** A deterministic wandering price path around 100. */
    private static double[] series(int length) {
        double[] prices = new double[length];
        for (int i = 0; i < length; i++) {
            prices[i] = 100 + 5 * Math.sin(i / 3.0) + 2 * Math.cos(i / 1.7) + i * 0.05;
        }
        return prices;
    }
}
