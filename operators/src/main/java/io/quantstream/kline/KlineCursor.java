package io.quantstream.kline;

import io.quantstream.model.Market;
import io.quantstream.trade.TradeSequence;
import java.math.BigDecimal;

/**
 * Per-instrument state of {@link KlineAggregator}, one keyed {@code ValueState} so an in-order
 * trade costs one read and one write. Bars older than {@link #current} that still wait for late
 * trades live in a separate map state ({@link #olderBars} of them). After an instrument's last
 * bar is emitted only the small cursor fields remain. A Flink POJO.
 */
public class KlineCursor {
    /** The instrument's market. */
    public Market market;
    /** The instrument's symbol, upper case. */
    public String symbol;
    /** Latest trade time seen, epoch ms UTC: the instrument's own event time. */
    public long maxTradeTime = Long.MIN_VALUE;
    /** Open time (epoch ms UTC) of the last emitted 1m bar; {@code Long.MIN_VALUE} before any. */
    public long lastEmittedOpenTime = Long.MIN_VALUE;
    /** Close price of the last emitted bar, quote currency: the price of fill bars. */
    public BigDecimal lastClose;
    /** Event-time timer registered for this key, {@code Long.MIN_VALUE} if none. */
    public long timer = Long.MIN_VALUE;
    /** The newest open bar, or null. */
    public KlineAccumulator current;
    /** Number of open bars older than {@link #current}. */
    public int olderBars;
    /** Trade ids seen: duplicates and gaps. */
    public TradeSequence sequence = new TradeSequence();

    public KlineCursor() {}
}
