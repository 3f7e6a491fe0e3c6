package io.quantstream.connectors.binance.source.split;

import io.quantstream.model.Instrument;

import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One instrument's aggregate-trade stream and how far it was delivered: the split a reader
 * follows and checkpoints. Immutable; {@link InstrumentSplitState} is its mutable twin.
 *
 * @param instrument market and symbol; the split id is {@link Instrument#key()}
 * @param lastAggTradeId last aggTrade id delivered (emitted, or reported missing); -1 when none yet
 * @param lastTradeId last raw trade id delivered; -1 when unknown
 * @param lastTradeTime trade time of the last delivered trade, epoch ms UTC; {@code Long.MIN_VALUE}
 *     when unknown
 * @param stopAfterAggTradeId last aggTrade id to emit; {@code Long.MAX_VALUE} = unbounded
 */
public record InstrumentSplit(
        Instrument instrument,
        long lastAggTradeId,
        long lastTradeId,
        long lastTradeTime,
        long stopAfterAggTradeId)
        implements SourceSplit {

    /** Marks {@link #lastAggTradeId} and {@link #lastTradeId} as not known. */
    public static final long NONE = -1;

    /** A split that has delivered nothing yet. */
    public static InstrumentSplit start(Instrument instrument, long startAfter, long stopAfter) {
        return new InstrumentSplit(instrument, startAfter, NONE, Long.MIN_VALUE, stopAfter);
    }

    @Override
    public String splitId() {
        return instrument.key();
    }

    /** Whether everything up to {@link #stopAfterAggTradeId} was delivered. */
    public boolean finished() {
        return lastAggTradeId >= stopAfterAggTradeId;
    }
}
