package io.quantstream.savepoints;

import io.quantstream.factor.FactorHistory;
import io.quantstream.factor.FactorSet;
import io.quantstream.factor.FactorUpdate;
import io.quantstream.factor.FactorStages;
import io.quantstream.model.Kline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.accumulators.ListAccumulator;
import org.apache.flink.api.common.accumulators.LongCounter;
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
 * Keyed as the factor operator ({@code FactorStages.key}): takes a key's klines in open-time
 * order through {@link FactorUpdate}, as the factor operator does (the same klines skipped:
 * invalid closes, partial roll-ups, out-of-order bars, counted in {@code skippedKlines}), and
 * emits the key's final history when the input ends (an event-time timer at the end of time,
 * which fires after the key's last kline in BATCH).
 *
 * <p>A plug-in factor that throws is treated as the factor operator treats it: the bar is not
 * taken into that factor's state (its value there would be {@code NaN}), and the bootstrap goes
 * on. Each failure is counted (metric and accumulator {@value #FAILED_PLUGIN_UPDATES}); the first
 * of each call per subtask is logged with its stack trace and described in the accumulator
 * {@value #PLUGIN_FAILURES} ({@link BootstrapPluginFailures} reads both from the job's result).
 */
final class FactorHistoryBuilder extends KeyedProcessFunction<String, Kline, KeyedFactorHistory> {

    /** Accumulator: plug-in factor updates that threw. */
    static final String FAILED_PLUGIN_UPDATES = "failedPluginUpdates";
    /** Accumulator: the first failure of each plug-in call per subtask, described. */
    static final String PLUGIN_FAILURES = "pluginFailures";
    private static final Logger LOG = LoggerFactory.getLogger(FactorHistoryBuilder.class);

    private final FactorSet factors;
    private transient FactorUpdate update;
    private transient ValueState<KeyedFactorHistory> built;
    private transient Counter skipped;
    /** Plug-in failures of the kline being taken: call and exception. */
    private transient List<Map.Entry<String, Exception>> failures;
    private transient Set<String> described;
    private transient Counter failedMetric;
    private transient LongCounter failed;
    private transient ListAccumulator<String> firstFailures;

    FactorHistoryBuilder(FactorSet factors) {
        this.factors = factors;
    }

    @Override
    public void open(OpenContext context) {
        failures = new ArrayList<>();
        described = new HashSet<>();
        update = new FactorUpdate(factors, (call, e) -> failures.add(Map.entry(call, e)));
        built = getRuntimeContext().getState(new ValueStateDescriptor<>(
                "built-history", TypeInformation.of(KeyedFactorHistory.class)));
        skipped = getRuntimeContext().getMetricGroup().counter("skippedKlines");
        failedMetric = getRuntimeContext().getMetricGroup().counter(FAILED_PLUGIN_UPDATES);
        failed = new LongCounter();
        getRuntimeContext().addAccumulator(FAILED_PLUGIN_UPDATES, failed);
        firstFailures = new ListAccumulator<>();
        getRuntimeContext().addAccumulator(PLUGIN_FAILURES, firstFailures);
    }

    @Override
    public void processElement(Kline bar, Context ctx, Collector<KeyedFactorHistory> out)
            throws Exception {
        KeyedFactorHistory b = built.value();
        if (FactorUpdate.skipReason(b == null ? null : b.history, bar) != null) {
            skipped.inc();
            return;
        }
        if (b == null) {
            b = new KeyedFactorHistory();
            b.key = ctx.getCurrentKey();
            b.history = new FactorHistory();
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        }
        failures.clear();
        update.advance(b.history, bar, node -> {});
        b.bars++;
        built.update(b);
        for (Map.Entry<String, Exception> failure : failures) {
            failed.add(1L);
            failedMetric.inc();
            if (described.add(failure.getKey())) {
                String what = "factor " + failure.getKey() + " failed at key "
                        + FactorStages.key(bar) + ", bar opening "
                        + Instant.ofEpochMilli(bar.openTime) + ": " + failure.getValue();
                firstFailures.add(what);
                LOG.warn("{} (not taken into its state; later failures of it are only counted)",
                        what, failure.getValue());
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<KeyedFactorHistory> out)
            throws Exception {
        out.collect(built.value());
        built.clear();
    }
}
