package io.quantstream.factor;

import io.quantstream.factor.expr.FactorProgram.Definition;
import java.util.ArrayList;
import java.util.List;

/**
 * The classic indicators of technical analysis as expressions, at their authors' default
 * parameters, under TA-Lib's names: the set {@code technical}. The averages of recursive
 * indicators are seeded with the simple mean of their first n values, as TA-Lib and the
 * authors do ({@code TaEma}, {@code Wilder}); the first bar has no previous close, so the
 * indicators of changes (true range, directional movement, gains and losses) start on the
 * second.
 *
 * <ul>
 *   <li>{@code SMA20}: simple moving average of the close over 20 bars.
 *   <li>{@code EMA20}: exponential moving average, α = 2/(n + 1) (TA-Lib {@code TA_EMA}).
 *   <li>{@code MACD} {@code MACD_SIGNAL} {@code MACD_HIST}: EMA12 − EMA26, its EMA9, their
 *       difference (Gerald Appel, "The Moving Average Convergence-Divergence Trading Method",
 *       1979; TA-Lib {@code TA_MACD}, whose EMAs are seeded like ours).
 *   <li>{@code RSI14}: Relative Strength Index, Wilder's averages of gains and losses (J. Welles
 *       Wilder, "New Concepts in Technical Trading Systems", 1978), the built-in {@code rsi(14)}.
 *   <li>{@code STOCH_K14} {@code STOCH_D3}: stochastic oscillator %K = 100 (close − lowest
 *       low) / (highest high − lowest low) over 14 bars and %D its 3-bar mean (George Lane;
 *       TA-Lib {@code TA_STOCHF}).
 *   <li>{@code ROC12}: rate of change, 100 (close − close 12 bars ago) / close 12 bars ago
 *       (TA-Lib {@code TA_ROC}).
 *   <li>{@code BOLL_MID20} {@code BOLL_UP20} {@code BOLL_LOW20} {@code BOLL_PB20}
 *       {@code BOLL_BW20}: Bollinger bands, the 20-bar mean ± 2 population standard
 *       deviations, %b = (close − lower) / (upper − lower) and bandwidth = 100 (upper − lower)
 *       / middle (John Bollinger, "Bollinger on Bollinger Bands", 2001; TA-Lib
 *       {@code TA_BBANDS}, whose deviation is the population one).
 *   <li>{@code ATR14}: average true range, Wilder's average of max(high − low, |high − previous
 *       close|, |low − previous close|) (Wilder 1978; TA-Lib {@code TA_ATR}).
 *   <li>{@code PLUS_DI14} {@code MINUS_DI14} {@code ADX14}: directional indicators, 100 ×
 *       Wilder's average of +DM (−DM) over the ATR, and the average directional index, Wilder's
 *       average of DX = 100 |+DI − −DI| / (+DI + −DI) (Wilder 1978; TA-Lib {@code TA_ADX}).
 *       +DM is the rise of the high when it beats the fall of the low and is positive, else 0.
 *   <li>{@code CCI20}: commodity channel index, (typical price − its 20-bar mean) / (0.015 ×
 *       its mean absolute deviation), typical price = (high + low + close) / 3 (Donald Lambert,
 *       Commodities magazine, 1980; TA-Lib {@code TA_CCI}).
 *   <li>{@code WILLR14}: Williams %R, −100 (highest high − close) / (highest high − lowest low)
 *       (Larry Williams, 1973; TA-Lib {@code TA_WILLR}).
 *   <li>{@code MFI14}: money flow index, 100 × the positive money flow over the total of the
 *       last 14 bars, money flow = typical price × volume, positive when the typical price rose
 *       (Gene Quong and Avrum Soudack, Technical Analysis of Stocks &amp; Commodities, 1989;
 *       TA-Lib {@code TA_MFI}).
 *   <li>{@code OBV}: on-balance volume, the running total of +volume on an up close, −volume on
 *       a down close (Joseph Granville, "New Key to Stock Market Profits", 1963); starts at 0.
 *   <li>{@code VPT}: volume-price trend, the running total of volume × the close's relative
 *       change (TA-Lib has none; StockCharts ChartSchool, "Price Volume Trend").
 *   <li>{@code AD}: accumulation/distribution line, the running total of volume × ((close −
 *       low) − (high − close)) / (high − low), 0 on a bar with high = low (Marc Chaikin; TA-Lib
 *       {@code TA_AD}), from the first bar on.
 * </ul>
 *
 * The running totals ({@code OBV VPT AD}) start at the key's first bar, so their level depends
 * on where the history starts (their changes do not); every other value depends only on its
 * window once its warm-up is over.
 */
final class Technical {

    private static final String PREVIOUS_CLOSE = "Ref($close, 1)";
    private static final String TRUE_RANGE = "Greater(Greater($high - $low, Abs($high - "
            + PREVIOUS_CLOSE + ")), Abs($low - " + PREVIOUS_CLOSE + "))";
    private static final String UP_MOVE = "($high - Ref($high, 1))";
    private static final String DOWN_MOVE = "(Ref($low, 1) - $low)";
    private static final String TYPICAL = "(($high + $low + $close) / 3)";
    /** Population standard deviation of the close over 20 bars: qlib's Std is the sample one. */
    private static final String BOLL_DEVIATION = "Power(Var($close, 20) * 19 / 20, 0.5)";

    private Technical() {}

    static List<Definition> definitions() {
        List<Definition> d = new ArrayList<>();
        add(d, "SMA20", "Mean($close, 20)");
        add(d, "EMA20", "TaEma($close, 20)");
        add(d, "MACD", "TaEma($close, 12) - TaEma($close, 26)");
        add(d, "MACD_SIGNAL", "TaEma(MACD, 9)");
        add(d, "MACD_HIST", "MACD - MACD_SIGNAL");
        add(d, "RSI14", BuiltinFactors.of("rsi(14)").expression());
        add(d, "STOCH_K14", "100 * ($close - Min($low, 14)) / (Max($high, 14) - Min($low, 14))");
        add(d, "STOCH_D3", "Mean(STOCH_K14, 3)");
        add(d, "ROC12", "100 * ($close - Ref($close, 12)) / Ref($close, 12)");
        add(d, "BOLL_MID20", "Mean($close, 20)");
        add(d, "BOLL_UP20", "BOLL_MID20 + 2 * " + BOLL_DEVIATION);
        add(d, "BOLL_LOW20", "BOLL_MID20 - 2 * " + BOLL_DEVIATION);
        add(d, "BOLL_PB20", "($close - BOLL_LOW20) / (BOLL_UP20 - BOLL_LOW20)");
        add(d, "BOLL_BW20", "100 * (BOLL_UP20 - BOLL_LOW20) / BOLL_MID20");
        add(d, "ATR14", "Wilder(" + TRUE_RANGE + ", 14)");
        // 0 * move: NaN on the first bar (no previous bar), like the true range
        add(d, "PLUS_DI14", "100 * Wilder(If((" + UP_MOVE + " > " + DOWN_MOVE + ") & (" + UP_MOVE
                + " > 0), " + UP_MOVE + ", 0 * " + UP_MOVE + "), 14) / ATR14");
        add(d, "MINUS_DI14", "100 * Wilder(If((" + DOWN_MOVE + " > " + UP_MOVE + ") & ("
                + DOWN_MOVE + " > 0), " + DOWN_MOVE + ", 0 * " + DOWN_MOVE + "), 14) / ATR14");
        add(d, "ADX14", "Wilder(100 * Abs(PLUS_DI14 - MINUS_DI14) / (PLUS_DI14 + MINUS_DI14), 14)");
        add(d, "CCI20", "(" + TYPICAL + " - Mean(" + TYPICAL + ", 20)) / (0.015 * Mad(" + TYPICAL
                + ", 20))");
        add(d, "WILLR14", "-100 * (Max($high, 14) - $close) / (Max($high, 14) - Min($low, 14))");
        String flow = TYPICAL + " * $volume";
        String previousTypical = "Ref(" + TYPICAL + ", 1)";
        String positive = "Sum(If(" + TYPICAL + " > " + previousTypical + ", " + flow + ", 0), 14)";
        String negative = "Sum(If(" + TYPICAL + " < " + previousTypical + ", " + flow + ", 0), 14)";
        add(d, "MFI14", "100 * " + positive + " / (" + positive + " + " + negative + ")");
        add(d, "OBV", "CumSum(If($close > " + PREVIOUS_CLOSE + ", $volume, If($close < "
                + PREVIOUS_CLOSE + ", -1 * $volume, 0)))");
        add(d, "VPT", "CumSum($volume * ($close - " + PREVIOUS_CLOSE + ") / " + PREVIOUS_CLOSE
                + ")");
        add(d, "AD", "CumSum(If($high > $low, (($close - $low) - ($high - $close)) / ($high - $low),"
                + " 0) * $volume)");
        return d;
    }

    private static void add(List<Definition> d, String name, String expression) {
        d.add(new Definition(name, expression));
    }
}
