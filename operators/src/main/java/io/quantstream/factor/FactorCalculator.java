package io.quantstream.factor;

import io.quantstream.factor.expr.BarField;
import io.quantstream.model.DeadLetter;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.FactorVector;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes a {@link FactorSet} over the klines of one (market, symbol, interval) key, each taken
 * as the {@link FactorBar} of the set's fields ({@link FactorStages#compute} makes them): one
 * {@link FactorVector} per complete kline, emitted with the kline's timestamp (its close time).
 *
 * <p>Keyed state: one {@link FactorHistory}, holding the history of each stateful node of the
 * set's {@link io.quantstream.factor.expr.FactorProgram} under the id of its canonical
 * expression, e.g.
 * {@code Std($close,20)}. So the factor set may change across a savepoint: nodes kept continue
 * warm (also when a new factor shares them), added ones warm up, and a removed node's history is
 * dropped at its key's next kline (it misses that kline, so it could not be continued anyway).
 * A history whose length or layout version does not fit its node is never read: the node, and
 * every node computed from it, warms up again (counter {@code rejectedFactorStates}, and a
 * warning in the log). One value rather than a map entry per node, because every kline reads and
 * writes every node's history: on RocksDB one get and one put per kline measured 4–6 times
 * faster than a map iteration plus a batch of puts.
 *
 * <p>A {@link io.quantstream.model.Kline#partial partial} kline (the input starts or ends inside
 * the bar) is skipped, counter {@code partialKlines}: its values cover only part of its interval.
 * A kline whose open time is not after the last processed one goes to {@link DeadLetters#TAG} as
 * {@code out-of-order} (counter {@code outOfOrderKlines}), one without a positive close as
 * {@code invalid-close} (counter {@code invalidKlines}); neither touches the state. The dead
 * letter's payload is the bar as the stage took it ({@link FactorBar#describe}: key, times, exact
 * close and the fields the set reads).
 *
 * <p><b>A failing plug-in</b> (an exception from a plug-in factor's update) does not fail the
 * job: that factor is {@code NaN} at the bar (and so is every expression over it, a rolling one
 * while its window holds that {@code NaN}), its state stays as before the call, the vector is
 * emitted (the cross-section leaves the instrument unscored, {@code factor-not-finite}), and a
 * dead letter {@code plugin-failed} names the call,
 * the plug-in's class and jar, the exception, the key and the bar (counter
 * {@code failedPluginUpdates}; the first failure of each call is also logged with its stack
 * trace). A plug-in that fails on every bar gives one dead letter per key and bar, which the
 * dead-letter counter ({@code deadLetters{stage="factors",reason="plugin-failed"}}) shows, and
 * never a warm value; the job goes on, and the next bar is offered to it as usual.
 *
 * <p>Keyed by {@code K}: {@link FactorStages#key} (String) or, in BATCH,
 * {@link FactorStages#sortKey} (a Short bucket of instruments and intervals), where the
 * histories are kept per instrument and interval in {@link BucketHistories} instead of keyed
 * state ({@link #keepHistoriesPerBucket}).
 */
public class FactorCalculator<K> extends KeyedProcessFunction<K, FactorBar, FactorVector> {

    static final String STAGE = "factors";
    /** Dead-letter reason of a plug-in factor's exception. */
    public static final String PLUGIN_FAILED = "plugin-failed";
    private static final Logger LOG = LoggerFactory.getLogger(FactorCalculator.class);

    private static final String[] ALL_WARM = new String[0];

    private final FactorSet factors;

    private transient FactorUpdate update;
    private transient ValueState<FactorHistory> history;
    private transient String[] names;
    private transient BarField[] fields;
    private transient Counter outOfOrder;
    private transient Counter invalid;
    private transient Counter partial;
    private transient Counter rejectedStates;
    private transient Counter failedPlugins;
    /** Plug-in failures of the kline being processed: call and exception. */
    private transient List<Map.Entry<String, Exception>> failures;
    private transient Set<String> logged;
    /** Histories kept between klines ({@link FactorOperator}); null: read and written per kline. */
    private transient FactorHistoryCache<K> cache;
    /** BATCH: the histories of the current bucket, in place of keyed state; null in STREAMING. */
    private transient BucketHistories buckets;

    public FactorCalculator(FactorSet factors) {
        this.factors = factors;
    }

    @Override
    public void open(OpenContext openContext) {
        failures = new ArrayList<>();
        logged = new HashSet<>();
        update = new FactorUpdate(factors, (call, e) -> failures.add(Map.entry(call, e)));
        history = getRuntimeContext().getState(historyDescriptor());
        names = factors.names();
        fields = factors.fieldsRead();
        outOfOrder = getRuntimeContext().getMetricGroup().counter("outOfOrderKlines");
        invalid = getRuntimeContext().getMetricGroup().counter("invalidKlines");
        partial = getRuntimeContext().getMetricGroup().counter("partialKlines");
        rejectedStates = getRuntimeContext().getMetricGroup().counter("rejectedFactorStates");
        failedPlugins = getRuntimeContext().getMetricGroup().counter("failedPluginUpdates");
    }

    /** Keeps histories in {@code cache} between klines, from the next kline on. */
    void cacheHistories(FactorHistoryCache<K> cache) {
        this.cache = cache;
    }

    /**
     * Keeps histories per instrument and interval of the current key, a bucket of them, on the
     * heap instead of in keyed state (BATCH, where keys arrive one after the other:
     * {@link BucketHistories}), from the next kline on.
     */
    void keepHistoriesPerBucket() {
        this.buckets = new BucketHistories();
    }

    /**
     * Writes every cached history changed since it was last written and empties the cache
     * (before a snapshot, {@link FactorHistoryCache#flushAndClear}).
     */
    void flushHistories() {
        if (cache != null) {
            cache.flushAndClear();
        }
    }

    /** Writes {@code h} to the keyed state of the current key (the cache's write-back). */
    void writeHistory(FactorHistory h) throws IOException {
        history.update(h);
    }

    /** The only keyed state (also read and written by the state tools). */
    public static ValueStateDescriptor<FactorHistory> historyDescriptor() {
        return new ValueStateDescriptor<>(
                "factor-states", TypeInformation.of(FactorHistory.class));
    }

    @Override
    public void processElement(FactorBar bar, Context ctx, Collector<FactorVector> out)
            throws Exception {
        failures.clear(); // a previous kline's, when emitting its vector threw
        if (FactorUpdate.INVALID_CLOSE.equals(FactorUpdate.skipReason(null, bar))) {
            invalid.inc();
            ctx.output(DeadLetters.TAG, DeadLetter.of(STAGE, FactorUpdate.INVALID_CLOSE,
                    "close must be positive, was " + bar.close, "key " + FactorStages.key(bar),
                    bar.describe(fields), bar.closeTime));
            return;
        }
        if (bar.partial) {
            partial.inc();
            return;
        }
        K key = ctx.getCurrentKey();
        FactorHistory h = historyOf(key, bar);
        if (FactorUpdate.skipReason(h, bar) != null) {
            outOfOrder.inc();
            ctx.output(DeadLetters.TAG, DeadLetter.of(STAGE, FactorUpdate.OUT_OF_ORDER,
                    "openTime " + bar.openTime + " not after last processed " + h.lastOpenTime,
                    "key " + FactorStages.key(bar), bar.describe(fields), bar.closeTime));
            return;
        }
        if (h == null) {
            h = new FactorHistory();
        }
        double[] values = update.advance(h, bar, node -> {
            rejectedStates.inc();
            LOG.warn("key {}: state of factor node {} does not fit its layout; it warms"
                    + " up again, with the nodes computed from it", FactorStages.key(bar), node);
        });
        keep(key, h);
        out.collect(vector(bar, values, update.warmingUp(h)));
        if (!failures.isEmpty()) {
            pluginFailed(ctx, bar);
        }
    }

    private void pluginFailed(Context ctx, FactorBar bar) {
        String key = FactorStages.key(bar);
        for (Map.Entry<String, Exception> failure : failures) {
            Exception e = failure.getValue();
            failedPlugins.inc();
            if (logged.add(failure.getKey())) {
                LOG.warn("factor {} failed at key {}, bar opening {}: its value is NaN there (a"
                        + " dead letter {}; later failures are only dead letters)",
                        failure.getKey(), key, Instant.ofEpochMilli(bar.openTime), PLUGIN_FAILED, e);
            }
            ctx.output(DeadLetters.TAG, DeadLetter.of(STAGE, PLUGIN_FAILED, "factor "
                    + failure.getKey() + " failed at the bar opening "
                    + Instant.ofEpochMilli(bar.openTime) + ": " + e, "key " + key,
                    bar.describe(fields), bar.closeTime));
        }
        failures.clear();
    }

    /** The history {@code bar} continues, null before its instrument and interval's first. */
    private FactorHistory historyOf(K key, FactorBar bar) throws IOException {
        if (buckets != null) {
            return buckets.get(key, bar);
        }
        FactorHistory h = cache == null ? null : cache.get(key);
        return h != null ? h : history.value();
    }

    /** Keeps {@code h}, advanced by the kline of {@link #historyOf}, for the next one. */
    private void keep(K key, FactorHistory h) throws IOException {
        if (buckets != null) {
            buckets.put(h);
        } else if (cache != null) {
            cache.put(key, h);
        } else {
            history.update(h);
        }
    }

    private FactorVector vector(FactorBar bar, double[] values, int[] warmingUp) {
        FactorVector v = new FactorVector();
        v.symbol = bar.symbol;
        v.market = bar.market;
        v.interval = bar.interval;
        v.openTime = bar.openTime;
        v.closeTime = bar.closeTime;
        v.close = bar.close;
        v.names = names;
        v.values = values;
        v.warmingUp = warmingUp.length == 0 ? ALL_WARM : new String[warmingUp.length];
        for (int i = 0; i < warmingUp.length; i++) {
            v.warmingUp[i] = names[warmingUp[i]];
        }
        return v;
    }
}
