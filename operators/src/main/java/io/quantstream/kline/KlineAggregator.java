package io.quantstream.kline;

import io.quantstream.eventtime.WatermarkDelayingOutput;
import io.quantstream.model.DeadLetter;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.Kline;
import io.quantstream.model.Market;
import io.quantstream.model.TradeGap;
import io.quantstream.trade.TradeSequence;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Keyed by instrument ({@code MARKET:SYMBOL}, {@link KlineStages#instrument(TradeRun)}): drops
 * duplicate trades, reports id gaps and aggregates trades into final 1m klines, all on one sort
 * of the input (in BATCH every {@code keyBy} is a full sort). Input 1 is {@link TradeRun}s from
 * {@link KlinePreAggregator}: each run's id range is judged as a whole and its partial bar merged
 * into its minute's bar, so the result does not depend on how the trades were cut into runs
 * (BATCH and STREAMING cut them differently). Input 2 (broadcast) is the
 * latest trade time each source read, sent once when it ends ({@link KlineStages#INPUT_END}).
 *
 * <p>A bar is final when a trade of the instrument is later than its close time plus the
 * allowed lateness (detected per record, so BATCH, whose watermark stays at
 * {@code Long.MIN_VALUE} until the end, finds the same bars), or when the watermark reaches its
 * close time plus the allowed lateness. Final bars are emitted once, in open-time order, stamped
 * with their close time. A minute without trades after the instrument's first trade is final by
 * the same rule and emitted as an empty bar at the previous close (Binance closes a kline when
 * its minute ends, with or without trades): in STREAMING when the watermark passes it, also while
 * the instrument is quiet. When the input ends, every instrument gets its empty bars up to the
 * minute of the latest trade of the whole input (the input's time range, from input 2), so BATCH
 * and STREAMING emit the same bars; an unbounded input never ends and keeps closing minutes as
 * the watermark moves.
 *
 * <p>Runs for an emitted bar are dead letters {@code late}; their ids count as seen, so a late
 * trade is never reported missing too. Runs of one aggTrade with repeated ids, or whose ids were
 * all seen, are dead letters {@code duplicate}; a run of several aggTrades of which only some ids
 * were seen is a dead letter {@code overlapping-ids} (counted in {@code overlappingRuns}): it
 * cannot be split. It happens when one instrument's trades come from two sources. Runs without a
 * market trade (USD-M insurance-fund and ADL trades, already on
 * {@code TradeStages.NON_MARKET_TRADES}) only mark their ids as seen. The output watermark trails
 * the input by the allowed lateness, so no bar is behind it.
 *
 * <p>COIN-M bars get their base asset volumes here, from the trades' {@code contracts / price}
 * sums and the symbol's {@link ContractSizes contract size} ({@link CoinMarginedVolume}).
 *
 * <p>Metrics: counters {@code klines}, {@code emptyKlines}, {@code duplicateTrades},
 * {@code lateTrades}, {@code overlappingRuns}, {@code tradeGaps}, {@code missingTrades}; per
 * instrument the gauges of {@link InstrumentClocks}.
 *
 * <p>State: one {@link KlineCursor} per instrument, plus a map of older open bars while the
 * allowed lateness keeps more than one open; one event-time timer per instrument (the next minute
 * to close, or the next id hole to settle); the input's end time in union operator state. Spot
 * and USD-M trades of one symbol are two instruments: two cursors, two id sequences, two sets of
 * bars.
 */
public class KlineAggregator extends AbstractStreamOperator<Kline>
        implements TwoInputStreamOperator<TradeRun, Long, Kline>,
                Triggerable<String, VoidNamespace>, TradeSequence.GapListener {

    static final String STAGE = "klines";
    static final long MINUTE = 60_000L;

    private final long allowedLateness;
    private final long reorderTolerance;
    private final ContractSizes contractSizes;

    private transient ListState<Long> inputEndState;
    private transient long inputEnd = Long.MIN_VALUE;
    private transient ValueState<KlineCursor> cursors;
    /**
     * The cursor last written to {@link #cursors}, and its key: runs of one instrument come in
     * bursts (a network buffer holds ~100 of one source's runs), and re-reading the value just
     * written costs a RocksDB get and a deserialization. Write-through, so state is complete at
     * every checkpoint; dropped at each snapshot, since the heap backend snapshots the stored
     * objects and copies one on its next read only (copy-on-write), never on a mutation.
     */
    private transient String cachedKey;
    private transient KlineCursor cached;
    private transient MapState<Long, KlineAccumulator> olderBars;
    private transient InternalTimerService<VoidNamespace> timers;
    private transient StreamRecord<Kline> reuse;
    private transient KlineCursor settling;
    private transient Counter klines;
    private transient Counter emptyKlines;
    private transient Counter duplicateTrades;
    private transient Counter lateTrades;
    private transient Counter overlappingRuns;
    private transient Counter tradeGaps;
    private transient Counter missingTrades;
    private transient InstrumentClocks clocks;

    /**
     * @param allowedLateness ms a bar waits for trades after its close time
     * @param reorderTolerance ms of event time a trade id may arrive after a higher one
     * @param contractSizes USD per COIN-M contract
     */
    public KlineAggregator(long allowedLateness, long reorderTolerance,
            ContractSizes contractSizes) {
        this.allowedLateness = allowedLateness;
        this.reorderTolerance = reorderTolerance;
        this.contractSizes = contractSizes;
    }

    /** An aggregator with Binance's default COIN-M contract sizes. */
    public KlineAggregator(long allowedLateness, long reorderTolerance) {
        this(allowedLateness, reorderTolerance, ContractSizes.defaults());
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        inputEndState = context.getOperatorStateStore().getUnionListState(
                new ListStateDescriptor<>("input-end", Types.LONG));
        for (Long end : inputEndState.get()) {
            inputEnd = Math.max(inputEnd, end);
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        cachedKey = null;
        cached = null;
        inputEndState.update(inputEnd == Long.MIN_VALUE ? List.of() : List.of(inputEnd));
    }

    @Override
    public void open() throws Exception {
        if (allowedLateness > 0) {
            output = new WatermarkDelayingOutput<>(output, allowedLateness);
        }
        super.open();
        cursors = getPartitionedState(cursorDescriptor());
        olderBars = getPartitionedState(olderBarsDescriptor());
        timers = getInternalTimerService("kline-bars", VoidNamespaceSerializer.INSTANCE, this);
        reuse = new StreamRecord<>(null);
        MetricGroup metrics = getMetricGroup();
        klines = metrics.counter("klines");
        emptyKlines = metrics.counter("emptyKlines");
        duplicateTrades = metrics.counter("duplicateTrades");
        lateTrades = metrics.counter("lateTrades");
        overlappingRuns = metrics.counter("overlappingRuns");
        tradeGaps = metrics.counter("tradeGaps");
        missingTrades = metrics.counter("missingTrades");
        clocks = new InstrumentClocks(metrics);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        super.processWatermark(mark);
        clocks.watermark(mark.getTimestamp());
    }

    /** Keyed state: the instrument's {@link KlineCursor} (also read by the state tools). */
    public static ValueStateDescriptor<KlineCursor> cursorDescriptor() {
        return new ValueStateDescriptor<>("kline-cursor", TypeInformation.of(KlineCursor.class));
    }

    /** Keyed state: open bars older than the cursor's current one, by open time (epoch ms UTC). */
    public static MapStateDescriptor<Long, KlineAccumulator> olderBarsDescriptor() {
        return new MapStateDescriptor<>(
                "older-bars", Types.LONG, TypeInformation.of(KlineAccumulator.class));
    }

    @Override
    public void processElement1(StreamRecord<TradeRun> element) throws Exception {
        TradeRun run = element.getValue();
        KlineCursor c = cursor();
        if (c == null) {
            c = new KlineCursor();
            c.market = run.market;
            c.symbol = run.symbol;
        }
        long openTime = run.bar.openTime;
        long closeTime = openTime + MINUTE - 1;
        if (run.bar.open != null && (openTime <= c.lastEmittedOpenTime
                || closeTime + allowedLateness < c.maxTradeTime
                || closeTime + allowedLateness <= timers.currentWatermark())) {
            // its ids were traded: seen, so the hole they fill is no gap
            boolean unseen = c.sequence.offer(run.firstTradeId, run.lastTradeId, run.firstTime,
                    run.lastTime);
            lateTrades.inc(run.trades);
            reject(run, "late", "bar " + openTime + " already final (allowed lateness "
                    + allowedLateness + " ms)" + (unseen ? "" : "; ids already seen"));
            updateTimer(c);
            store(c);
            return;
        }
        if (!c.sequence.offer(run.firstTradeId, run.lastTradeId, run.firstTime, run.lastTime)) {
            rejectRepeated(c, run);
            return;
        }
        c.maxTradeTime = Math.max(c.maxTradeTime, run.maxTime());
        clocks.traded(getCurrentKey().toString(), c.maxTradeTime);
        long closedThrough = c.maxTradeTime - allowedLateness - 1;
        if (run.bar.open != null) {
            add(c, run.bar, closedThrough);
        }
        settle(c, c.maxTradeTime - reorderTolerance - 1);
        emitFinal(c, closedThrough);
        updateTimer(c);
        store(c);
    }

    /** The current instrument's cursor, or null before its first run. */
    private KlineCursor cursor() throws Exception {
        String key = (String) getCurrentKey();
        if (cached != null && key.equals(cachedKey)) {
            return cached;
        }
        return cursors.value();
    }

    /** Writes the current instrument's cursor and keeps it for the instrument's next run. */
    private void store(KlineCursor c) throws Exception {
        cursors.update(c);
        cachedKey = (String) getCurrentKey();
        cached = c;
    }

    /**
     * Merges a run's partial bar into its minute's open bar; a newer minute first emits what
     * {@code closedThrough} closes, so the common case never touches the map of older bars.
     */
    private void add(KlineCursor c, KlineAccumulator part, long closedThrough) throws Exception {
        long openTime = part.openTime;
        KlineAccumulator current = c.current;
        if (current == null || current.openTime == openTime) {
            if (current == null) {
                current = c.current = new KlineAccumulator(openTime);
            }
            current.merge(part);
        } else if (current.openTime < openTime) {
            emitFinal(c, closedThrough);
            if (c.current != null) {
                olderBars.put(c.current.openTime, c.current);
                c.olderBars++;
            }
            c.current = new KlineAccumulator(openTime);
            c.current.merge(part);
        } else {
            KlineAccumulator older = olderBars.get(openTime);
            if (older == null) {
                older = new KlineAccumulator(openTime);
                c.olderBars++;
            }
            older.merge(part);
            olderBars.put(openTime, older);
        }
    }

    /** The latest trade time (epoch ms UTC) of one source that ended. */
    @Override
    public void processElement2(StreamRecord<Long> element) {
        inputEnd = Math.max(inputEnd, element.getValue());
    }

    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        KlineCursor c = cursor();
        if (c == null) {
            return;
        }
        if (c.symbol == null) {
            // state of a version keyed by symbol (a restored savepoint), no instrument's: dropped
            cached = null;
            cursors.clear();
            olderBars.clear();
            return;
        }
        c.timer = Long.MIN_VALUE;
        clocks.traded(getCurrentKey().toString(), c.maxTradeTime);
        long watermark = timers.currentWatermark();
        settle(c, minus(watermark, reorderTolerance));
        emitFinal(c, minus(watermark, allowedLateness));
        if (watermark == Long.MAX_VALUE) {
            fill(c, lastMinuteOfInput());
        }
        updateTimer(c);
        store(c);
    }

    /** Close time of the minute of the input's latest trade, or {@code Long.MIN_VALUE}. */
    private long lastMinuteOfInput() {
        return inputEnd == Long.MIN_VALUE ? Long.MIN_VALUE
                : TradeRun.minuteOf(inputEnd) + MINUTE - 1;
    }

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) {}

    @Override
    public void onGap(long lastIdBefore, long firstIdAfter, long timeBefore, long timeAfter) {
        TradeGap gap = new TradeGap();
        gap.symbol = settling.symbol;
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

    /**
     * Emits, oldest first, every open bar whose close time is at or before {@code closedThrough},
     * and empty bars for the minutes without trades before it (end of input: {@link #fill}).
     */
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
        if (closedThrough != Long.MAX_VALUE) {
            fill(c, closedThrough);
        }
    }

    /** Emits empty bars after the last emitted one for every minute closed by {@code closedThrough}. */
    private void fill(KlineCursor c, long closedThrough) {
        if (c.lastEmittedOpenTime == Long.MIN_VALUE) {
            return;
        }
        for (long o = c.lastEmittedOpenTime + MINUTE; o + MINUTE - 1 <= closedThrough; o += MINUTE) {
            emptyKlines.inc();
            collect(KlineAccumulator.empty(c.symbol, c.market, "1m", o, MINUTE, c.lastClose));
            c.lastEmittedOpenTime = o;
        }
    }

    private void emit(KlineCursor c, KlineAccumulator bar) {
        if (c.lastEmittedOpenTime != Long.MIN_VALUE) {
            for (long o = c.lastEmittedOpenTime + MINUTE; o < bar.openTime; o += MINUTE) {
                emptyKlines.inc();
                collect(KlineAccumulator.empty(c.symbol, c.market, "1m", o, MINUTE, c.lastClose));
            }
        }
        Kline k = bar.toKline(c.symbol, c.market, "1m", MINUTE);
        if (c.market == Market.COINM) {
            BigDecimal contractSize = contractSizes.of(c.symbol);
            k.quoteVolume = CoinMarginedVolume.baseVolume(bar.quoteVolume, contractSize);
            k.takerBuyQuoteVolume =
                    CoinMarginedVolume.baseVolume(bar.takerBuyQuoteVolume, contractSize);
        }
        klines.inc();
        collect(k);
        c.lastEmittedOpenTime = bar.openTime;
        c.lastClose = k.close;
    }

    private void collect(Kline k) {
        output.collect(reuse.replace(k, k.closeTime));
    }

    /**
     * Keeps exactly one timer: when the next minute (after the last emitted bar, or the oldest
     * open bar before any) closes, or when the lowest id hole settles, whichever is first. None
     * once the input has ended: BATCH fires every timer at the end, so a timer registered then
     * would loop.
     */
    private void updateTimer(KlineCursor c) throws Exception {
        long next = Long.MAX_VALUE;
        long nextClose = c.lastEmittedOpenTime != Long.MIN_VALUE
                ? c.lastEmittedOpenTime + 2 * MINUTE - 1 : oldestOpenCloseTime(c);
        if (nextClose != Long.MAX_VALUE) {
            next = nextClose + allowedLateness;
        }
        long settleTime = c.sequence.settleTime();
        if (settleTime != Long.MAX_VALUE) {
            next = Math.min(next, settleTime + reorderTolerance);
        }
        long wanted = next == Long.MAX_VALUE || timers.currentWatermark() == Long.MAX_VALUE
                ? Long.MIN_VALUE : next;
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
            reject(run, "overlapping-ids", ids + " partly seen: an instrument's trades must"
                    + " come from one source");
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
