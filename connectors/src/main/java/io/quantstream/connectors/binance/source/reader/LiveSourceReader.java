package io.quantstream.connectors.binance.source.reader;

import io.quantstream.connectors.binance.source.LiveRecord;
import io.quantstream.connectors.binance.source.LiveSourceSpec;
import io.quantstream.connectors.binance.source.split.InstrumentSplit;
import io.quantstream.connectors.binance.source.split.InstrumentSplitState;

import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;

import java.util.Map;
import java.util.Random;

/**
 * A live source reader: one fetcher thread ({@link LiveSplitReader}) serves all instruments
 * assigned to this subtask; records are emitted by {@link LiveRecordEmitter}, which keeps the
 * split states that are checkpointed.
 */
public final class LiveSourceReader
        extends SingleThreadMultiplexSourceReaderBase<LiveRecord, LiveRecord, InstrumentSplit, InstrumentSplitState> {

    public LiveSourceReader(LiveSourceSpec spec, SourceReaderContext context) {
        this(spec, new ReaderMetrics(context.metricGroup()), context);
    }

    private LiveSourceReader(LiveSourceSpec spec, ReaderMetrics metrics, SourceReaderContext context) {
        super(() -> new LiveSplitReader(spec, metrics, System::currentTimeMillis, new Random()),
                new LiveRecordEmitter(), context.getConfiguration(), context);
    }

    @Override
    protected void onSplitFinished(Map<String, InstrumentSplitState> finishedSplitIds) {
        // a finished split has delivered up to its stop id; nothing to release
    }

    @Override
    protected InstrumentSplitState initializedState(InstrumentSplit split) {
        return new InstrumentSplitState(split);
    }

    @Override
    protected InstrumentSplit toSplitType(String splitId, InstrumentSplitState state) {
        return state.toSplit();
    }
}
