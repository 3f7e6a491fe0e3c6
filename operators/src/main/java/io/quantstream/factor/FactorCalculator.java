package io.quantstream.factor;

import io.quantstream.model.DeadLetter;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.FactorVector;
import io.quantstream.model.Kline;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Computes a {@link FactorSet} over the klines of one (symbol, interval) key: one
 * {@link FactorVector} per kline, emitted with the kline's timestamp (its close time).
 *
 * <p>Keyed state is a single {@code double[]}: {@code [layout, lastOpenTime, factor history…]}.
 * {@code layout} is a fingerprint of the factor names; state written for another factor set (a
 * configuration change across a savepoint) is discarded and the factors warm up again rather
 * than read someone else's history. A kline whose open time is not after the last processed one
 * goes to {@link DeadLetters#TAG} as {@code out-of-order} (counter {@code outOfOrderKlines}), one
 * without a positive close as {@code invalid-close} (counter {@code invalidKlines}); neither
 * touches the state.
 */
public class FactorCalculator extends KeyedProcessFunction<String, Kline, FactorVector> {

    static final String STAGE = "factors";
    private static final int HEADER = 2;

    private final FactorSet factors;
    private final double layout;

    private transient ValueState<double[]> history;
    private transient String[] names;
    private transient Counter outOfOrder;
    private transient Counter invalid;

    public FactorCalculator(FactorSet factors) {
        this.factors = factors;
        this.layout = factors.toString().hashCode();
    }

    @Override
    public void open(OpenContext openContext) {
        history = getRuntimeContext().getState(historyDescriptor());
        names = factors.names();
        outOfOrder = getRuntimeContext().getMetricGroup().counter("outOfOrderKlines");
        invalid = getRuntimeContext().getMetricGroup().counter("invalidKlines");
    }

    /** The only keyed state: the whole factor set's history in one array. */
    static ValueStateDescriptor<double[]> historyDescriptor() {
        return new ValueStateDescriptor<>(
                "factor-history", PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO);
    }

    @Override
    public void processElement(Kline bar, Context ctx, Collector<FactorVector> out)
            throws Exception {
        if (bar.close == null || bar.close.signum() <= 0) {
            invalid.inc();
            ctx.output(DeadLetters.TAG, DeadLetter.of(STAGE, "invalid-close",
                    "close must be positive, was " + bar.close, "key " + ctx.getCurrentKey(),
                    bar.toString(), bar.closeTime));
            return;
        }
        double[] state = history.value();
        if (state == null || state.length != HEADER + factors.stateSize() || state[0] != layout) {
            state = new double[HEADER + factors.stateSize()];
            state[0] = layout;
            state[1] = Long.MIN_VALUE;
        }
        long lastOpenTime = (long) state[1];
        if (bar.openTime <= lastOpenTime) {
            outOfOrder.inc();
            ctx.output(DeadLetters.TAG, DeadLetter.of(STAGE, "out-of-order",
                    "openTime " + bar.openTime + " not after last processed " + lastOpenTime,
                    "key " + ctx.getCurrentKey(), bar.toString(), bar.closeTime));
            return;
        }
        state[1] = bar.openTime;
        double[] values = factors.update(bar, state, HEADER);
        history.update(state);
        out.collect(vector(bar, values));
    }

    private FactorVector vector(Kline bar, double[] values) {
        FactorVector v = new FactorVector();
        v.symbol = bar.symbol;
        v.market = bar.market;
        v.interval = bar.interval;
        v.openTime = bar.openTime;
        v.closeTime = bar.closeTime;
        v.close = bar.close;
        v.names = names;
        v.values = values;
        return v;
    }
}
