package io.quantstream.kline;

import io.quantstream.model.Market;
import io.quantstream.trade.TradeSequence;

/**
 * What one source's {@link KlinePreAggregator} has emitted of one instrument (market and
 * symbol): checkpointed, so that after a restore a source that repeats trades from before the
 * checkpoint and continues with new ones gets the repeats rejected as duplicates and the new ones
 * aggregated, never folded together into a run the keyed aggregator would find partly seen. A
 * Flink POJO in operator state.
 */
public class InstrumentIds {
    public Market market;
    /** Exchange symbol, upper case. */
    public String symbol;
    /** Highest raw trade id seen of the instrument; {@code Long.MIN_VALUE} before any. */
    public long maxTradeId = Long.MIN_VALUE;
    /** Latest trade time seen of the instrument, epoch ms UTC; {@code Long.MIN_VALUE} before. */
    public long latestTime = Long.MIN_VALUE;
    /** Raw trade ids emitted (in runs), bounded by {@link TradeSequence#MAX_PENDING} holes. */
    public TradeSequence emitted = new TradeSequence();

    public InstrumentIds() {}

    InstrumentIds(Market market, String symbol) {
        this.market = market;
        this.symbol = symbol;
    }

    /** Records ids {@code first..last} as emitted; false if one of them already was. */
    boolean record(long first, long last, long firstTime, long lastTime) {
        boolean fresh = emitted.offer(first, last, firstTime, lastTime);
        emitted.settle(Long.MIN_VALUE, NO_GAPS);
        return fresh;
    }

    private static final TradeSequence.GapListener NO_GAPS = (before, after, t0, t1) -> { };
}
