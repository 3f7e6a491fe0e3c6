package io.quantstream.kline;

import io.quantstream.model.DeadLetter;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.Trade;
import io.quantstream.trade.TradeSequence;
import io.quantstream.trade.TradeStages;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Per source, before the {@code keyBy}: folds each symbol's trades into {@link TradeRun}s, so the
 * shuffle and the keyed {@link KlineAggregator} see one record per run instead of one per trade.
 *
 * <p>A trade extends its symbol's open run when it {@link TradeRun#continuesWith continues} it;
 * otherwise the open run is emitted and the trade starts a new open run, unless its ids are not
 * above every id this operator has seen of the symbol. Such a trade is a duplicate when it
 * repeats an id this operator emitted (dead letter {@code duplicate}, stage {@code klines},
 * counted in {@code duplicateTrades}), else an id arriving out of order, emitted at once as a
 * one-trade run. So the runs of one source never share an id, whatever order the keyed
 * aggregator sees them in (BATCH sorts them by timestamp), and duplicates within a source are
 * judged in source order in both modes. The ids emitted are kept per symbol as a
 * {@link TradeSequence} (one range per hole, at most {@link TradeSequence#MAX_PENDING}; beyond,
 * the lowest holes count as seen). They are not checkpointed: after a restore a duplicate of an
 * id from before the checkpoint is judged by the keyed aggregator.
 *
 * <p>Open runs are emitted before every watermark is forwarded (a run's trades are never behind
 * a watermark that passed them), when the input goes idle, before every checkpoint barrier (so the operator keeps no state)
 * and at the end of input. Each run is stamped with its latest trade time (epoch ms UTC).
 */
public class KlinePreAggregator extends AbstractStreamOperator<TradeRun>
        implements OneInputStreamOperator<Trade, TradeRun>, BoundedOneInput {

    /** The open run of a symbol and the highest raw trade id seen of it. */
    private static final class SymbolRuns {
        TradeRun open;
        long maxTradeId = Long.MIN_VALUE;
        final TradeSequence emitted = new TradeSequence();

        /** Records ids {@code first..last} as emitted; false if one of them already was. */
        boolean record(long first, long last, long firstTime, long lastTime) {
            boolean fresh = emitted.offer(first, last, firstTime, lastTime);
            emitted.settle(Long.MIN_VALUE, NO_GAPS);
            return fresh;
        }
    }

    private static final TradeSequence.GapListener NO_GAPS = (before, after, t0, t1) -> { };

    private transient Map<String, SymbolRuns> symbols;
    private transient StreamRecord<TradeRun> reuse;
    private transient Counter duplicateTrades;

    @Override
    public void open() throws Exception {
        super.open();
        symbols = new HashMap<>();
        reuse = new StreamRecord<>(null);
        duplicateTrades = getMetricGroup().counter("duplicateTrades");
    }

    @Override
    public void processElement(StreamRecord<Trade> element) {
        Trade t = element.getValue();
        SymbolRuns s = symbols.computeIfAbsent(t.symbol, k -> new SymbolRuns());
        if (s.open != null && s.open.continuesWith(t)) {
            s.open.add(t);
        } else {
            cut(s);
            if (t.firstTradeId > s.maxTradeId) {
                s.open = TradeRun.of(t);
            } else if (s.record(t.firstTradeId, t.lastTradeId, t.tradeTime, t.tradeTime)) {
                emit(TradeRun.of(t));
            } else {
                duplicateTrades.inc();
                output.collect(DeadLetters.TAG, new StreamRecord<>(DeadLetter.of(
                        KlineAggregator.STAGE, "duplicate", "ids " + t.firstTradeId + ".."
                                + t.lastTradeId + " already seen from this source",
                        TradeStages.origin(t), t.toString(), t.tradeTime), t.tradeTime));
            }
        }
        s.maxTradeId = Math.max(s.maxTradeId, t.lastTradeId);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        emitOpenRuns();
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
    }

    private void emitOpenRuns() {
        for (SymbolRuns s : symbols.values()) {
            cut(s);
        }
    }

    /** Emits the open run of {@code s}, if any, and records its ids as emitted. */
    private void cut(SymbolRuns s) {
        TradeRun run = s.open;
        if (run != null) {
            s.record(run.firstTradeId, run.lastTradeId, run.firstTime, run.lastTime);
            emit(run);
            s.open = null;
        }
    }

    private void emit(TradeRun run) {
        output.collect(reuse.replace(run, run.maxTime()));
    }
}
