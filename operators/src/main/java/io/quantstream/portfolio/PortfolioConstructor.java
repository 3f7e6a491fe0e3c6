package io.quantstream.portfolio;

import io.quantstream.model.CrossSection;
import io.quantstream.model.DeadLetter;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.TargetPosition;
import java.util.Arrays;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns each {@link CrossSection} of a strategy (key: strategy name) into one
 * {@link TargetPosition} per instrument of the universe, sorted by instrument key
 * ({@code MARKET:SYMBOL}): the scored instruments get {@link DollarNeutralWeights} (weight 0
 * included, so the executor closes what it holds), every other instrument weight 0 with its
 * {@link TargetPosition#reason} ({@code missing}: not-reported, {@code unscored}: the
 * cross-section's reason). So after every bar the latest target per instrument sums to 0.
 * {@code time} is the bar's close, and so is the record timestamp when run in the stage's
 * operator.
 *
 * <p><b>Last closes.</b> A zero target is priced at the instrument's last known close (price
 * null when none is known yet), kept in state per instrument key. The state holds at most the
 * instruments of the universe: a known instrument that is in no part of a cross-section has left
 * the universe (a changed configuration), gets one last zero target
 * ({@link TargetPosition#LEFT_UNIVERSE}) and is forgotten.
 *
 * <p><b>Order.</b> Cross-sections come from a stage keyed by bar, so in STREAMING they arrive in
 * any order across its parallel instances. They are processed in close-time order: a bar that
 * directly follows the last processed one, or whose predecessors can no longer arrive (the
 * watermark passed its open time − 1), at once; any other waits for an event-time timer at its
 * close time. In BATCH, where input is sorted and the watermark only comes at the end, at most
 * {@value #MAX_PENDING_BARS} bars wait: beyond that the oldest is processed (counter
 * {@code forcedBars}). A cross-section not newer than the last processed one goes to
 * {@link DeadLetters#TAG} as {@code out-of-order} (counter {@code outOfOrderCrossSections}). A
 * scored instrument without a positive close goes there as {@code invalid-close} (counter
 * {@code invalidCloses}) and gets weight 0; the others are weighted without it.
 *
 * <p><b>A failing weighting</b> (the strategy's {@code TargetWeights} throws, or does not return
 * one weight per scored instrument; a plug-in's bug, never the job's end): no target at all for
 * that cross-section (the executor keeps what it holds), a dead letter {@code weighting-failed}
 * with the weighting's class and jar and the exception (counter {@code failedWeightings}). The
 * next cross-section is weighted as usual, so a weighting that fails on every bar gives no target
 * and one dead letter per bar.
 *
 * <p>{@code quantity = weight × equity / close}, rounded half-even to 8 decimals; rounding to the
 * exchange's lot size is the executor's job.
 */
public class PortfolioConstructor
        extends KeyedProcessFunction<String, CrossSection, TargetPosition> {

    static final String STAGE = "portfolio";
    /** Most cross-sections kept waiting for their predecessors, per strategy. */
    public static final int MAX_PENDING_BARS = 1024;

    private final StrategySpec spec;

    private transient BarOrder bars;
    private transient TargetSizer sizer;

    public PortfolioConstructor(StrategySpec spec) {
        this.spec = spec;
    }

    @Override
    public void open(OpenContext openContext) {
        bars = new BarOrder(getRuntimeContext());
        sizer = new TargetSizer(spec, getRuntimeContext());
    }

    @Override
    public void processElement(CrossSection cs, Context ctx, Collector<TargetPosition> out)
            throws Exception {
        bars.offer(cs, ctx.timerService(), (bar, reason, detail) -> reject(ctx, bar, reason, detail),
                (bar, previous) -> process(bar, ctx, out));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<TargetPosition> out)
            throws Exception {
        bars.fire(timestamp, ctx.timerService(), (bar, previous) -> process(bar, ctx, out));
    }

    private void process(CrossSection cs, Context ctx, Collector<TargetPosition> out)
            throws Exception {
        TreeMap<String, TargetPosition> targets =
                sizer.size(cs, (bar, reason, detail) -> reject(ctx, bar, reason, detail));
        if (targets != null) { // null: the weighting failed, a dead letter says why
            targets.values().forEach(out::collect);
        }
    }

    private void reject(Context ctx, CrossSection cs, String reason, String detail) {
        ctx.output(DeadLetters.TAG, deadLetter(spec, cs, reason, detail));
    }

    /** A rejected cross-section of strategy {@code spec}, for {@link DeadLetters#TAG}. */
    static DeadLetter deadLetter(StrategySpec spec, CrossSection cs, String reason, String detail) {
        return DeadLetter.of(STAGE, reason, detail, "strategy " + spec.name(),
                cs.universe + " " + cs.interval + " " + cs.openTime + " complete=" + cs.complete
                        + " " + Arrays.toString(cs.scores),
                cs.closeTime);
    }
}
