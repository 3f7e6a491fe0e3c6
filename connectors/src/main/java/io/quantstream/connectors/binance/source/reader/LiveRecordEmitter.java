package io.quantstream.connectors.binance.source.reader;

import io.quantstream.connectors.binance.source.LiveRecord;
import io.quantstream.connectors.binance.source.split.InstrumentSplitState;

import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;

/**
 * Emits a live record and advances its split's state with it, on the task thread, so a
 * checkpoint's split state is exactly the last id that went downstream. Trades carry their trade
 * time as timestamp, gaps the time of the trade after them; watermarks are the job's.
 */
final class LiveRecordEmitter implements RecordEmitter<LiveRecord, LiveRecord, InstrumentSplitState> {

    @Override
    public void emitRecord(LiveRecord record, SourceOutput<LiveRecord> output, InstrumentSplitState state) {
        switch (record.kind) {
            case TRADE:
                state.delivered(record.trade);
                output.collect(record, record.trade.tradeTime);
                break;
            case GAP:
                state.delivered(record.gap);
                output.collect(record, record.gap.timeAfter);
                break;
            default:
                output.collect(record);
        }
    }
}
