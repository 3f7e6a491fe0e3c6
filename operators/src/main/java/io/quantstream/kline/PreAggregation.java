package io.quantstream.kline;

import io.quantstream.model.DeadLetter;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.Market;
import io.quantstream.model.Trade;
import io.quantstream.trade.TradeBatch;
import io.quantstream.trade.TradeSequence;
import io.quantstream.trade.TradeStages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * What {@link KlinePreAggregator} and {@link TradeBatchPreAggregator} share: each instrument's
 * open run and emitted ids, and when runs are cut (see {@link KlinePreAggregator}).
 *
 * @param <IN> the input: trades or batches of them
 */
abstract class PreAggregation<IN> extends AbstractStreamOperator<TradeRun>
        implements OneInputStreamOperator<IN, TradeRun>, BoundedOneInput {

    /** The open run of an instrument and what was emitted of it. */
    static final class InstrumentRuns {
        TradeRun open;
        final InstrumentIds ids;

        InstrumentRuns(InstrumentIds ids) {
            this.ids = ids;
        }
    }

    final TradeSizes sizes;
    private transient ListState<InstrumentIds> checkpointed;
    /** By {@link Market#ordinal()}, then symbol. */
    private transient Map<String, InstrumentRuns>[] markets;
    private transient StreamRecord<TradeRun> reuse;
    private transient Counter duplicateTrades;
    private transient boolean inputEndSent;

    /** @param sizes thresholds of the runs' trade-size buckets */
    PreAggregation(TradeSizes sizes) {
        this.sizes = sizes;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        checkpointed = context.getOperatorStateStore().getUnionListState(new ListStateDescriptor<>(
                "emitted-ids", TypeInformation.of(InstrumentIds.class)));
        markets = newMarkets();
        for (InstrumentIds ids : checkpointed.get()) {
            if (ids.market == null) {
                continue; // state of a version keyed by symbol (see README): not restorable
            }
            Map<String, InstrumentRuns> symbols = markets[ids.market.ordinal()];
            InstrumentRuns known = symbols.get(ids.symbol);
            // after a rescale every subtask gets every entry: keep the most advanced one
            if (known == null || known.ids.maxTradeId < ids.maxTradeId) {
                symbols.put(ids.symbol, new InstrumentRuns(ids));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, InstrumentRuns>[] newMarkets() {
        Map<String, InstrumentRuns>[] markets = new Map[Market.values().length];
        for (int i = 0; i < markets.length; i++) {
            markets[i] = new HashMap<>();
        }
        return markets;
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        List<InstrumentIds> ids = new ArrayList<>();
        for (Map<String, InstrumentRuns> symbols : markets) {
            for (InstrumentRuns s : symbols.values()) {
                ids.add(s.ids);
            }
        }
        checkpointed.update(ids);
    }

    @Override
    public void open() throws Exception {
        super.open();
        reuse = new StreamRecord<>(null);
        duplicateTrades = getMetricGroup().counter("duplicateTrades");
    }

    /** The runs of an instrument (market non-null), created on its first trade. */
    final InstrumentRuns runs(Market market, String symbol) {
        Map<String, InstrumentRuns> symbols = markets[market.ordinal()];
        InstrumentRuns s = symbols.get(symbol);
        if (s == null) {
            s = new InstrumentRuns(new InstrumentIds(market, symbol));
            symbols.put(symbol, s);
        }
        return s;
    }

    /** Adds a valid trade (see the class comment of {@link KlinePreAggregator}). */
    final void add(Trade t) {
        InstrumentRuns s = runs(t.market, t.symbol);
        InstrumentIds ids = s.ids;
        if (s.open != null && s.open.continuesWith(t)) {
            s.open.add(t, sizes);
        } else {
            cut(s);
            if (t.firstTradeId > ids.maxTradeId) {
                s.open = TradeRun.open(t, sizes);
            } else if (ids.record(t.firstTradeId, t.lastTradeId, t.tradeTime, t.tradeTime)) {
                emit(TradeRun.of(t, sizes));
            } else {
                duplicate(t);
                return;
            }
        }
        ids.maxTradeId = Math.max(ids.maxTradeId, t.lastTradeId);
        ids.latestTime = Math.max(ids.latestTime, t.tradeTime);
    }

    /**
     * {@link #add(Trade)} of plain row {@code i} of {@code batch}: a valid market trade of the
     * instrument of {@code s}, added without a {@link Trade} object unless it is a duplicate or
     * out of order.
     */
    final void add(TradeBatch batch, int i, InstrumentRuns s) {
        long first = batch.firstTradeIds[i];
        long last = batch.lastTradeIds[i];
        long time = batch.tradeTimes[i];
        InstrumentIds ids = s.ids;
        if (s.open != null && s.open.continuesWith(first, time)) {
            s.open.add(batch, i, sizes);
        } else {
            cut(s);
            if (first > ids.maxTradeId) {
                s.open = TradeRun.open(batch, i, sizes);
            } else if (ids.record(first, last, time, time)) {
                emit(TradeRun.of(batch.trade(i), sizes));
            } else {
                duplicate(batch.trade(i));
                return;
            }
        }
        ids.maxTradeId = Math.max(ids.maxTradeId, last);
        ids.latestTime = Math.max(ids.latestTime, time);
    }

    private void duplicate(Trade t) {
        duplicateTrades.inc();
        output.collect(DeadLetters.TAG, new StreamRecord<>(DeadLetter.of(
                KlineAggregator.STAGE, "duplicate", "ids " + t.firstTradeId + ".."
                        + t.lastTradeId + " already seen from this source",
                TradeStages.origin(t), t.toString(), t.tradeTime), t.tradeTime));
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        emitOpenRuns();
        if (mark.getTimestamp() == Long.MAX_VALUE) {
            // a source's final watermark comes before its end of input, and must not overtake
            // the input end, or the aggregator's timers would fire without it
            sendInputEnd();
        }
        super.processWatermark(mark);
    }

    /**
     * Also flushes when this input goes idle: an idle channel stops holding the watermark back, so
     * other sources may carry it past the open runs' bars before this source sends another one.
     */
    @Override
    public void processWatermarkStatus(WatermarkStatus status) throws Exception {
        if (status.isIdle()) {
            emitOpenRuns();
        }
        super.processWatermarkStatus(status);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        emitOpenRuns();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void endInput() {
        emitOpenRuns();
        sendInputEnd();
    }

    private void sendInputEnd() {
        if (inputEndSent) {
            return;
        }
        inputEndSent = true;
        long latest = Long.MIN_VALUE;
        for (Map<String, InstrumentRuns> symbols : markets) {
            for (InstrumentRuns s : symbols.values()) {
                latest = Math.max(latest, s.ids.latestTime);
            }
        }
        if (latest != Long.MIN_VALUE) {
            output.collect(KlineStages.INPUT_END, new StreamRecord<>(latest, latest));
        }
    }

    private void emitOpenRuns() {
        for (Map<String, InstrumentRuns> symbols : markets) {
            for (InstrumentRuns s : symbols.values()) {
                cut(s);
            }
        }
    }

    /** Emits the open run of {@code s}, if any, and records its ids as emitted. */
    private void cut(InstrumentRuns s) {
        TradeRun run = s.open;
        if (run != null) {
            s.ids.record(run.firstTradeId, run.lastTradeId, run.firstTime, run.lastTime);
            emit(run.seal());
            s.open = null;
        }
    }

    private void emit(TradeRun run) {
        output.collect(reuse.replace(run, run.maxTime()));
    }
}
