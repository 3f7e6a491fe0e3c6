package io.quantstream.kline;

import io.quantstream.model.DeadLetter;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.Market;
import io.quantstream.model.Trade;
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
 * Per source, before the {@code keyBy}: folds each instrument's trades into {@link TradeRun}s,
 * so the shuffle and the keyed {@link KlineAggregator} see one record per run instead of one per
 * trade. An instrument is a market and a symbol: spot and USD-M trades of one symbol have their
 * own runs and ids.
 *
 * <p>A trade extends its instrument's open run when it {@link TradeRun#continuesWith continues}
 * it; otherwise the open run is emitted and the trade starts a new open run, unless its ids are
 * not above every id this operator has seen of the instrument. Such a trade is a duplicate when it
 * repeats an id this operator emitted (dead letter {@code duplicate}, stage {@code klines},
 * counted in {@code duplicateTrades}), else an id arriving out of order, emitted at once as a
 * one-trade run. So the runs of one source never share an id, whatever order the keyed
 * aggregator sees them in (BATCH sorts them by timestamp), and duplicates within a source are
 * judged in source order in both modes. What was emitted of each instrument is kept as
 * {@link InstrumentIds} (one range per hole, at most {@link TradeSequence#MAX_PENDING}; beyond, the
 * lowest holes count as seen) in union operator state: after a restore, trades the source
 * repeats from before the checkpoint are duplicates here and the new ones start a new run.
 *
 * <p>Open runs are emitted before every watermark is forwarded (a run's trades are never behind
 * a watermark that passed them), when the input goes idle, before every checkpoint barrier (so
 * no open run is ever in a checkpoint) and at the end of input. Each run is stamped with its
 * latest trade time (epoch ms UTC). At the end of input (before the final watermark is forwarded)
 * the latest trade time the source read is sent once on {@link KlineStages#INPUT_END}: the keyed
 * aggregator closes every instrument's minutes up to the input's last one with it.
 *
 * <p>Trades are looked up by market, then symbol: no key is built per trade. Trades need a market
 * ({@code TradeStages.validate} rejects those without).
 */
public class KlinePreAggregator extends AbstractStreamOperator<TradeRun>
        implements OneInputStreamOperator<Trade, TradeRun>, BoundedOneInput {

    /** The open run of an instrument and what was emitted of it. */
    private static final class InstrumentRuns {
        TradeRun open;
        final InstrumentIds ids;

        InstrumentRuns(InstrumentIds ids) {
            this.ids = ids;
        }
    }

    private final TradeSizes sizes;
    private transient ListState<InstrumentIds> checkpointed;
    /** By {@link Market#ordinal()}, then symbol. */
    private transient Map<String, InstrumentRuns>[] markets;
    private transient StreamRecord<TradeRun> reuse;
    private transient Counter duplicateTrades;
    private transient boolean inputEndSent;

    /** @param sizes thresholds of the runs' trade-size buckets */
    public KlinePreAggregator(TradeSizes sizes) {
        this.sizes = sizes;
    }

    /** A pre-aggregator with the {@link TradeSizes#defaults() default} trade-size buckets. */
    public KlinePreAggregator() {
        this(TradeSizes.defaults());
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

    @Override
    public void processElement(StreamRecord<Trade> element) {
        Trade t = element.getValue();
        Map<String, InstrumentRuns> symbols = markets[t.market.ordinal()];
        InstrumentRuns s = symbols.get(t.symbol);
        if (s == null) {
            s = new InstrumentRuns(new InstrumentIds(t.market, t.symbol));
            symbols.put(t.symbol, s);
        }
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
                duplicateTrades.inc();
                output.collect(DeadLetters.TAG, new StreamRecord<>(DeadLetter.of(
                        KlineAggregator.STAGE, "duplicate", "ids " + t.firstTradeId + ".."
                                + t.lastTradeId + " already seen from this source",
                        TradeStages.origin(t), t.toString(), t.tradeTime), t.tradeTime));
                return;
            }
        }
        ids.maxTradeId = Math.max(ids.maxTradeId, t.lastTradeId);
        ids.latestTime = Math.max(ids.latestTime, t.tradeTime);
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
