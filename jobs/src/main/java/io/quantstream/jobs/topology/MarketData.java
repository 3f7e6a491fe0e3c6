package io.quantstream.jobs.topology;

import io.quantstream.model.DeadLetter;
import io.quantstream.model.Kline;
import io.quantstream.model.Trade;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * What a source side hands to the stages: trades and klines with event-time timestamps and
 * watermarks already assigned (DESIGN.md rule 1), and the records it could not decode. A stream is
 * null when the input has none of that kind.
 */
public final class MarketData {
    /** Trades, timestamp = trade time. */
    public final DataStream<Trade> trades;
    /** Klines read as input (e.g. official 1m files), timestamp = close time. */
    public final DataStream<Kline> klines;
    /** Input that could not be decoded. */
    public final DataStream<DeadLetter> deadLetters;

    public MarketData(
            DataStream<Trade> trades, DataStream<Kline> klines, DataStream<DeadLetter> deadLetters) {
        this.trades = trades;
        this.klines = klines;
        this.deadLetters = deadLetters;
    }
}
