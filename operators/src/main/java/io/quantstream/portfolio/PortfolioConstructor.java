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
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns each {@link CrossSection} of a strategy (key: strategy name) into one
 * {@link TargetPosition} per scored symbol, with {@link DollarNeutralWeights}: weight 0 included,
 * so the executor closes what it holds. {@code time} and record timestamp are the bar's close.
 *
 * <p>{@code quantity = weight × equity / close}, rounded half-even to 8 decimals; rounding to the
 * exchange's lot size is the executor's job. A cross-section not newer than the last processed
 * one (by close time) goes to {@link DeadLetters#TAG} as {@code out-of-order} (counter
 * {@code outOfOrderCrossSections}); one with a scored symbol without a positive close as
 * {@code invalid-close} (counter {@code invalidCrossSections}).
 */
public class PortfolioConstructor
        extends KeyedProcessFunction<String, CrossSection, TargetPosition> {

    static final String STAGE = "portfolio";
    private static final int QUANTITY_SCALE = 8;

    private final StrategySpec spec;

    private transient ValueState<Long> lastCloseTime;
    private transient Counter outOfOrder;
    private transient Counter invalid;

    public PortfolioConstructor(StrategySpec spec) {
        this.spec = spec;
    }

    @Override
    public void open(OpenContext openContext) {
        lastCloseTime = getRuntimeContext().getState(
                new ValueStateDescriptor<>("last-close-time", Types.LONG));
        outOfOrder = getRuntimeContext().getMetricGroup().counter("outOfOrderCrossSections");
        invalid = getRuntimeContext().getMetricGroup().counter("invalidCrossSections");
    }

    @Override
    public void processElement(CrossSection cs, Context ctx, Collector<TargetPosition> out)
            throws Exception {
        Long last = lastCloseTime.value();
        if (last != null && cs.closeTime <= last) {
            outOfOrder.inc();
            reject(ctx, cs, "out-of-order", "bar closing " + cs.closeTime
                    + " not after the last processed one, closing " + last);
            return;
        }
        for (SymbolScore s : cs.scores) {
            if (s.close == null || s.close.signum() <= 0) {
                invalid.inc();
                reject(ctx, cs, "invalid-close", s.symbol + " close " + s.close);
                return;
            }
        }
        lastCloseTime.update(cs.closeTime);
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
