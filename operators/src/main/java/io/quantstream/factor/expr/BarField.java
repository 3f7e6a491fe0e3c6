package io.quantstream.factor.expr;

import io.quantstream.model.Kline;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;

/**
 * The fields of a bar an expression reads, written {@code $name} as in qlib
 * ({@code qlib/data/base.py} {@code Feature}), with the kline's values as doubles. Prices are in
 * quote currency, volumes in base currency (COIN-M: contracts, see {@link Kline}).
 */
public enum BarField {
    OPEN("open"),
    HIGH("high"),
    LOW("low"),
    CLOSE("close"),
    VOLUME("volume"),
    QUOTE_VOLUME("quote_volume"),
    /** Number of trades. */
    COUNT("count"),
    TAKER_BUY_VOLUME("taker_buy_volume"),
    TAKER_BUY_QUOTE_VOLUME("taker_buy_quote_volume"),
    /**
     * Volume-weighted average price, {@code quote_volume / volume}; {@code NaN} on a bar without
     * volume, where it is undefined (DESIGN.md, "Binance facts"). Not a price on COIN-M klines,
     * whose quote volume column holds base volume.
     */
    VWAP("vwap");

    private final String label;

    BarField(String label) {
        this.label = label;
    }

    /** The name after the {@code $}, e.g. {@code close}. */
    public String label() {
        return label;
    }

    /** The field written {@code $label}, or null. */
    static BarField of(String label) {
        for (BarField f : values()) {
            if (f.label.equals(label)) {
                return f;
            }
        }
        return null;
    }

    /** Every field as written in an expression: {@code $open, $high, …}. */
    static String list() {
        return String.join(", ", Arrays.stream(values()).map(f -> "$" + f.label).toList());
    }

    /** This field of {@code bar}; {@code NaN} for a missing value. */
    double of(Kline bar) {
        switch (this) {
            case OPEN:
                return number(bar.open);
            case HIGH:
                return number(bar.high);
            case LOW:
                return number(bar.low);
            case CLOSE:
                return number(bar.close);
            case VOLUME:
                return number(bar.volume);
            case QUOTE_VOLUME:
                return number(bar.quoteVolume);
            case COUNT:
                return bar.count;
            case TAKER_BUY_VOLUME:
                return number(bar.takerBuyVolume);
            case TAKER_BUY_QUOTE_VOLUME:
                return number(bar.takerBuyQuoteVolume);
            case VWAP:
                return bar.volume == null || bar.quoteVolume == null || bar.volume.signum() == 0
                        ? Double.NaN
                        : bar.quoteVolume.doubleValue() / bar.volume.doubleValue();
            default:
                throw new IllegalStateException(name().toLowerCase(Locale.ROOT));
        }
    }

    private static double number(BigDecimal value) {
        return value == null ? Double.NaN : value.doubleValue();
    }
}
