package io.quantstream.kline;

import io.quantstream.model.DeadLetter;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.Interval;
import io.quantstream.model.Kline;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Keyed by instrument ({@code MARKET:SYMBOL}, {@link KlineStages#instrument(Kline)}): rolls 1m
 * klines up into bigger epoch-aligned intervals (Binance: higher intervals are exact roll-ups of
 * 1m klines, {@code ../shared/data/README.md}); passes the 1m klines through when 1m is
 * configured. Every output is stamped with its close time.
 *
 * <p>A bigger bar is emitted when its last minute arrives, when a minute of a later bar arrives,
 * or when the watermark reaches its close time (this also flushes a partial last bar at the end
 * of input, in BATCH and STREAMING alike). An empty 1m bar (a fill) for an emitted bigger bar
 * cannot change it and is dropped (counter {@code ignoredFillBars}); a 1m bar with trades is a
 * dead letter {@code late}. 1m klines must arrive in open-time order per instrument: a repeat is
 * a dead letter {@code duplicate}, an older one {@code out-of-order}; a kline without a market is
 * a dead letter {@code missing-market}. Every dead letter counts in {@code rejectedKlines}.
 *
 * <p>A bigger bar with fewer 1m klines than its interval has minutes is {@link Kline#partial
 * partial}: the input starts or ends inside it (or misses minutes).
 *
 * <p>State: one {@link RollUpCursor} and one open {@link KlineAccumulator} per interval label;
 * one event-time timer per instrument at most. Open bars of an interval no longer configured (a
 * changed configuration across a restore) are dropped at the instrument's next kline or timer,
 * counter {@code droppedOpenBars}.
 */
public class KlineRollUp extends AbstractStreamOperator<Kline>
        implements OneInputStreamOperator<Kline, Kline>, Triggerable<String, VoidNamespace> {

    static final String STAGE = "rollup";

    private final boolean passOneMinute;
    private final String[] labels;
    private final long[] millis;
    /** {@link #labels} joined by commas, as kept in {@link RollUpCursor#intervals}. */
    private final String configured;

    private transient ValueState<RollUpCursor> cursors;
    private transient MapState<String, KlineAccumulator> openBars;
    private transient InternalTimerService<VoidNamespace> timers;
    private transient Counter klines;
    private transient Counter ignoredFillBars;
    private transient Counter rejectedKlines;
    private transient Counter droppedOpenBars;

    /** @param intervals intervals to emit; 1m passes the input through */
    public KlineRollUp(List<Interval> intervals) {
        List<Interval> bigger = new ArrayList<>();
        for (Interval interval : intervals) {
            if (!interval.equals(Interval.ONE_MINUTE) && !bigger.contains(interval)) {
                bigger.add(interval);
            }
        }
        bigger.sort(null);
        passOneMinute = intervals.contains(Interval.ONE_MINUTE);
        labels = new String[bigger.size()];
        millis = new long[bigger.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = bigger.get(i).label();
            millis[i] = bigger.get(i).millis();
        }
        configured = String.join(",", labels);
    }

    @Override
    public void open() throws Exception {
        super.open();
        cursors = getPartitionedState(cursorDescriptor());
        openBars = getPartitionedState(openBarsDescriptor());
        timers = getInternalTimerService("rollup-bars", VoidNamespaceSerializer.INSTANCE, this);
        klines = getMetricGroup().counter("klines");
        ignoredFillBars = getMetricGroup().counter("ignoredFillBars");
        rejectedKlines = getMetricGroup().counter("rejectedKlines");
        droppedOpenBars = getMetricGroup().counter("droppedOpenBars");
    }

    /** Keyed state: the instrument's {@link RollUpCursor} (also read by the state tools). */
    public static ValueStateDescriptor<RollUpCursor> cursorDescriptor() {
        return new ValueStateDescriptor<>("rollup-cursor", TypeInformation.of(RollUpCursor.class));
    }

    /** Keyed state: open bars of the current instrument, by interval label. */
    public static MapStateDescriptor<String, KlineAccumulator> openBarsDescriptor() {
        return new MapStateDescriptor<>(
                "open-bars", Types.STRING, TypeInformation.of(KlineAccumulator.class));
    }

    @Override
    public void processElement(StreamRecord<Kline> element) throws Exception {
        Kline k = element.getValue();
        if (!Interval.ONE_MINUTE.label().equals(k.interval)) {
            reject(k, "not-one-minute", "interval " + k.interval);
            return;
        }
        if (k.market == null) {
            reject(k, "missing-market", "1m bar of " + k.symbol + " without a market");
            return;
        }
        RollUpCursor c = cursors.value();
        if (c == null) {
            c = new RollUpCursor();
            c.market = k.market;
            c.symbol = k.symbol;
            c.intervals = configured;
        } else if (k.openTime <= c.lastMinute) {
            reject(k, k.openTime == c.lastMinute ? "duplicate" : "out-of-order",
                    "1m bar " + k.openTime + ", last taken " + c.lastMinute);
            return;
        }
        dropRemovedIntervals(c);
        long previousMinute = c.lastMinute;
        c.lastMinute = k.openTime;
        KlineAccumulator[] bars = new KlineAccumulator[labels.length];
        for (int i = 0; i < labels.length; i++) {
            KlineAccumulator bar = openBars.get(labels[i]);
            if (bar != null && bar.openTime < openTime(k.openTime, i)) {
                emit(c, bar, i);
                openBars.remove(labels[i]);
                bar = null;
            }
            bars[i] = bar;
        }
        if (passOneMinute) {
            klines.inc();
            output.collect(new StreamRecord<>(k, k.closeTime));
        }
        for (int i = 0; i < labels.length; i++) {
            long openTime = openTime(k.openTime, i);
            KlineAccumulator bar = bars[i];
            if (bar == null && previousMinute != Long.MIN_VALUE
                    && openTime(previousMinute, i) == openTime) {
                // the bar of the previous minute is this one, and it was emitted by the watermark
                if (k.isEmpty()) {
                    ignoredFillBars.inc();
                } else {
                    reject(k, "late", labels[i] + " bar " + openTime + " already emitted");
                }
                continue;
            }
            if (bar == null) {
                bar = new KlineAccumulator(openTime);
            }
            bar.add(k);
            if (k.closeTime == openTime + millis[i] - 1) {
                emit(c, bar, i);
                openBars.remove(labels[i]);
            } else {
                openBars.put(labels[i], bar);
            }
        }
        updateTimer(c);
        cursors.update(c);
    }

    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        RollUpCursor c = cursors.value();
        if (c == null) {
            return;
        }
        if (c.symbol == null) {
            // state of a version keyed by symbol (a restored savepoint), no instrument's: dropped
            cursors.clear();
            openBars.clear();
            return;
        }
        c.timer = Long.MIN_VALUE;
        dropRemovedIntervals(c);
        long watermark = timers.currentWatermark();
        for (int i = 0; i < labels.length; i++) {
            KlineAccumulator bar = openBars.get(labels[i]);
            if (bar != null && bar.openTime + millis[i] - 1 <= watermark) {
                emit(c, bar, i);
                openBars.remove(labels[i]);
            }
        }
        updateTimer(c);
        cursors.update(c);
    }

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) {}

    /** Drops open bars of intervals no longer configured, once after a configuration change. */
    private void dropRemovedIntervals(RollUpCursor c) throws Exception {
        if (configured.equals(c.intervals)) {
            return;
        }
        List<String> removed = new ArrayList<>();
        for (String label : openBars.keys()) {
            if (!List.of(labels).contains(label)) {
                removed.add(label);
            }
        }
        for (String label : removed) {
            openBars.remove(label);
            droppedOpenBars.inc();
        }
        c.intervals = configured;
    }

    private long openTime(long timestamp, int interval) {
        return Math.floorDiv(timestamp, millis[interval]) * millis[interval];
    }

    private void emit(RollUpCursor c, KlineAccumulator bar, int interval) {
        Kline k = bar.toKline(c.symbol, c.market, labels[interval], millis[interval]);
        k.partial = bar.minutes != millis[interval] / Interval.ONE_MINUTE.millis();
        klines.inc();
        output.collect(new StreamRecord<>(k, k.closeTime));
    }

    /** Keeps exactly one timer: at the earliest close time of an open bar. */
    private void updateTimer(RollUpCursor c) throws Exception {
        long next = Long.MIN_VALUE;
        for (int i = 0; i < labels.length; i++) {
            KlineAccumulator bar = openBars.get(labels[i]);
            if (bar != null) {
                long closeTime = bar.openTime + millis[i] - 1;
                next = next == Long.MIN_VALUE ? closeTime : Math.min(next, closeTime);
            }
        }
        if (next != c.timer) {
            if (c.timer != Long.MIN_VALUE) {
                timers.deleteEventTimeTimer(VoidNamespace.INSTANCE, c.timer);
            }
            if (next != Long.MIN_VALUE) {
                timers.registerEventTimeTimer(VoidNamespace.INSTANCE, next);
            }
            c.timer = next;
        }
    }

    private void reject(Kline k, String reason, String detail) {
        rejectedKlines.inc();
        output.collect(DeadLetters.TAG, new StreamRecord<>(DeadLetter.of(STAGE, reason, detail,
                k.market + ":" + k.symbol + " 1m " + k.openTime, k.toString(), k.closeTime),
                k.closeTime));
    }
}
