package io.quantstream.model;

import java.io.Serializable;
import java.util.Locale;

/**
 * What is traded: a symbol on a market. Spot {@code BTCUSDT} and USD-M {@code BTCUSDT} are two
 * instruments, with their own klines, factors, scores and target positions.
 *
 * <pre>{@code
 * Instrument btc = Instrument.parse("usdm:BTCUSDT");
 * btc.key();                                   // "USDM:BTCUSDT"
 * Instrument.key(kline.market, kline.symbol);  // the same key, without an object
 * }</pre>
 *
 * <p>Streams are keyed by the canonical {@link #key}, {@code MARKET:SYMBOL} (market in upper case
 * as in {@link Market}, symbol as the exchange writes it): a {@code String} key costs one
 * concatenation per record and serializes like the symbol keys before it. Records keep
 * {@code market} and {@code symbol} as two fields, the way Binance names them.
 *
 * @param market the market, not null
 * @param symbol the exchange symbol, upper case, e.g. {@code BTCUSDT}
 */
public record Instrument(Market market, String symbol)
        implements Serializable, Comparable<Instrument> {

    /** @throws IllegalArgumentException on a null market, or a blank or lower-case symbol */
    public Instrument {
        if (market == null) {
            throw new IllegalArgumentException("instrument without a market: " + symbol);
        }
        if (symbol == null || symbol.isBlank()
                || !symbol.equals(symbol.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException(
                    "'" + symbol + "' is not an upper-case symbol such as BTCUSDT");
        }
    }

    /** The canonical key {@code MARKET:SYMBOL} of a market and symbol: {@code USDM:BTCUSDT}. */
    public static String key(Market market, String symbol) {
        return market + ":" + symbol;
    }

    /**
     * Reads {@code market:SYMBOL} ({@code usdm:BTCUSDT}, {@code USDM:BTCUSDT}; markets as
     * {@link Market#parse} reads them) or, when {@code defaultMarket} is not null, a bare
     * {@code SYMBOL} on that market. The symbol is upper-cased.
     *
     * @throws IllegalArgumentException on an unknown market, a bare symbol without a default
     *     market, or a blank symbol
     */
    public static Instrument parse(String text, Market defaultMarket) {
        String trimmed = text == null ? "" : text.trim();
        int colon = trimmed.indexOf(':');
        if (colon < 0 && defaultMarket == null) {
            throw new IllegalArgumentException("'" + trimmed + "' names no market; write"
                    + " market:SYMBOL, e.g. usdm:" + trimmed.toUpperCase(Locale.ROOT));
        }
        Market market = colon < 0 ? defaultMarket : Market.parse(trimmed.substring(0, colon));
        return new Instrument(market,
                trimmed.substring(colon + 1).trim().toUpperCase(Locale.ROOT));
    }

    /** {@link #parse(String, Market)} without a default market: {@code market:SYMBOL} only. */
    public static Instrument parse(String text) {
        return parse(text, null);
    }

    /** The canonical key, e.g. {@code USDM:BTCUSDT}. */
    public String key() {
        return key(market, symbol);
    }

    /** Market name, then symbol: the order of the {@link #key keys} as strings. */
    @Override
    public int compareTo(Instrument other) {
        int byMarket = market.name().compareTo(other.market.name());
        return byMarket != 0 ? byMarket : symbol.compareTo(other.symbol);
    }

    @Override
    public String toString() {
        return key();
    }
}
