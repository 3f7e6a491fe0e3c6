package io.quantstream.trade;

import io.quantstream.model.DeadLetter;
import io.quantstream.model.Instrument;
import io.quantstream.model.Market;
import io.quantstream.model.Trade;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The rules a single trade must pass before it is keyed, and the dead letter (stage
 * {@value #STAGE}) of one that does not: a symbol and a market, in the universe, positive price
 * and quantity, non-negative ids with {@code firstTradeId ≤ lastTradeId}, a trade time in
 * [2009-01-01, 2100-01-01). Shared by {@link TradeValidator} and the batch pre-aggregation, so
 * both reject the same trades for the same reasons.
 */
public final class TradeCheck implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Stage written into the dead letters. */
    public static final String STAGE = "validate";

    /** 2009-01-01T00:00:00Z in epoch ms: nothing traded before. */
    public static final long MIN_TRADE_TIME = 1_230_768_000_000L;

    /** 2100-01-01T00:00:00Z in epoch ms (exclusive): beyond is a unit mistake (µs, ns). */
    public static final long END_TRADE_TIME = 4_102_444_800_000L;

    /** Symbols accepted on every market. */
    private final HashSet<String> anyMarket = new HashSet<>();
    /** Symbols accepted on one market, by {@link Market#ordinal()}. */
    private final HashSet<String>[] onMarket;
    private final boolean acceptsAll;

    /**
     * @param universe what to accept: symbols (on every market) and instruments
     *     ({@code market:SYMBOL}), any case; empty accepts every trade
     * @throws IllegalArgumentException on an entry naming an unknown market
     */
    @SuppressWarnings("unchecked")
    public TradeCheck(Set<String> universe) {
        onMarket = new HashSet[Market.values().length];
        for (int i = 0; i < onMarket.length; i++) {
            onMarket[i] = new HashSet<>();
        }
        for (String entry : universe) {
            if (entry.indexOf(':') < 0) {
                anyMarket.add(entry.trim().toUpperCase(Locale.ROOT));
            } else {
                Instrument instrument = Instrument.parse(entry);
                onMarket[instrument.market().ordinal()].add(instrument.symbol());
            }
        }
        acceptsAll = universe.isEmpty();
    }

    /** Whether the instrument ({@code symbol} upper case, both non-null) is in the universe. */
    public boolean accepts(Market market, String symbol) {
        return acceptsAll || anyMarket.contains(symbol) || onMarket[market.ordinal()].contains(symbol);
    }

    /** Why {@code t} (symbol upper case) is rejected, or null when it passes. */
    public String rejection(Trade t) {
        if (t.symbol == null || t.symbol.isBlank()) {
            return "missing-symbol";
        }
        if (t.market == null) {
            return "missing-market";
        }
        if (!accepts(t.market, t.symbol)) {
            return "unknown-symbol";
        }
        if (!positive(t.price)) {
            return "non-positive-price";
        }
        if (!positive(t.quantity)) {
            return "non-positive-quantity";
        }
        if (t.aggTradeId < 0 || t.firstTradeId < 0 || t.lastTradeId < 0) {
            return "negative-id";
        }
        if (t.firstTradeId > t.lastTradeId) {
            return "bad-id-range";
        }
        if (t.tradeTime < MIN_TRADE_TIME || t.tradeTime >= END_TRADE_TIME) {
            return "time-out-of-range";
        }
        return null;
    }

    /** The dead letter of {@code t}, rejected for {@code reason}. */
    public static DeadLetter deadLetter(Trade t, String reason) {
        return DeadLetter.of(STAGE, reason, detail(reason, t), TradeStages.origin(t),
                String.valueOf(t), t.tradeTime);
    }

    private static boolean positive(BigDecimal value) {
        return value != null && value.signum() > 0;
    }

    private static String detail(String reason, Trade t) {
        switch (reason) {
            case "non-positive-price":
                return "price " + t.price;
            case "non-positive-quantity":
                return "quantity " + t.quantity;
            case "negative-id":
            case "bad-id-range":
                return "ids a=" + t.aggTradeId + " f=" + t.firstTradeId + " l=" + t.lastTradeId;
            case "time-out-of-range":
                return "tradeTime " + t.tradeTime + " ms outside [2009-01-01, 2100-01-01)";
            case "missing-market":
                return "no market for symbol '" + t.symbol + "'";
            default:
                return "symbol '" + t.symbol + "'";
        }
    }
}
