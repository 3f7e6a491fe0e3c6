package io.quantstream.kline;

import io.quantstream.eventtime.WatermarkDelayingOutput;
import io.quantstream.model.DeadLetter;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.Kline;
import io.quantstream.model.TradeGap;
import io.quantstream.trade.TradeSequence;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Keyed by symbol: drops duplicate trades, reports id gaps and aggregates trades into final 1m
 * klines, all on one sort of the input (in BATCH every {@code keyBy} is a full sort). The input
 * is {@link TradeRun}s from {@link KlinePreAggregator}: each run's id range is judged as a whole
 * and its partial bar merged into its minute's bar, so the result does not depend on how the
 * trades were cut into runs (BATCH and STREAMING cut them differently).
 *
 * <p>A bar is final when a trade of the symbol is later than its close time plus the allowed
 * lateness (detected per record, so BATCH, whose watermark stays at {@code Long.MIN_VALUE} until
 * the end, finds the same bars), or when the watermark reaches its close time plus the allowed
 * lateness. Final bars are emitted once, in open-time order, stamped with their close time; a
 * minute without trades between two bars is emitted as an empty bar at the previous close
 * (never after the symbol's last trade: DESIGN.md rule 2). Runs for an emitted bar are
 * dead letters {@code late}; runs of one aggTrade with repeated ids, or whose ids were all seen,
 * are dead letters {@code duplicate}; a run of several aggTrades of which only some ids were seen
 * is a dead letter {@code overlapping-ids} (counted in {@code overlappingRuns}): it cannot be
 * split. It happens when one symbol's trades come from two sources, or after a restore when a
 * source repeats a trade from before the checkpoint and continues from it. The output
 * watermark trails the input by the allowed lateness, so no bar is behind it.
 *
 * <p>State: one {@link KlineCursor} per symbol, plus a map of older open bars while the allowed
 * lateness keeps more than one open. One event-time timer per symbol at most.
 */
public class KlineAggregator extends AbstractStreamOperator<Kline>
        implements OneInputStreamOperator<TradeRun, Kline>, Triggerable<String, VoidNamespace>,
                TradeSequence.GapListener {

    static final String STAGE = "klines";
    static final long MINUTE = 60_000L;

    private final long allowedLateness;
    private final long reorderTolerance;

    private transient ValueState<KlineCursor> cursors;
    private transient MapState<Long, KlineAccumulator> olderBars;
    private transient InternalTimerService<VoidNamespace> timers;
    private transient StreamRecord<Kline> reuse;
    private transient KlineCursor settling;
    private transient Counter klines;
    private transient Counter emptyKlines;
    private transient Counter duplicateTrades;
    private transient Counter lateTrades;
    private transient Counter rejectedTrades;
    private transient Counter overlappingRuns;
    private transient Counter tradeGaps;
    private transient Counter missingTrades;

    /**
     * @param allowedLateness ms a bar waits for trades after its close time
     * @param reorderTolerance ms of event time a trade id may arrive after a higher one
     */
    public KlineAggregator(long allowedLateness, long reorderTolerance) {
        this.allowedLateness = allowedLateness;
        this.reorderTolerance = reorderTolerance;
    }

    @Override
    public void open() throws Exception {
        if (allowedLateness > 0) {
            output = new WatermarkDelayingOutput<>(output, allowedLateness);
        }
        super.open();
        cursors = getPartitionedState(new ValueStateDescriptor<>(
                "kline-cursor", TypeInformation.of(KlineCursor.class)));
        olderBars = getPartitionedState(new MapStateDescriptor<>(
                "older-bars", Types.LONG, TypeInformation.of(KlineAccumulator.class)));
        timers = getInternalTimerService("kline-bars", VoidNamespaceSerializer.INSTANCE, this);
        reuse = new StreamRecord<>(null);
        MetricGroup metrics = getMetricGroup();
        klines = metrics.counter("klines");
        emptyKlines = metrics.counter("emptyKlines");
        duplicateTrades = metrics.counter("duplicateTrades");
        lateTrades = metrics.counter("lateTrades");
        rejectedTrades = metrics.counter("rejectedTrades");
        overlappingRuns = metrics.counter("overlappingRuns");
        tradeGaps = metrics.counter("tradeGaps");
        missingTrades = metrics.counter("missingTrades");
    }

    @Override
    public void processElement(StreamRecord<TradeRun> element) throws Exception {
        TradeRun run = element.getValue();
        KlineCursor c = cursors.value();
        if (c == null) {
            c = new KlineCursor();
            c.market = run.market;
        } else if (c.market != run.market) {
            rejectedTrades.inc(run.trades);
            reject(run, "market-mismatch", "symbol trades on " + c.market + ", not " + run.market);
            return;
        }
        long openTime = run.bar.openTime;
        long closeTime = openTime + MINUTE - 1;
        if (openTime <= c.lastEmittedOpenTime
                || closeTime + allowedLateness < c.maxTradeTime
                || closeTime + allowedLateness <= timers.currentWatermark()) {
            lateTrades.inc(run.trades);
            reject(run, "late", "bar " + openTime + " already final (allowed lateness "
                    + allowedLateness + " ms)");
            return;
        }
        if (!c.sequence.offer(run.firstTradeId, run.lastTradeId, run.firstTime, run.lastTime)) {
            rejectRepeated(c, run);
            return;
        }
        c.maxTradeTime = Math.max(c.maxTradeTime, run.maxTime());
        long closedThrough = c.maxTradeTime - allowedLateness - 1;
        KlineAccumulator current = c.current;
        if (current == null || current.openTime == openTime) {
            if (current == null) {
                current = c.current = new KlineAccumulator(openTime);
            }
            current.merge(run.bar);
        } else if (current.openTime < openTime) {
            emitFinal(c, closedThrough);
            if (c.current != null) {
                olderBars.put(c.current.openTime, c.current);
                c.olderBars++;
            }
            c.current = new KlineAccumulator(openTime);
            c.current.merge(run.bar);
        } else {
            KlineAccumulator older = olderBars.get(openTime);
            if (older == null) {
                older = new KlineAccumulator(openTime);
                c.olderBars++;
            }
            older.merge(run.bar);
            olderBars.put(openTime, older);
        }
        settle(c, c.maxTradeTime - reorderTolerance - 1);
        emitFinal(c, closedThrough);
        updateTimer(c);
        cursors.update(c);
    }

    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        KlineCursor c = cursors.value();
        if (c == null) {
            return;
        }
        c.timer = Long.MIN_VALUE;
        long watermark = timers.currentWatermark();
        settle(c, minus(watermark, reorderTolerance));
        emitFinal(c, minus(watermark, allowedLateness));
        updateTimer(c);
        cursors.update(c);
    }

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) {}

    @Override
    public void onGap(long lastIdBefore, long firstIdAfter, long timeBefore, long timeAfter) {
        TradeGap gap = new TradeGap();
        gap.symbol = (String) getCurrentKey();
        gap.market = settling.market;
        gap.lastTradeIdBefore = lastIdBefore;
        gap.firstTradeIdAfter = firstIdAfter;
        gap.missingTrades = firstIdAfter - lastIdBefore - 1;
        gap.timeBefore = timeBefore;
        gap.timeAfter = timeAfter;
        tradeGaps.inc();
        missingTrades.inc(gap.missingTrades);
        output.collect(KlineStages.TRADE_GAPS, new StreamRecord<>(gap, timeAfter));
    }

    private void settle(KlineCursor c, long settledThrough) {
        if (c.sequence.hasPending()) {
            settling = c;
            c.sequence.settle(settledThrough, this);
        }
    }

    /** Emits, oldest first, every open bar whose close time is at or before {@code closedThrough}. */
    private void emitFinal(KlineCursor c, long closedThrough) throws Exception {
        if (c.olderBars > 0) {
            List<Long> ready = new ArrayList<>();
            for (Long openTime : olderBars.keys()) {
                if (openTime + MINUTE - 1 <= closedThrough) {
                    ready.add(openTime);
                }
            }
            Collections.sort(ready);
            for (Long openTime : ready) {
                emit(c, olderBars.get(openTime));
                olderBars.remove(openTime);
                c.olderBars--;
            }
        }
        if (c.current != null && c.current.openTime + MINUTE - 1 <= closedThrough) {
            emit(c, c.current);
            c.current = null;
        }
    }

    private void emit(KlineCursor c, KlineAccumulator bar) {
        String symbol = (String) getCurrentKey();
        if (c.lastEmittedOpenTime != Long.MIN_VALUE) {
            for (long o = c.lastEmittedOpenTime + MINUTE; o < bar.openTime; o += MINUTE) {
                emptyKlines.inc();
                collect(KlineAccumulator.empty(symbol, c.market, "1m", o, MINUTE, c.lastClose));
            }
        }
        Kline k = bar.toKline(symbol, c.market, "1m", MINUTE);
        klines.inc();
        collect(k);
        c.lastEmittedOpenTime = bar.openTime;
        c.lastClose = k.close;
    }

    private void collect(Kline k) {
        output.collect(reuse.replace(k, k.closeTime));
    }

    /** Keeps exactly one timer: at the earliest time an open bar or a pending id hole settles. */
    private void updateTimer(KlineCursor c) throws Exception {
        long next = Long.MAX_VALUE;
        long oldestClose = oldestOpenCloseTime(c);
        if (oldestClose != Long.MAX_VALUE) {
            next = oldestClose + allowedLateness;
        }
        long settleTime = c.sequence.settleTime();
        if (settleTime != Long.MAX_VALUE) {
            next = Math.min(next, settleTime + reorderTolerance);
        }
        long wanted = next == Long.MAX_VALUE ? Long.MIN_VALUE : next;
        if (wanted != c.timer) {
            if (c.timer != Long.MIN_VALUE) {
                timers.deleteEventTimeTimer(VoidNamespace.INSTANCE, c.timer);
            }
            if (wanted != Long.MIN_VALUE) {
                timers.registerEventTimeTimer(VoidNamespace.INSTANCE, wanted);
            }
            c.timer = wanted;
        }
    }

    private long oldestOpenCloseTime(KlineCursor c) throws Exception {
        long oldest = c.current == null ? Long.MAX_VALUE : c.current.openTime;
        if (c.olderBars > 0) {
            for (Long openTime : olderBars.keys()) {
                oldest = Math.min(oldest, openTime);
            }
        }
        return oldest == Long.MAX_VALUE ? oldest : oldest + MINUTE - 1;
    }

    /** A run the sequence refused: a duplicate, or (several aggTrades, partly seen) an overlap. */
    private void rejectRepeated(KlineCursor c, TradeRun run) {
        String ids = "ids " + run.firstTradeId + ".." + run.lastTradeId;
        if (run.trades == 1 || c.sequence.covers(run.firstTradeId, run.lastTradeId)) {
            duplicateTrades.inc(run.trades);
            reject(run, "duplicate", ids + " already seen or reported missing");
        } else {
            overlappingRuns.inc();
            reject(run, "overlapping-ids", ids + " partly seen: a symbol's trades must come"
                    + " from one source");
        }
    }

    private void reject(TradeRun run, String reason, String detail) {
        long time = run.maxTime();
        output.collect(DeadLetters.TAG, new StreamRecord<>(DeadLetter.of(STAGE, reason, detail,
                run.origin(), run.toString(), time), time));
    }

    /** {@code time - millis}, except that the end of input ({@code Long.MAX_VALUE}) stays. */
    private static long minus(long time, long millis) {
        if (time == Long.MAX_VALUE) {
            return time;
        }
        return time < Long.MIN_VALUE + millis ? Long.MIN_VALUE : time - millis;
    }
}
