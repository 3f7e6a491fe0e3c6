package io.quantstream.trade;

import io.quantstream.model.DeadLetters;
import io.quantstream.model.Trade;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;

/**
 * Stages on raw trades.
 *
 * <pre>{@code
 * SingleOutputStreamOperator<Trade> valid =
 *         TradeStages.validate(trades, Set.of("usdm:BTCUSDT", "ETHUSDT"), "binance-ws");
 * DataStream<DeadLetter> rejected = valid.getSideOutput(DeadLetters.TAG);
 * }</pre>
 */
public final class TradeStages {

    /**
     * USD-M trades whose execution type is not {@code MARKET} (insurance fund, ADL, {@code NA}):
     * real trades, but not part of Binance's klines. Counted in {@code nonMarketTrades}. They also
     * stay in the main output, so the kline stages count their ids as seen (no false gap) and
     * leave them out of the bars.
     */
    public static final OutputTag<Trade> NON_MARKET_TRADES =
            new OutputTag<>("non-market-trades", TypeInformation.of(Trade.class));

    private TradeStages() {}

    /**
     * Drops invalid trades to {@link DeadLetters#TAG} (stage {@code validate}; reasons
     * {@code missing-symbol}, {@code missing-market}, {@code unknown-symbol} (not in
     * {@code universe}), {@code non-positive-price},
     * {@code non-positive-quantity}, {@code negative-id}, {@code bad-id-range},
     * {@code time-out-of-range} for trade times outside [2009-01-01, 2100-01-01) UTC), copies
     * non-{@code MARKET} USD-M trades to {@link #NON_MARKET_TRADES} and upper-cases symbols.
     *
     * <p>Stateless, and run at the parallelism of {@code trades} so it chains to the source: the
     * kline stage needs each symbol's trades in source order, which a rebalance between source and
     * {@code keyBy} would break. For several sources, validate each one (distinct {@code sourceId}).
     *
     * @param universe what to keep, any case: symbols (on every market) and instruments
     *     ({@code market:SYMBOL}, e.g. {@code usdm:BTCUSDT}); empty keeps every trade
     * @throws IllegalArgumentException if an entry names an unknown market
     * @param sourceId stable name of the source, part of the operator uid
     */
    public static SingleOutputStreamOperator<Trade> validate(
            DataStream<Trade> trades, Set<String> universe, String sourceId) {
        return trades.process(new TradeValidator(universe), TypeInformation.of(Trade.class))
                .uid("trade-validate-" + sourceId)
                .name("validate " + sourceId)
                .setParallelism(trades.getParallelism());
    }

    /** Where a trade came from, as far as the trade itself tells: market, symbol and aggTradeId. */
    public static String origin(Trade trade) {
        return trade.market + ":" + trade.symbol + "#" + trade.aggTradeId;
    }
}
