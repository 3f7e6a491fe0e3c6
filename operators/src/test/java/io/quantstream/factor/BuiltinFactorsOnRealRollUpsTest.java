package io.quantstream.factor;

import static io.quantstream.factor.expr.NaiveOps.meanOf;
import static io.quantstream.factor.expr.NaiveOps.seeded;
import static io.quantstream.factor.expr.NaiveOps.var;
import static io.quantstream.factor.expr.NaiveOps.window;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The seven factors the project started with ({@link BuiltinFactors}), at the windows the
 * configs use, on the 1h and 4h roll-ups of the seven official USD-M 1m files of 2026-02, value
 * by value from each one's warm-up on, against their definitions computed here: each window
 * from scratch ({@link io.quantstream.factor.expr.NaiveOps}), the seeded averages (EMA,
 * Wilder's RSI) as a loop over the series up to each bar. Before its warm-up
 * every factor is {@code NaN}.
 */
class BuiltinFactorsOnRealRollUpsTest {

    private static final String SPEC = "sma(20), ema(20), rsi(14), log_return(1), log_return(24),"
            + " realized_vol(24), taker_buy_ratio, vwap_dev";

    @ParameterizedTest
    @ValueSource(ints = {60, 240})
    void everyFactorEqualsItsDefinition(int minutes) throws IOException {
        FactorSet set = FactorSet.parse(SPEC);
        new ReferenceComparison(set, minutes)
                .assertEverySymbol(BuiltinFactorsOnRealRollUpsTest::expected, 8);
    }

    private static Map<String, IntToDoubleFunction> expected(Columns c) {
        double[] close = c.close;
        int n = close.length;
        double[] gains = new double[n];
        double[] losses = new double[n];
        double[] logReturns = new double[n];
        gains[0] = losses[0] = logReturns[0] = Double.NaN;
        for (int t = 1; t < n; t++) {
            gains[t] = Math.max(close[t] - close[t - 1], 0);
            losses[t] = Math.max(close[t - 1] - close[t], 0);
            logReturns[t] = Math.log(close[t] / close[t - 1]);
        }
        Map<String, IntToDoubleFunction> e = new HashMap<>();
        e.put("sma_20", t -> meanOf(window(close, t, 20)));
        e.put("ema_20", t -> seeded(close, t, 20, false));
        e.put("rsi_14", t -> {
            double gain = seeded(gains, t, 14, true);
            double loss = seeded(losses, t, 14, true);
            return gain + loss == 0 ? 50 : 100 * gain / (gain + loss);
        });
        e.put("log_return_1", t -> Math.log(close[t] / close[t - 1]));
        e.put("log_return_24", t -> Math.log(close[t] / close[t - 24]));
        e.put("realized_vol_24", t -> Math.sqrt(var(window(logReturns, t, 24))));
        e.put("taker_buy_ratio", t -> c.takerBuyVolume[t] / c.volume[t]);
        e.put("vwap_dev", t -> close[t] / c.vwap[t] - 1);
        return e;
    }
}
