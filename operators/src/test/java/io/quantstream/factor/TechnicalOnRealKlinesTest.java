package io.quantstream.factor;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.factor.expr.FactorProgram;
import io.quantstream.model.Kline;
import io.quantstream.testing.RealKlines;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.CCIIndicator;
import org.ta4j.core.indicators.ROCIndicator;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.StochasticOscillatorDIndicator;
import org.ta4j.core.indicators.StochasticOscillatorKIndicator;
import org.ta4j.core.indicators.WilliamsRIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandWidthIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.bollinger.PercentBIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.indicators.volume.AccumulationDistributionIndicator;
import org.ta4j.core.indicators.volume.MoneyFlowIndexIndicator;
import org.ta4j.core.indicators.volume.OnBalanceVolumeIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.num.Num;

/**
 * The {@code technical} set on the 1h and 4h roll-ups of the seven official USD-M 1m files of
 * 2026-02, value by value from each factor's warm-up on, within 1e-9 relative (absolute for
 * values below 1): the windowed indicators and OBV and A/D against ta4j 0.17 (whose averages
 * are not seeded like TA-Lib's), the recursive ones (EMA, MACD, RSI, ATR, DI, ADX) and VPT,
 * which ta4j lacks, against the straightforward loops written here from the authors'
 * definitions. Before its warm-up every factor is {@code NaN}.
 */
class TechnicalOnRealKlinesTest {

    private static final String[] SYMBOLS = {"ALGOUSDT", "AVAXUSDT", "DOTUSDT", "FILUSDT",
        "LINKUSDT", "LTCUSDT", "NEARUSDT"};
    private static final Map<String, List<Kline>> MINUTES = new HashMap<>();

    @ParameterizedTest
    @ValueSource(ints = {60, 240})
    void everyFactorEqualsItsReference(int minutes) throws IOException {
        FactorSet set = FactorSet.parse("technical");
        assertThat(set.names()).containsExactly("SMA20", "EMA20", "MACD", "MACD_SIGNAL",
                "MACD_HIST", "RSI14", "STOCH_K14", "STOCH_D3", "ROC12", "BOLL_MID20", "BOLL_UP20",
                "BOLL_LOW20", "BOLL_PB20", "BOLL_BW20", "ATR14", "PLUS_DI14", "MINUS_DI14",
                "ADX14", "CCI20", "WILLR14", "MFI14", "OBV", "VPT", "AD");
        int compared = 0;
        for (String symbol : SYMBOLS) {
            List<Kline> bars = RealKlines.rollUp(minutes(symbol), minutes);
            assertThat(bars).hasSize(28 * 24 * 60 / minutes);
            double[][] actual = run(set, bars);
            Map<String, double[]> expected = expected(bars);
            for (int f = 0; f < set.size(); f++) {
                String name = set.names()[f];
                double[] reference = expected.get(name);
                for (int t = 0; t < bars.size(); t++) {
                    double a = actual[t][f];
                    String at = symbol + " " + minutes + "m " + name + " at bar " + t;
                    if (t + 1 < set.warmUp(f)) {
                        assertThat(a).as(at + " (warming up)").isNaN();
                        continue;
                    }
                    assertThat(a).as(at).isFinite();
                    assertThat(Math.abs(a - reference[t]))
                            .as(at + ": " + a + " vs " + reference[t])
                            .isLessThanOrEqualTo(1e-9 * Math.max(1, Math.abs(reference[t])));
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(7 * 24 * (28 * 24 * 60 / minutes - 40));
    }

    private static double[][] run(FactorSet set, List<Kline> bars) {
        FactorProgram program = set.program();
        double[][] states = program.align(null, null, rejected -> {});
        double[][] values = new double[bars.size()][];
        for (int t = 0; t < bars.size(); t++) {
            values[t] = program.evaluate(bars.get(t), states);
        }
        return values;
    }

    private static Map<String, double[]> expected(List<Kline> bars) {
        int n = bars.size();
        double[] high = column(bars, k -> k.high.doubleValue());
        double[] low = column(bars, k -> k.low.doubleValue());
        double[] close = column(bars, k -> k.close.doubleValue());
        double[] volume = column(bars, k -> k.volume.doubleValue());
        BarSeries series = new BaseBarSeriesBuilder().withNumTypeOf(DoubleNum.class).build();
        for (Kline k : bars) {
            series.addBar(Instant.ofEpochMilli(k.closeTime + 1).atZone(ZoneOffset.UTC),
                    k.open.doubleValue(), k.high.doubleValue(), k.low.doubleValue(),
                    k.close.doubleValue(), k.volume.doubleValue());
        }
        ClosePriceIndicator c = new ClosePriceIndicator(series);
        Map<String, double[]> e = new HashMap<>();
        e.put("SMA20", values(new SMAIndicator(c, 20), n));
        StochasticOscillatorKIndicator k = new StochasticOscillatorKIndicator(series, 14);
        e.put("STOCH_K14", values(k, n));
        e.put("STOCH_D3", values(new StochasticOscillatorDIndicator(k), n));
        e.put("ROC12", values(new ROCIndicator(c, 12), n));
        BollingerBandsMiddleIndicator mid = new BollingerBandsMiddleIndicator(new SMAIndicator(c, 20));
        StandardDeviationIndicator deviation = new StandardDeviationIndicator(c, 20);
        BollingerBandsUpperIndicator up = new BollingerBandsUpperIndicator(mid, deviation, series.numOf(2));
        BollingerBandsLowerIndicator down = new BollingerBandsLowerIndicator(mid, deviation, series.numOf(2));
        e.put("BOLL_MID20", values(mid, n));
        e.put("BOLL_UP20", values(up, n));
        e.put("BOLL_LOW20", values(down, n));
        e.put("BOLL_PB20", values(new PercentBIndicator(c, 20, 2), n));
        e.put("BOLL_BW20", values(new BollingerBandWidthIndicator(up, mid, down), n));
        e.put("CCI20", values(new CCIIndicator(series, 20), n));
        e.put("WILLR14", values(new WilliamsRIndicator(series, 14), n));
        e.put("MFI14", mfi(values(new MoneyFlowIndexIndicator(series, 14), n), high, low, close,
                volume));
        e.put("OBV", values(new OnBalanceVolumeIndicator(series), n));
        // ta4j's line starts at 0 on the first bar; Chaikin's (ours) at that bar's flow
        double[] ad = values(new AccumulationDistributionIndicator(series), n);
        double first = (high[0] > low[0] ? ((close[0] - low[0]) - (high[0] - close[0]))
                / (high[0] - low[0]) : 0) * volume[0];
        for (int t = 0; t < n; t++) {
            ad[t] += first;
        }
        e.put("AD", ad);

        e.put("EMA20", taEma(close, 20));
        double[] macd = minus(taEma(close, 12), taEma(close, 26));
        double[] signal = taEma(macd, 9);
        e.put("MACD", macd);
        e.put("MACD_SIGNAL", signal);
        e.put("MACD_HIST", minus(macd, signal));
        double[] gains = new double[n];
        double[] losses = new double[n];
        double[] trueRange = new double[n];
        double[] plusMove = new double[n];
        double[] minusMove = new double[n];
        double[] vpt = new double[n];
        gains[0] = losses[0] = trueRange[0] = plusMove[0] = minusMove[0] = Double.NaN;
        for (int t = 1; t < n; t++) {
            double change = close[t] - close[t - 1];
            gains[t] = Math.max(change, 0);
            losses[t] = Math.max(-change, 0);
            trueRange[t] = Math.max(high[t] - low[t], Math.max(Math.abs(high[t] - close[t - 1]),
                    Math.abs(low[t] - close[t - 1])));
            double upMove = high[t] - high[t - 1];
            double downMove = low[t - 1] - low[t];
            plusMove[t] = upMove > downMove && upMove > 0 ? upMove : 0;
            minusMove[t] = downMove > upMove && downMove > 0 ? downMove : 0;
            vpt[t] = vpt[t - 1] + volume[t] * change / close[t - 1];
        }
        double[] averageGain = wilder(gains, 14);
        double[] averageLoss = wilder(losses, 14);
        double[] rsi = new double[n];
        double[] atr = wilder(trueRange, 14);
        double[] plusDi = new double[n];
        double[] minusDi = new double[n];
        double[] dx = new double[n];
        double[] plusAverage = wilder(plusMove, 14);
        double[] minusAverage = wilder(minusMove, 14);
        for (int t = 0; t < n; t++) {
            double sum = averageGain[t] + averageLoss[t];
            rsi[t] = sum == 0 ? 50 : 100 * averageGain[t] / sum;
            plusDi[t] = 100 * plusAverage[t] / atr[t];
            minusDi[t] = 100 * minusAverage[t] / atr[t];
            dx[t] = 100 * Math.abs(plusDi[t] - minusDi[t]) / (plusDi[t] + minusDi[t]);
        }
        e.put("RSI14", rsi);
        e.put("ATR14", atr);
        e.put("PLUS_DI14", plusDi);
        e.put("MINUS_DI14", minusDi);
        e.put("ADX14", wilder(dx, 14));
        e.put("VPT", vpt);
        return e;
    }

    /**
     * ta4j's money flow index, except where a window's positive or negative flow is below 1:
     * there ta4j divides by max(flow, 1) to avoid a division by zero, and the definition
     * 100 × positive / (positive + negative) is computed here (100 when nothing fell).
     */
    private static double[] mfi(double[] ta4j, double[] high, double[] low, double[] close,
            double[] volume) {
        double[] mfi = ta4j.clone();
        for (int t = 14; t < mfi.length; t++) {
            double positive = 0;
            double negative = 0;
            for (int i = t - 13; i <= t; i++) {
                double typical = (high[i] + low[i] + close[i]) / 3;
                double previous = (high[i - 1] + low[i - 1] + close[i - 1]) / 3;
                if (typical > previous) {
                    positive += typical * volume[i];
                } else if (typical < previous) {
                    negative += typical * volume[i];
                }
            }
            if (positive < 1 || negative < 1) {
                mfi[t] = 100 * positive / (positive + negative);
            }
        }
        return mfi;
    }

    /** TA-Lib's EMA: the mean of the first n values (NaN ones skipped), then α = 2/(n + 1). */
    private static double[] taEma(double[] x, int n) {
        return seeded(x, n, false);
    }

    /** Wilder's average: the mean of the first n values (NaN ones skipped), then α = 1/n. */
    private static double[] wilder(double[] x, int n) {
        return seeded(x, n, true);
    }

    private static double[] seeded(double[] x, int n, boolean wilder) {
        double alpha = 2.0 / (n + 1);
        double[] out = new double[x.length];
        int seen = 0;
        double sum = 0;
        double average = Double.NaN;
        for (int t = 0; t < x.length; t++) {
            if (!Double.isNaN(x[t])) {
                if (seen < n) {
                    sum += x[t];
                    if (++seen == n) {
                        average = sum / n;
                    }
                } else {
                    average = wilder ? (average * (n - 1) + x[t]) / n
                            : alpha * x[t] + (1 - alpha) * average;
                }
            }
            out[t] = average;
        }
        return out;
    }

    private static double[] minus(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int t = 0; t < a.length; t++) {
            d[t] = a[t] - b[t];
        }
        return d;
    }

    private static double[] values(Indicator<Num> indicator, int n) {
        double[] v = new double[n];
        for (int t = 0; t < n; t++) {
            v[t] = indicator.getValue(t).doubleValue();
        }
        return v;
    }

    private static double[] column(List<Kline> bars, Function<Kline, Double> field) {
        return bars.stream().mapToDouble(field::apply).toArray();
    }

    private static List<Kline> minutes(String symbol) throws IOException {
        List<Kline> bars = MINUTES.get(symbol);
        if (bars == null) {
            bars = RealKlines.february2026(symbol);
            MINUTES.put(symbol, bars);
        }
        return bars;
    }
}
