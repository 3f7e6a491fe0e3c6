package io.quantstream.factor;

import io.quantstream.model.Kline;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An ordered set of incremental {@link Factor}s, configured by name and parameters:
 *
 * <pre>{@code
 * FactorSet set = FactorSet.parse("ema(20),rsi(14),log_return(5),realized_vol(30),taker_buy_ratio,vwap_dev");
 * set.names(); // [ema_20, rsi_14, log_return_5, realized_vol_30, taker_buy_ratio, vwap_dev]
 * }</pre>
 *
 * <p>Known factors: {@code sma(n)}, {@code ema(n)}, {@code rsi(n)}, {@code log_return(n)} with
 * {@code 1 ≤ n ≤ 100000}, {@code realized_vol(n)} with {@code 2 ≤ n ≤ 100000},
 * {@code taker_buy_ratio}, {@code vwap_dev}. Each factor keeps its history in its own
 * {@code double[]} ({@link #update}), so factors can be added to or removed from a set without
 * touching the others' history.
 */
public final class FactorSet implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Largest window accepted: bounds the state of one key (100 000 doubles = 800 kB). */
    public static final int MAX_WINDOW = 100_000;

    private final List<Factor> factors;
    private final String[] names;
    private final int stateSize;

    private FactorSet(List<Factor> factors) {
        this.factors = factors;
        this.names = factors.stream().map(Factor::name).toArray(String[]::new);
        this.stateSize = factors.stream().mapToInt(Factor::stateSize).sum();
    }

    /**
     * Parses a comma-separated list of factors such as {@code ema(20),rsi(14),vwap_dev};
     * whitespace is ignored, names are case-insensitive.
     *
     * @throws IllegalArgumentException on an empty list, an unknown factor, a missing, extra or
     *     out-of-range parameter, or two factors with the same name
     */
    public static FactorSet parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty factor set");
        }
        List<Factor> factors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String item : splitTopLevel(spec.replaceAll("\\s+", ""))) {
            Factor factor = create(item);
            if (!seen.add(factor.name())) {
                throw new IllegalArgumentException(
                        "factor '" + factor.name() + "' appears twice in '" + spec + "'");
            }
            factors.add(factor);
        }
        return new FactorSet(factors);
    }

    private static List<String> splitTopLevel(String spec) {
        List<String> items = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                items.add(spec.substring(start, i));
                start = i + 1;
            }
        }
        items.add(spec.substring(start));
        return items;
    }

    private static Factor create(String item) {
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
            case "sma":
                return new Sma(window(item, args, 1));
            case "ema":
                return new Ema(window(item, args, 1));
            case "rsi":
                return new Rsi(window(item, args, 1));
            case "log_return":
                return new LogReturn(window(item, args, 1));
            case "realized_vol":
                return new RealizedVol(window(item, args, 2));
            case "taker_buy_ratio":
                noArguments(item, args);
                return new TakerBuyRatio();
            case "vwap_dev":
                noArguments(item, args);
                return new VwapDev();
            default:
                throw new IllegalArgumentException("unknown factor '" + item + "' (known: sma(n),"
                        + " ema(n), rsi(n), log_return(n), realized_vol(n), taker_buy_ratio,"
                        + " vwap_dev)");
        }
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
        if (n < min || n > MAX_WINDOW) {
            throw new IllegalArgumentException("factor '" + item + "': window must be between "
                    + min + " and " + MAX_WINDOW + " bars");
        }
        return n;
    }

    private static void noArguments(String item, String args) {
        if (args != null && !args.isEmpty()) {
            throw new IllegalArgumentException("factor '" + item + "' takes no parameter");
        }
    }

    /** Factor names in set order, e.g. {@code [ema_20, rsi_14]}; a fresh copy. */
    public String[] names() {
        return names.clone();
    }

    /** Number of factors. */
    public int size() {
        return names.length;
    }

    /** Doubles of history the whole set keeps per key (the sum over its factors). */
    public int stateSize() {
        return stateSize;
    }

    /** Factor {@code i}, in set order. */
    Factor get(int i) {
        return factors.get(i);
    }

    /**
     * Advances every factor by one bar.
     *
     * @param bar the next bar of one key; {@code bar.close} is converted to double once here
     * @param states one array per factor in set order, holding its {@link Factor#stateSize()}
     *     slots from {@code offset} (may be null for a factor without state); updated
     * @return the factor values in set order, {@code NaN} while warming up
     */
    public double[] update(Kline bar, double[][] states, int offset) {
        double close = bar.close.doubleValue();
        double[] values = new double[factors.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = factors.get(i).update(bar, close, states[i], offset);
        }
        return values;
    }

    /** The factor names joined by commas, e.g. {@code ema_20,rsi_14}. */
    @Override
    public String toString() {
        return String.join(",", names);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FactorSet && toString().equals(o.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
