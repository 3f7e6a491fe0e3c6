package io.quantstream.portfolio;

import io.quantstream.model.CrossSection;
import io.quantstream.model.DeadLetter;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.Market;
import io.quantstream.model.SymbolScore;
import io.quantstream.model.TargetPosition;
import io.quantstream.model.UnscoredSymbol;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * <p>{@code quantity = weight × equity / close}, rounded half-even to 8 decimals; rounding to the
 * exchange's lot size is the executor's job.
 */
public class PortfolioConstructor
        extends KeyedProcessFunction<String, CrossSection, TargetPosition> {

    static final String STAGE = "portfolio";
    /** Most cross-sections kept waiting for their predecessors, per strategy. */
    public static final int MAX_PENDING_BARS = 1024;
    private static final int QUANTITY_SCALE = 8;
    private static final BigDecimal ZERO_QUANTITY = BigDecimal.ZERO.setScale(QUANTITY_SCALE);

    private final StrategySpec spec;

    private transient ValueState<Long> lastCloseTime;
    private transient MapState<Long, CrossSection> pending;
    private transient ValueState<Integer> pendingCount;
    private transient MapState<String, BigDecimal> lastClose;
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
        // by instrument key, MARKET:SYMBOL
        lastClose = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("last-close", Types.STRING, Types.BIG_DEC));
        outOfOrder = getRuntimeContext().getMetricGroup().counter("outOfOrderCrossSections");
        invalid = getRuntimeContext().getMetricGroup().counter("invalidCloses");
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
        List<SymbolScore> scored = new ArrayList<>();
        Map<String, String> zeroReasons = new HashMap<>();
        for (SymbolScore s : cs.scores) {
            if (isPositive(s.close)) {
                scored.add(s);
                lastClose.put(s.instrument(), s.close);
            } else {
                invalid.inc();
                reject(ctx, cs, "invalid-close", s.instrument() + " close " + s.close);
                zeroReasons.put(s.instrument(), TargetPosition.INVALID_CLOSE);
            }
        }
        // null only in cross-sections restored from state written before the field existed
        for (UnscoredSymbol u : cs.unscored == null ? new UnscoredSymbol[0] : cs.unscored) {
            if (isPositive(u.close)) {
                lastClose.put(u.instrument(), u.close);
            }
            zeroReasons.put(u.instrument(), u.reason);
        }
        for (String instrument : cs.missing) {
            zeroReasons.put(instrument, TargetPosition.NOT_REPORTED);
        }

        TreeMap<String, TargetPosition> targets = new TreeMap<>();
        double[] weights = DollarNeutralWeights.of(
                scored.stream().mapToDouble(s -> s.score).toArray(),
                spec.grossLeverage(), spec.maxWeight());
        for (int i = 0; i < weights.length; i++) {
            SymbolScore s = scored.get(i);
            targets.put(s.instrument(), target(cs.closeTime, s.market, s.symbol, weights[i],
                    quantity(weights[i], spec.equity(), s.close), s.close, null));
        }
        for (Map.Entry<String, String> zero : zeroReasons.entrySet()) {
            targets.put(zero.getKey(), zeroTarget(cs.closeTime, zero.getKey(),
                    lastClose.get(zero.getKey()), zero.getValue()));
        }
        // a known instrument in no part of this cross-section has left the universe
        List<String> left = new ArrayList<>();
        for (Map.Entry<String, BigDecimal> known : lastClose.entries()) {
            if (!targets.containsKey(known.getKey())) {
                left.add(known.getKey());
                targets.put(known.getKey(), zeroTarget(cs.closeTime, known.getKey(),
                        known.getValue(), TargetPosition.LEFT_UNIVERSE));
            }
        }
        for (String instrument : left) {
            lastClose.remove(instrument);
        }
        targets.values().forEach(out::collect);
    }

    /**
     * Weight 0 for the instrument of key {@code instrument}, with the reason. A key without a
     * market is a symbol from the state of a version keyed by symbol (a restored savepoint): it
     * leaves the universe with market null.
     */
    private TargetPosition zeroTarget(long time, String instrument, BigDecimal price,
            String reason) {
        int colon = instrument.indexOf(':');
        Market market = colon < 0 ? null : Market.valueOf(instrument.substring(0, colon));
        return target(time, market, instrument.substring(colon + 1), 0, ZERO_QUANTITY, price,
                reason);
    }

    private TargetPosition target(long time, Market market, String symbol, double weight,
            BigDecimal quantity, BigDecimal price, String reason) {
        TargetPosition p = new TargetPosition();
        p.time = time;
        p.market = market;
        p.symbol = symbol;
        p.weight = weight;
        p.quantity = quantity;
        p.price = price;
        p.reference = spec.name();
        p.reason = reason;
        return p;
    }

    private static boolean isPositive(BigDecimal price) {
        return price != null && price.signum() > 0;
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
