package io.quantstream.trade;

import io.quantstream.model.DeadLetters;
import io.quantstream.model.Trade;
import java.util.Locale;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Stateless check of single trades before they are keyed (chainable to the source), by the rules
 * of {@link TradeCheck}. Rejected trades go to {@link DeadLetters#TAG} (stage
 * {@value TradeCheck#STAGE}); USD-M trades with an execution type other than {@code MARKET} also
 * go to {@link TradeStages#NON_MARKET_TRADES}, because Binance leaves insurance-fund and ADL
 * trades out of its klines ({@code ../shared/data/README.md}). Valid trades, non-market ones
 * included (their ids belong to the symbol's id sequence), are emitted with the symbol in upper
 * case.
 */
class TradeValidator extends ProcessFunction<Trade, Trade> {

    static final String STAGE = TradeCheck.STAGE;

    private final TradeCheck check;

    private transient Counter invalidTrades;
    private transient Counter nonMarketTrades;

    /**
     * @param universe what to accept: symbols (on every market) and instruments
     *     ({@code market:SYMBOL}), any case; empty accepts every trade
     * @throws IllegalArgumentException on an entry naming an unknown market
     */
    TradeValidator(Set<String> universe) {
        check = new TradeCheck(universe);
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
        String reason = check.rejection(trade);
        if (reason != null) {
            invalidTrades.inc();
            ctx.output(DeadLetters.TAG, TradeCheck.deadLetter(trade, reason));
        } else {
            if (!trade.isMarketTrade()) {
                nonMarketTrades.inc();
                ctx.output(TradeStages.NON_MARKET_TRADES, trade);
            }
            out.collect(trade);
        }
    }
}
