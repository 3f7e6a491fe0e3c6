package io.quantstream.factor;

import io.quantstream.model.DeadLetter;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.FactorVector;
import io.quantstream.model.Kline;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Computes a {@link FactorSet} over the klines of one (market, symbol, interval) key: one
 * {@link FactorVector} per complete kline, emitted with the kline's timestamp (its close time).
 *
 * <p>Keyed state: one {@link FactorHistory}, holding each factor's history under its own
 * {@link Factor#spec() spec}, e.g. {@code ema(200) → [stateVersion, slots…]}. So the factor set
 * may change across a savepoint: factors kept continue warm, added ones warm up, and a removed
 * factor's history is dropped at its key's next kline (it misses that kline, so it could not be
 * continued anyway). A history whose length or version does not fit its factor is never read:
 * the factor warms up again (counter {@code rejectedFactorStates}, and a warning in the log).
 * One value rather than a map entry per factor, because every kline reads and writes every
 * factor's history: on RocksDB one get and one put per kline measured 4–6 times faster than a
 * map iteration plus a batch of puts.
 *
 * <p>A {@link Kline#partial partial} kline (the input starts or ends inside the bar) is
 * skipped, counter {@code partialKlines}: its values cover only part of its interval. A kline
 * whose open time is not after the last processed one goes to {@link DeadLetters#TAG} as
 * {@code out-of-order} (counter {@code outOfOrderKlines}), one without a positive close as
 * {@code invalid-close} (counter {@code invalidKlines}); neither touches the state.
 */
public class FactorCalculator extends KeyedProcessFunction<String, Kline, FactorVector> {

    static final String STAGE = "factors";
    private static final Logger LOG = LoggerFactory.getLogger(FactorCalculator.class);
    /** Slot 0 of a factor's state array holds its state version; its own slots follow. */
    private static final int HEADER = 1;

    private final FactorSet factors;

    private transient ValueState<FactorHistory> history;
    private transient Map<String, Integer> positions;
    private transient String[] specsWithHistory;
    private transient String[] names;
    private transient Counter outOfOrder;
    private transient Counter invalid;
    private transient Counter partial;
    private transient Counter rejectedStates;

    public FactorCalculator(FactorSet factors) {
        this.factors = factors;
    }

    @Override
    public void open(OpenContext openContext) {
        history = getRuntimeContext().getState(historyDescriptor());
        positions = new HashMap<>();
        List<String> withHistory = new ArrayList<>();
        for (int i = 0; i < factors.size(); i++) {
            positions.put(factors.get(i).spec(), i);
            if (factors.get(i).stateSize() > 0) {
                withHistory.add(factors.get(i).spec());
            }
        }
        specsWithHistory = withHistory.toArray(String[]::new);
        names = factors.names();
        outOfOrder = getRuntimeContext().getMetricGroup().counter("outOfOrderKlines");
        invalid = getRuntimeContext().getMetricGroup().counter("invalidKlines");
        partial = getRuntimeContext().getMetricGroup().counter("partialKlines");
        rejectedStates = getRuntimeContext().getMetricGroup().counter("rejectedFactorStates");
    }

    /** The only keyed state. */
    static ValueStateDescriptor<FactorHistory> historyDescriptor() {
        return new ValueStateDescriptor<>(
                "factor-states", TypeInformation.of(FactorHistory.class));
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
        if (bar.partial) {
            partial.inc();
            return;
        }
        FactorHistory h = history.value();
        if (h != null && bar.openTime <= h.lastOpenTime) {
            outOfOrder.inc();
            ctx.output(DeadLetters.TAG, DeadLetter.of(STAGE, "out-of-order",
                    "openTime " + bar.openTime + " not after last processed " + h.lastOpenTime,
                    "key " + ctx.getCurrentKey(), bar.toString(), bar.closeTime));
            return;
        }
        double[][] states = states(h, ctx.getCurrentKey());
        double[] values = factors.update(bar, states, HEADER);
        if (h == null) {
            h = new FactorHistory();
        }
        h.lastOpenTime = bar.openTime;
        h.specs = specsWithHistory;
        h.states = new double[specsWithHistory.length][];
        for (int i = 0, j = 0; i < states.length; i++) {
            if (states[i] != null) {
                h.states[j++] = states[i];
            }
        }
        history.update(h);
        out.collect(vector(bar, values));
    }

    /**
     * Every factor's state array in set order: the stored one where it fits, a fresh one for a
     * factor with history that has none (new, or rejected), null for a factor without history.
     */
    private double[][] states(FactorHistory h, String key) {
        double[][] states = new double[factors.size()][];
        int stored = h == null || h.specs == null ? 0 : h.specs.length;
        for (int j = 0; j < stored; j++) {
            Integer i = positions.get(h.specs[j]);
            if (i == null) {
                continue; // a factor no longer configured: not written back
            }
            double[] state = h.states != null && j < h.states.length ? h.states[j] : null;
            if (fits(factors.get(i), state)) {
                states[i] = state;
            } else {
                rejectedStates.inc();
                LOG.warn("key {}: state of factor {} does not fit its layout (length {}, expected"
                        + " {} with version {} first); the factor warms up again", key,
                        h.specs[j], state == null ? 0 : state.length,
                        HEADER + factors.get(i).stateSize(), factors.get(i).stateVersion());
            }
        }
        for (int i = 0; i < states.length; i++) {
            Factor factor = factors.get(i);
            if (states[i] == null && factor.stateSize() > 0) {
                states[i] = new double[HEADER + factor.stateSize()];
                states[i][0] = factor.stateVersion();
            }
        }
        return states;
    }

    private static boolean fits(Factor factor, double[] state) {
        return state != null && state.length == HEADER + factor.stateSize()
                && state[0] == factor.stateVersion();
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
