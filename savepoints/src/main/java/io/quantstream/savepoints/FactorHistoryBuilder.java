package io.quantstream.savepoints;

import io.quantstream.factor.FactorHistory;
import io.quantstream.factor.FactorSet;
import io.quantstream.factor.FactorUpdate;
import io.quantstream.model.Kline;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed as the factor operator ({@code FactorStages.key}): takes a key's klines in open-time
 * order through {@link FactorUpdate}, as the factor operator does (the same klines skipped:
 * invalid closes, partial roll-ups, out-of-order bars, counted in {@code skippedKlines}), and
 * emits the key's final history when the input ends (an event-time timer at the end of time,
 * which fires after the key's last kline in BATCH).
 */
final class FactorHistoryBuilder extends KeyedProcessFunction<String, Kline, KeyedFactorHistory> {

    private final FactorSet factors;
    private transient FactorUpdate update;
    private transient ValueState<KeyedFactorHistory> built;
    private transient Counter skipped;

    FactorHistoryBuilder(FactorSet factors) {
        this.factors = factors;
    }

    @Override
    public void open(OpenContext context) {
        update = new FactorUpdate(factors);
        built = getRuntimeContext().getState(new ValueStateDescriptor<>(
                "built-history", TypeInformation.of(KeyedFactorHistory.class)));
        skipped = getRuntimeContext().getMetricGroup().counter("skippedKlines");
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
        update.advance(b.history, bar, node -> {});
        b.bars++;
        built.update(b);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<KeyedFactorHistory> out)
            throws Exception {
        out.collect(built.value());
        built.clear();
    }
}
