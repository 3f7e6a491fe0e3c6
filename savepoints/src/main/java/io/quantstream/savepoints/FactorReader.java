package io.quantstream.savepoints;

import io.quantstream.factor.FactorCalculator;
import io.quantstream.factor.FactorHistory;
import io.quantstream.factor.FactorSet;
import io.quantstream.factor.FactorStages;
import io.quantstream.factor.FactorUpdate;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.util.Collector;

/**
 * The state of the factor operator ({@value FactorStages#UID}) per instrument and interval: the
 * last kline taken, then per factor of {@code factors} (the job's configured set) its last value
 * and its warm-up (bars taken / bars needed).
 */
final class FactorReader extends KeyedStateReaderFunction<String, StateRow> {

    private final FactorSet factors;
    private transient ValueState<FactorHistory> history;
    private transient FactorUpdate update;

    FactorReader(FactorSet factors) {
        this.factors = factors;
    }

    @Override
    public void open(OpenContext context) {
        history = getRuntimeContext().getState(FactorCalculator.historyDescriptor());
        update = new FactorUpdate(factors);
    }

    @Override
    public void readKey(String key, Context ctx, Collector<StateRow> out) throws Exception {
        FactorHistory h = history.value();
        if (h == null) {
            return;
        }
        String uid = FactorStages.UID;
        int nodes = h.nodes == null ? 0 : h.nodes.length;
        out.collect(new StateRow(uid, key, "last-bar", Values.time(h.lastOpenTime),
                nodes + " node histories"));
        String[] names = factors.names();
        long[] bars = update.warmUpBars(h);
        boolean valuesFit = h.values != null && h.values.length == names.length;
        for (int f = 0; f < names.length; f++) {
            String value = valuesFit ? Double.toString(h.values[f]) : "";
            out.collect(new StateRow(uid, key, names[f], value,
                    "warm-up " + bars[f] + "/" + factors.warmUp(f)
                            + (valuesFit ? "" : "; no last value of this factor set")));
        }
    }
}
