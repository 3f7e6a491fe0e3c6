package io.quantstream.connectors.binance.source.split;

import io.quantstream.connectors.binance.source.BackfillGap;
import io.quantstream.model.Trade;

/**
 * The mutable state of an {@link InstrumentSplit} in a reader: advanced by each record as it is
 * emitted, so a checkpoint holds exactly what went downstream before its barrier.
 */
public final class InstrumentSplitState {

    private final InstrumentSplit split;
    private long lastAggTradeId;
    private long lastTradeId;
    private long lastTradeTime;

    public InstrumentSplitState(InstrumentSplit split) {
        this.split = split;
        this.lastAggTradeId = split.lastAggTradeId();
        this.lastTradeId = split.lastTradeId();
        this.lastTradeTime = split.lastTradeTime();
    }

    /** After {@code trade} was emitted. */
    public void delivered(Trade trade) {
        lastAggTradeId = trade.aggTradeId;
        lastTradeId = trade.lastTradeId;
        lastTradeTime = trade.tradeTime;
    }

    /** After {@code gap} was emitted: its ids count as delivered (reported, not repeated). */
    public void delivered(BackfillGap gap) {
        lastAggTradeId = gap.lastMissingAggTradeId;
        lastTradeId = gap.firstTradeIdAfter - 1;
    }

    public long lastAggTradeId() {
        return lastAggTradeId;
    }

    public InstrumentSplit toSplit() {
        return new InstrumentSplit(split.instrument(), lastAggTradeId, lastTradeId, lastTradeTime,
                split.stopAfterAggTradeId());
    }
}
