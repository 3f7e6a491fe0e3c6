package io.quantstream.factor;

import io.quantstream.factor.expr.FactorProgram.Definition;
import io.quantstream.factor.expr.Operator;
import java.util.List;
import java.util.Locale;

/**
 * The factors named by a spec such as {@code ema(20)}, each an expression (output name in
 * brackets):
 *
 * <ul>
 *   <li>{@code sma(n)} [{@code sma_n}]: {@code Mean($close, n)}, the simple moving average
 *       (quote currency);
 *   <li>{@code ema(n)} [{@code ema_n}]: {@code TaEma($close, n)}, α = 2/(n + 1), seeded with the
 *       simple average of the first n closes (StockCharts ChartSchool, "Moving Averages");
 *   <li>{@code rsi(n)} [{@code rsi_n}]: Wilder's Relative Strength Index in [0, 100] (J. Welles
 *       Wilder, "New Concepts in Technical Trading Systems", 1978): {@code 100·G/(G + L)} with
 *       {@code G}, {@code L} the {@code Wilder(…, n)} averages of close-to-close gains and
 *       losses; 50 when the price did not move over the window (0/0, e.g. gap-filled bars),
 *       so a quiet instrument is still ranked;
 *   <li>{@code log_return(n)} [{@code log_return_n}]: {@code Log($close / Ref($close, n))}, not
 *       annualized;
 *   <li>{@code realized_vol(n)} [{@code realized_vol_n}]: the sample standard deviation of the
 *       last n one-bar log returns, per bar of the interval, not annualized;
 *   <li>{@code taker_buy_ratio}: {@code $taker_buy_volume / $volume}, in [0, 1], {@code NaN}
 *       without volume;
 *   <li>{@code vwap_dev}: {@code $close / $vwap − 1}, {@code NaN} without volume.
 * </ul>
 *
 * Windows run from 1 (realized_vol: 2) to {@link Operator#MAX_WINDOW}.
 */
final class BuiltinFactors {

    static final String KNOWN = "sma(n), ema(n), rsi(n), log_return(n), realized_vol(n),"
            + " taker_buy_ratio, vwap_dev";
    /** Names of the built-in factors. */
    static final List<String> NAMES = List.of("sma", "ema", "rsi", "log_return", "realized_vol",
            "taker_buy_ratio", "vwap_dev");

    private static final String GAIN = "Greater($close - Ref($close, 1), 0)";
    private static final String LOSS = "Greater(Ref($close, 1) - $close, 0)";

    private BuiltinFactors() {}

    /**
     * The definition named by {@code spec} (whitespace ignored, case-insensitive).
     *
     * @param plugins the factor plug-ins on the class path, listed when {@code spec} is unknown
     * @throws IllegalArgumentException for an unknown factor, a missing, extra or out-of-range
     *     parameter
     */
    static Definition of(String spec, String plugins) {
        return definition(spec, plugins);
    }

    /** {@link #of(String, String)} of a spec known to be built in. */
    static Definition of(String spec) {
        return definition(spec, "not looked up");
    }

    private static Definition definition(String spec, String plugins) {
        String item = spec.replaceAll("\\s+", "");
        int open = item.indexOf('(');
        String name = (open < 0 ? item : item.substring(0, open)).toLowerCase(Locale.ROOT);
        String args = null;
        if (open >= 0) {
            if (!item.endsWith(")") || item.indexOf(')') != item.length() - 1) {
                throw new IllegalArgumentException("malformed factor '" + item + "'");
            }
            args = item.substring(open + 1, item.length() - 1);
        }
        switch (name) {
            case "sma": {
                int n = window(item, args, 1);
                return new Definition("sma_" + n, "Mean($close, " + n + ")");
            }
            case "ema": {
                int n = window(item, args, 1);
                return new Definition("ema_" + n, "TaEma($close, " + n + ")");
            }
            case "rsi": {
                int n = window(item, args, 1);
                String gain = "Wilder(" + GAIN + ", " + n + ")";
                String loss = "Wilder(" + LOSS + ", " + n + ")";
                return new Definition("rsi_" + n, "If(" + gain + " + " + loss + " == 0, 50, 100 * "
                        + gain + " / (" + gain + " + " + loss + "))");
            }
            case "log_return": {
                int n = window(item, args, 1);
                return new Definition("log_return_" + n, "Log($close / Ref($close, " + n + "))");
            }
            case "realized_vol": {
                int n = window(item, args, 2);
                return new Definition("realized_vol_" + n,
                        "Std(Log($close / Ref($close, 1)), " + n + ")");
            }
            case "taker_buy_ratio":
                noArguments(item, args);
                return new Definition("taker_buy_ratio", "$taker_buy_volume / $volume");
            case "vwap_dev":
                noArguments(item, args);
                return new Definition("vwap_dev", "$close / $vwap - 1");
            default:
                throw new IllegalArgumentException("unknown factor '" + item + "' (known: " + KNOWN
                        + "; sets: " + String.join(", ", FactorLibrary.SETS) + "; plug-ins: "
                        + plugins + "; or"
                        + " NAME=EXPRESSION" + (looksLikeExpression(item)
                                ? ": give the expression a name, e.g. f1=" + spec.trim() : "")
                        + ")");
        }
    }

    private static boolean looksLikeExpression(String item) {
        return item.contains("$") || item.matches("[A-Z].*\\(.*");
    }

    private static int window(String item, String args, int min) {
        if (args == null || args.isEmpty()) {
            throw new IllegalArgumentException("factor '" + item + "' needs a window, e.g. "
                    + item.replaceAll("\\(.*", "") + "(14)");
        }
        int n;
        try {
            n = Integer.parseInt(args);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "factor '" + item + "': window '" + args + "' is not a whole number");
        }
        if (n < min || n > Operator.MAX_WINDOW) {
            throw new IllegalArgumentException("factor '" + item + "': window must be between "
                    + min + " and " + Operator.MAX_WINDOW + " bars");
        }
        return n;
    }

    private static void noArguments(String item, String args) {
        if (args != null && !args.isEmpty()) {
            throw new IllegalArgumentException("factor '" + item + "' takes no parameter");
        }
    }
}
