package io.quantstream.trade;

import io.quantstream.model.DeadLetter;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.Instrument;
import io.quantstream.model.Market;
import io.quantstream.model.Trade;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Stateless check of single trades before they are keyed (chainable to the source). Rejected
 * trades go to {@link DeadLetters#TAG} (stage {@value #STAGE}); USD-M trades with an execution
 * type other than {@code MARKET} also go to {@link TradeStages#NON_MARKET_TRADES}, because Binance
 * leaves insurance-fund and ADL trades out of its klines ({@code ../shared/data/README.md}). Valid
 * trades, non-market ones included (their ids belong to the symbol's id sequence), are emitted
 * with the symbol in upper case.
 */
class TradeValidator extends ProcessFunction<Trade, Trade> {

    static final String STAGE = "validate";

    /** 2009-01-01T00:00:00Z in epoch ms: nothing traded before. */
    static final long MIN_TRADE_TIME = 1_230_768_000_000L;

    /** 2100-01-01T00:00:00Z in epoch ms (exclusive): beyond is a unit mistake (µs, ns). */
    static final long END_TRADE_TIME = 4_102_444_800_000L;

    /** Symbols accepted on every market. */
    private final Set<String> anyMarket;
    /** Symbols accepted on one market, by {@link Market#ordinal()}. */
    private final Set<String>[] onMarket;
    private final boolean acceptsAll;

    private transient Counter invalidTrades;
    private transient Counter nonMarketTrades;

    /**
     * @param universe what to accept: symbols (on every market) and instruments
     *     ({@code market:SYMBOL}), any case; empty accepts every trade
     * @throws IllegalArgumentException on an entry naming an unknown market
     */
    @SuppressWarnings("unchecked")
    TradeValidator(Set<String> universe) {
        anyMarket = new HashSet<>();
        onMarket = new Set[Market.values().length];
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

    @Override
    public void open(OpenContext openContext) {
        invalidTrades = getRuntimeContext().getMetricGroup().counter("invalidTrades");
        nonMarketTrades = getRuntimeContext().getMetricGroup().counter("nonMarketTrades");
    }

    @Override
    public void processElement(Trade trade, Context ctx, Collector<Trade> out) {
        if (trade.symbol != null) {
            // returns the same instance when already upper case: no allocation in the common case
            trade.symbol = trade.symbol.toUpperCase(Locale.ROOT);
        }
        String reason = rejection(trade);
        if (reason != null) {
            invalidTrades.inc();
            ctx.output(DeadLetters.TAG, DeadLetter.of(STAGE, reason, detail(reason, trade),
                    TradeStages.origin(trade), String.valueOf(trade), trade.tradeTime));
        } else {
            if (!trade.isMarketTrade()) {
                nonMarketTrades.inc();
                ctx.output(TradeStages.NON_MARKET_TRADES, trade);
            }
            out.collect(trade);
        }
    }

    private String rejection(Trade t) {
        if (t.symbol == null || t.symbol.isBlank()) {
            return "missing-symbol";
        }
        if (t.market == null) {
            return "missing-market";
        }
        if (!acceptsAll && !anyMarket.contains(t.symbol)
                && !onMarket[t.market.ordinal()].contains(t.symbol)) {
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
