package io.quantstream.connectors.binance.source;

import io.quantstream.model.Market;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/**
 * An instrument the live source follows: market and upper-case symbol (spot BTCUSDT and USD-M
 * BTCUSDT are two instruments, each with its own aggTrade ids and its own split).
 */
public record LiveInstrument(Market market, String symbol) implements Serializable {

    public LiveInstrument {
        Objects.requireNonNull(market, "market");
        if (symbol == null || symbol.isBlank()) {
            throw new IllegalArgumentException("instrument without a symbol");
        }
        symbol = symbol.toUpperCase(Locale.ROOT);
    }

    /** Parses {@code <market>:<SYMBOL>}, e.g. {@code usdm:BTCUSDT} (markets as {@link Market#parse}). */
    public static LiveInstrument parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("instrument '" + text + "': expected <market>:<SYMBOL>");
        }
        return new LiveInstrument(Market.parse(text.substring(0, colon).trim()), text.substring(colon + 1).trim());
    }

    /** The split id and the text form: {@code USDM:BTCUSDT}. */
    public String id() {
        return market.name() + ":" + symbol;
    }

    /** The market stream that carries its aggregate trades: {@code btcusdt@aggTrade}. */
    public String aggTradeStream() {
        return symbol.toLowerCase(Locale.ROOT) + "@aggTrade";
    }

    @Override
    public String toString() {
        return id();
    }
}
