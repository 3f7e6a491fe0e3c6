package io.quantstream.portfolio;

import io.quantstream.model.CrossSection;
import io.quantstream.model.DeadLetter;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.SymbolScore;
import io.quantstream.model.TargetPosition;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns each {@link CrossSection} of a strategy (key: strategy name) into one
 * {@link TargetPosition} per scored symbol, with {@link DollarNeutralWeights}: weight 0 included,
 * so the executor closes what it holds. {@code time} is the bar's close, and so is the record
 * timestamp when run in the stage's operator.
 *
 * <p><b>Order.</b> Cross-sections come from a stage keyed by bar, so in STREAMING they arrive in
 * any order across its parallel instances. They are processed in close-time order: a bar that
 * directly follows the last processed one, or whose predecessors can no longer arrive (the
 * watermark passed its open time − 1), at once; any other waits for an event-time timer at its
 * close time. In BATCH, where input is sorted and the watermark only comes at the end, at most
 * {@value #MAX_PENDING_BARS} bars wait: beyond that the oldest is processed (counter
 * {@code forcedBars}). A cross-section not newer than the last processed one goes to
 * {@link DeadLetters#TAG} as {@code out-of-order} (counter {@code outOfOrderCrossSections}); one
 * with a scored symbol without a positive close as {@code invalid-close} (counter
 * {@code invalidCrossSections}).
 *
 * <p>{@code quantity = weight × equity / close}, rounded half-even to 8 decimals; rounding to the
 * exchange's lot size is the executor's job.
 */
public class PortfolioConstructor
        extends KeyedProcessFunction<String, CrossSection, TargetPosition> {

    static final String STAGE = "portfolio";
    /** Most cross-sections kept waiting for their predecessors, per strategy. */
    public static final int MAX_PENDING_BARS = 1024;
    private static final int QUANTITY_SCALE = 8;

    private final StrategySpec spec;

    private transient ValueState<Long> lastCloseTime;
    private transient MapState<Long, CrossSection> pending;
    private transient ValueState<Integer> pendingCount;
    private transient Counter outOfOrder;
    private transient Counter invalid;
    private transient Counter forced;

    public PortfolioConstructor(StrategySpec spec) {
        this.spec = spec;
    }

    @Override
    public void open(OpenContext openContext) {
        lastCloseTime = getRuntimeContext().getState(
                new ValueStateDescriptor<>("last-close-time", Types.LONG));
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>(
                "pending", Types.LONG, TypeInformation.of(CrossSection.class)));
        pendingCount = getRuntimeContext().getState(
                new ValueStateDescriptor<>("pending-count", Types.INT));
        outOfOrder = getRuntimeContext().getMetricGroup().counter("outOfOrderCrossSections");
        invalid = getRuntimeContext().getMetricGroup().counter("invalidCrossSections");
        forced = getRuntimeContext().getMetricGroup().counter("forcedBars");
    }

    @Override
    public void processElement(CrossSection cs, Context ctx, Collector<TargetPosition> out)
            throws Exception {
        Long last = lastCloseTime.value();
        if ((last != null && cs.closeTime <= last) || pending.contains(cs.closeTime)) {
            outOfOrder.inc();
            reject(ctx, cs, "out-of-order", "bar closing " + cs.closeTime
                    + " not after the last processed or pending one (last processed " + last + ")");
            return;
        }
        boolean next = last != null && cs.openTime == last + 1;
        if (next || cs.openTime - 1 <= ctx.timerService().currentWatermark()) {
            process(cs, ctx, out);
        } else {
            pending.put(cs.closeTime, cs);
            ctx.timerService().registerEventTimeTimer(cs.closeTime);
            int count = pendingCount.value() == null ? 1 : pendingCount.value() + 1;
            pendingCount.update(count);
            if (count > MAX_PENDING_BARS) {
                forced.inc();
                processPending(oldestPending(), ctx, out);
            }
        }
        drain(ctx, out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<TargetPosition> out)
            throws Exception {
        if (pending.contains(timestamp)) {
            processPending(timestamp, ctx, out);
            drain(ctx, out);
        }
    }

    /** Processes waiting bars while the oldest directly follows the last processed one. */
    private void drain(Context ctx, Collector<TargetPosition> out) throws Exception {
        while (pendingCount.value() != null && lastCloseTime.value() != null) {
            long oldest = oldestPending();
            if (pending.get(oldest).openTime != lastCloseTime.value() + 1) {
                return;
            }
            processPending(oldest, ctx, out);
        }
    }

    private long oldestPending() throws Exception {
        long oldest = Long.MAX_VALUE;
        for (Long closeTime : pending.keys()) {
            oldest = Math.min(oldest, closeTime);
        }
        return oldest;
    }

    private void processPending(long closeTime, Context ctx, Collector<TargetPosition> out)
            throws Exception {
        CrossSection cs = pending.get(closeTime);
        pending.remove(closeTime);
        ctx.timerService().deleteEventTimeTimer(closeTime);
        int count = pendingCount.value() - 1;
        if (count == 0) {
            pendingCount.clear();
        } else {
            pendingCount.update(count);
        }
        process(cs, ctx, out);
    }

    private void process(CrossSection cs, Context ctx, Collector<TargetPosition> out)
            throws Exception {
        lastCloseTime.update(cs.closeTime);
        for (SymbolScore s : cs.scores) {
            if (s.close == null || s.close.signum() <= 0) {
                invalid.inc();
                reject(ctx, cs, "invalid-close", s.symbol + " close " + s.close);
                return;
            }
        }
        double[] scores = Arrays.stream(cs.scores).mapToDouble(s -> s.score).toArray();
        double[] weights = DollarNeutralWeights.of(scores, spec.grossLeverage(), spec.maxWeight());
        for (int i = 0; i < weights.length; i++) {
            out.collect(target(cs.closeTime, cs.scores[i], weights[i]));
        }
    }

    private TargetPosition target(long time, SymbolScore score, double weight) {
        TargetPosition p = new TargetPosition();
        p.time = time;
        p.symbol = score.symbol;
        p.weight = weight;
        p.quantity = quantity(weight, spec.equity(), score.close);
        p.price = score.close;
        p.reference = spec.name();
        return p;
    }

    /** {@code weight × equity / price}, base currency, 8 decimals, half-even. */
    static BigDecimal quantity(double weight, BigDecimal equity, BigDecimal price) {
        return BigDecimal.valueOf(weight).multiply(equity)
                .divide(price, QUANTITY_SCALE, RoundingMode.HALF_EVEN);
    }

    private void reject(Context ctx, CrossSection cs, String reason, String detail) {
        ctx.output(DeadLetters.TAG, DeadLetter.of(STAGE, reason, detail,
                "strategy " + spec.name(), cs.universe + " " + cs.interval + " " + cs.openTime
                        + " complete=" + cs.complete + " " + Arrays.toString(cs.scores),
                cs.closeTime));
    }
}
