package io.quantstream.factor.expr;

import io.quantstream.model.Kline;
import io.quantstream.model.TradeStats;
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
    VWAP("vwap"),
    /**
     * Trade statistics ({@link TradeStats}, bars made from trades; {@code NaN} on bars without
     * them, e.g. klines read from kline files): Σ price × quantity, quote currency.
     */
    DOLLAR_VOLUME("dollar_volume"),
    /** Volume of taker buys, base currency ({@link TradeStats}). */
    BUY_VOLUME("buy_volume"),
    /** Volume of taker sells, base currency ({@link TradeStats}). */
    SELL_VOLUME("sell_volume"),
    BUY_DOLLAR_VOLUME("buy_dollar_volume"),
    SELL_DOLLAR_VOLUME("sell_dollar_volume"),
    /** Raw trades of taker buys ({@link TradeStats}). */
    BUY_COUNT("buy_count"),
    SELL_COUNT("sell_count"),
    /** aggTrades of notional below the first trade-size threshold ({@link TradeStats}). */
    SIZE1_COUNT("size1_count"),
    SIZE2_COUNT("size2_count"),
    SIZE3_COUNT("size3_count"),
    /** aggTrades of notional at or above the last trade-size threshold. */
    SIZE4_COUNT("size4_count"),
    /** Volume (base currency) of the aggTrades of size bucket 1 ({@link TradeStats}). */
    SIZE1_VOLUME("size1_volume"),
    SIZE2_VOLUME("size2_volume"),
    SIZE3_VOLUME("size3_volume"),
    SIZE4_VOLUME("size4_volume");

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

    /**
     * The values of {@code fields} of {@code bar}, in that order ({@link #of}): what a factor
     * program takes per bar.
     */
    public static double[] values(Kline bar, BarField[] fields) {
        double[] values = new double[fields.length];
        for (int i = 0; i < fields.length; i++) {
            values[i] = fields[i].of(bar);
        }
        return values;
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
                return bar.tradeStats == null ? Double.NaN : of(bar.tradeStats);
        }
    }

    private double of(TradeStats s) {
        switch (this) {
            case DOLLAR_VOLUME:
                return s.dollarVolume().doubleValue();
            case BUY_VOLUME:
                return s.buyVolume.doubleValue();
            case SELL_VOLUME:
                return s.sellVolume.doubleValue();
            case BUY_DOLLAR_VOLUME:
                return s.buyDollarVolume.doubleValue();
            case SELL_DOLLAR_VOLUME:
                return s.sellDollarVolume.doubleValue();
            case BUY_COUNT:
                return s.buyCount;
            case SELL_COUNT:
                return s.sellCount;
            case SIZE1_COUNT:
            case SIZE2_COUNT:
            case SIZE3_COUNT:
            case SIZE4_COUNT:
                return s.sizeCounts[ordinal() - SIZE1_COUNT.ordinal()];
            case SIZE1_VOLUME:
            case SIZE2_VOLUME:
            case SIZE3_VOLUME:
            case SIZE4_VOLUME:
                return s.sizeVolumes[ordinal() - SIZE1_VOLUME.ordinal()].doubleValue();
            default:
                throw new IllegalStateException(name().toLowerCase(Locale.ROOT));
        }
    }

    private static double number(BigDecimal value) {
        return value == null ? Double.NaN : value.doubleValue();
    }
}
