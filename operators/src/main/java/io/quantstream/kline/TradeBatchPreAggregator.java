package io.quantstream.kline;

import io.quantstream.model.DeadLetter;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.Trade;
import io.quantstream.trade.TradeBatch;
import io.quantstream.trade.TradeCheck;
import io.quantstream.trade.TradeStages;
import java.util.Locale;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Validation and pre-aggregation of a file source's {@link TradeBatch}es in one operator, chained
 * to the source: what the decoder, {@code TradeStages.validate} and {@link KlinePreAggregator}
 * do one trade at a time, row by row in source order, so the same runs, dead letters and
 * non-market trades come out. Plain rows (archive trades in columns) are checked and added to
 * their run as primitives, looked up once per batch; a plain row that fails a check, a duplicate
 * or an id out of order becomes a {@link Trade} first, so its dead letter reads as before. Lines
 * that did not decode leave as their dead letters (stage {@code decode}).
 *
 * <p>Metrics: those of the three it replaces, {@code tradesDecoded}, {@code messagesSkipped},
 * {@code headerLinesSkipped}, {@code deadLetters} (lines that did not decode),
 * {@code invalidTrades}, {@code nonMarketTrades}, {@code duplicateTrades}.
 */
public class TradeBatchPreAggregator extends PreAggregation<TradeBatch> {

    private final TradeCheck check;

    private transient Counter tradesDecoded;
    private transient Counter messagesSkipped;
    private transient Counter headerLinesSkipped;
    private transient Counter deadLetters;
    private transient Counter invalidTrades;
    private transient Counter nonMarketTrades;

    /**
     * @param check what a trade must pass ({@code TradeStages.validate}'s rules)
     * @param sizes thresholds of the runs' trade-size buckets
     */
    public TradeBatchPreAggregator(TradeCheck check, TradeSizes sizes) {
        super(sizes);
        this.check = check;
    }

    @Override
    public void open() throws Exception {
        super.open();
        MetricGroup metrics = getMetricGroup();
        tradesDecoded = metrics.counter("tradesDecoded");
        messagesSkipped = metrics.counter("messagesSkipped");
        headerLinesSkipped = metrics.counter("headerLinesSkipped");
        deadLetters = metrics.counter("deadLetters");
        invalidTrades = metrics.counter("invalidTrades");
        nonMarketTrades = metrics.counter("nonMarketTrades");
    }

    @Override
    public void processElement(StreamRecord<TradeBatch> element) {
        TradeBatch b = element.getValue();
        InstrumentRuns plain = b.symbol != null && !b.symbol.isBlank() && b.market != null
                && check.accepts(b.market, b.symbol) ? runs(b.market, b.symbol) : null;
        int decoded = 0;
        for (int i = 0; i < b.size; i++) {
            switch (b.kinds[i]) {
                case TradeBatch.PLAIN:
                    decoded++;
                    if (plain != null && valid(b, i)) {
                        add(b, i, plain);
                    } else {
                        validated(b.trade(i));
                    }
                    break;
                case TradeBatch.TRADE:
                    decoded++;
                    validated(b.trades[i]);
                    break;
                case TradeBatch.DEAD_LETTER:
                    deadLetters.inc();
                    output.collect(DeadLetters.TAG, new StreamRecord<DeadLetter>(b.deadLetters[i]));
                    break;
                case TradeBatch.HEADER:
                    headerLinesSkipped.inc();
                    break;
                default:
                    messagesSkipped.inc();
            }
        }
        tradesDecoded.inc(decoded);
    }

    /** The checks of {@link TradeCheck#rejection} a plain row of an accepted instrument can fail. */
    private static boolean valid(TradeBatch b, int i) {
        long time = b.tradeTimes[i];
        return b.prices[i] > 0 && b.quantities[i] > 0 && b.aggTradeIds[i] >= 0
                && b.firstTradeIds[i] >= 0 && b.firstTradeIds[i] <= b.lastTradeIds[i]
                && time >= TradeCheck.MIN_TRADE_TIME && time < TradeCheck.END_TRADE_TIME;
    }

    /** {@code TradeStages.validate} and then {@link #add(Trade)} for one trade. */
    private void validated(Trade t) {
        if (t.symbol != null) {
            t.symbol = t.symbol.toUpperCase(Locale.ROOT);
        }
        String reason = check.rejection(t);
        if (reason != null) {
            invalidTrades.inc();
            output.collect(DeadLetters.TAG,
                    new StreamRecord<>(TradeCheck.deadLetter(t, reason), t.tradeTime));
            return;
        }
        if (!t.isMarketTrade()) {
            nonMarketTrades.inc();
            output.collect(TradeStages.NON_MARKET_TRADES, new StreamRecord<>(t, t.tradeTime));
        }
        add(t);
    }
}
