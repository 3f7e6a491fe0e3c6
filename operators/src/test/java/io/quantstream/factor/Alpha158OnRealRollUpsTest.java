package io.quantstream.factor;

import static io.quantstream.factor.expr.NaiveOps.idx;
import static io.quantstream.factor.expr.NaiveOps.max;
import static io.quantstream.factor.expr.NaiveOps.meanOf;
import static io.quantstream.factor.expr.NaiveOps.min;
import static io.quantstream.factor.expr.NaiveOps.pair;
import static io.quantstream.factor.expr.NaiveOps.quantile;
import static io.quantstream.factor.expr.NaiveOps.rank;
import static io.quantstream.factor.expr.NaiveOps.regression;
import static io.quantstream.factor.expr.NaiveOps.sum;
import static io.quantstream.factor.expr.NaiveOps.var;
import static io.quantstream.factor.expr.NaiveOps.window;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every one of the 158 factors of {@code alpha158} on the 1h and 4h roll-ups of the seven
 * official USD-M 1m files of 2026-02, value by value from its warm-up on, against qlib's
 * formulas ({@code qlib/contrib/data/loader.py} {@code Alpha158DL.get_feature_config},
 * microsoft/qlib; operator semantics from {@code qlib/data/ops.py}) computed here on each window
 * from scratch ({@link io.quantstream.factor.expr.NaiveOps}, two-pass) — never by the factor
 * engine. Before its warm-up every factor is
 * {@code NaN}.
 */
class Alpha158OnRealRollUpsTest {

    @ParameterizedTest
    @ValueSource(ints = {60, 240})
    void everyFactorEqualsQlibsFormulaOnEachWindow(int minutes) throws IOException {
        FactorSet set = FactorSet.parse("alpha158");
        new ReferenceComparison(set, minutes)
                .assertEverySymbol(Alpha158OnRealRollUpsTest::expected, 158);
    }

    /** Each factor's value at bar t, by name. */
    private static Map<String, IntToDoubleFunction> expected(Columns c) {
        double[] open = c.open;
        double[] high = c.high;
        double[] low = c.low;
        double[] close = c.close;
        double[] volume = c.volume;
        int n = close.length;
        double[] logVolume = new double[n];
        double[] ret = new double[n];
        double[] logVolumeRatio = new double[n];
        double[] up = new double[n];
        double[] down = new double[n];
        double[] gain = new double[n];
        double[] loss = new double[n];
        double[] move = new double[n];
        double[] weightedMove = new double[n];
        double[] volumeGain = new double[n];
        double[] volumeLoss = new double[n];
        double[] volumeMove = new double[n];
        for (int t = 0; t < n; t++) {
            logVolume[t] = Math.log(volume[t] + 1);
            if (t == 0) {
                ret[t] = logVolumeRatio[t] = up[t] = down[t] = gain[t] = loss[t] = move[t] =
                        weightedMove[t] = volumeGain[t] = volumeLoss[t] = volumeMove[t] = Double.NaN;
                continue;
            }
            ret[t] = close[t] / close[t - 1];
            logVolumeRatio[t] = Math.log(volume[t] / volume[t - 1] + 1);
            up[t] = close[t] > close[t - 1] ? 1 : 0;
            down[t] = close[t] < close[t - 1] ? 1 : 0;
            gain[t] = Math.max(close[t] - close[t - 1], 0);
            loss[t] = Math.max(close[t - 1] - close[t], 0);
            move[t] = Math.abs(close[t] - close[t - 1]);
            weightedMove[t] = Math.abs(close[t] / close[t - 1] - 1) * volume[t];
            volumeGain[t] = Math.max(volume[t] - volume[t - 1], 0);
            volumeLoss[t] = Math.max(volume[t - 1] - volume[t], 0);
            volumeMove[t] = Math.abs(volume[t] - volume[t - 1]);
        }
        Map<String, IntToDoubleFunction> e = new LinkedHashMap<>();
        e.put("KMID", t -> (close[t] - open[t]) / open[t]);
        e.put("KLEN", t -> (high[t] - low[t]) / open[t]);
        e.put("KMID2", t -> (close[t] - open[t]) / (high[t] - low[t] + 1e-12));
        e.put("KUP", t -> (high[t] - Math.max(open[t], close[t])) / open[t]);
        e.put("KUP2", t -> (high[t] - Math.max(open[t], close[t])) / (high[t] - low[t] + 1e-12));
        e.put("KLOW", t -> (Math.min(open[t], close[t]) - low[t]) / open[t]);
        e.put("KLOW2", t -> (Math.min(open[t], close[t]) - low[t]) / (high[t] - low[t] + 1e-12));
        e.put("KSFT", t -> (2 * close[t] - high[t] - low[t]) / open[t]);
        e.put("KSFT2", t -> (2 * close[t] - high[t] - low[t]) / (high[t] - low[t] + 1e-12));
        e.put("OPEN0", t -> open[t] / close[t]);
        e.put("HIGH0", t -> high[t] / close[t]);
        e.put("LOW0", t -> low[t] / close[t]);
        e.put("VWAP0", t -> c.vwap[t] / close[t]);
        for (int d : Alpha158.WINDOWS) {
            e.put("ROC" + d, t -> close[t - d] / close[t]);
            e.put("MA" + d, t -> meanOf(window(close, t, d)) / close[t]);
            e.put("STD" + d, t -> Math.sqrt(var(window(close, t, d))) / close[t]);
            e.put("BETA" + d, t -> regression(window(close, t, d))[0] / close[t]);
            e.put("RSQR" + d, t -> regression(window(close, t, d))[1]);
            e.put("RESI" + d, t -> regression(window(close, t, d))[2] / close[t]);
            e.put("MAX" + d, t -> max(window(high, t, d)) / close[t]);
            e.put("MIN" + d, t -> min(window(low, t, d)) / close[t]);
            e.put("QTLU" + d, t -> quantile(window(close, t, d), 0.8) / close[t]);
            e.put("QTLD" + d, t -> quantile(window(close, t, d), 0.2) / close[t]);
            e.put("RANK" + d, t -> rank(window(close, t, d)));
            e.put("RSV" + d, t -> (close[t] - min(window(low, t, d)))
                    / (max(window(high, t, d)) - min(window(low, t, d)) + 1e-12));
            e.put("IMAX" + d, t -> idx(window(high, t, d), true) / d);
            e.put("IMIN" + d, t -> idx(window(low, t, d), false) / d);
            e.put("IMXD" + d, t -> (idx(window(high, t, d), true) - idx(window(low, t, d), false)) / d);
            e.put("CORR" + d, t -> pair(window(close, t, d), window(logVolume, t, d), true));
            e.put("CORD" + d, t -> pair(window(ret, t, d), window(logVolumeRatio, t, d), true));
            e.put("CNTP" + d, t -> meanOf(window(up, t, d)));
            e.put("CNTN" + d, t -> meanOf(window(down, t, d)));
            e.put("CNTD" + d, t -> meanOf(window(up, t, d)) - meanOf(window(down, t, d)));
            e.put("SUMP" + d, t -> sum(window(gain, t, d)) / (sum(window(move, t, d)) + 1e-12));
            e.put("SUMN" + d, t -> sum(window(loss, t, d)) / (sum(window(move, t, d)) + 1e-12));
            e.put("SUMD" + d, t -> (sum(window(gain, t, d)) - sum(window(loss, t, d)))
                    / (sum(window(move, t, d)) + 1e-12));
            e.put("VMA" + d, t -> meanOf(window(volume, t, d)) / (volume[t] + 1e-12));
            e.put("VSTD" + d, t -> Math.sqrt(var(window(volume, t, d))) / (volume[t] + 1e-12));
            e.put("WVMA" + d, t -> Math.sqrt(var(window(weightedMove, t, d)))
                    / (meanOf(window(weightedMove, t, d)) + 1e-12));
            e.put("VSUMP" + d, t -> sum(window(volumeGain, t, d))
                    / (sum(window(volumeMove, t, d)) + 1e-12));
            e.put("VSUMN" + d, t -> sum(window(volumeLoss, t, d))
                    / (sum(window(volumeMove, t, d)) + 1e-12));
            e.put("VSUMD" + d, t -> (sum(window(volumeGain, t, d)) - sum(window(volumeLoss, t, d)))
                    / (sum(window(volumeMove, t, d)) + 1e-12));
        }
        return e;
    }
}
