package io.quantstream.portfolio;

import io.quantstream.model.CrossSection;
import io.quantstream.model.Market;
import io.quantstream.model.SymbolScore;
import io.quantstream.model.TargetPosition;
import io.quantstream.model.UnscoredSymbol;
import io.quantstream.plugin.Plugins;
import io.quantstream.portfolio.spi.RiskLimits;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;

/**
 * Sizes one cross-section of a strategy into a target per instrument of the universe, by
 * instrument key (the rules are on {@link PortfolioConstructor}: weights, zero targets and their
 * reasons, last closes, instruments leaving the universe). Keyed state: the last close per
 * instrument key.
 */
final class TargetSizer {

    /** Dead-letter reason of a weighting that throws or returns the wrong number of weights. */
    static final String WEIGHTING_FAILED = "weighting-failed";
    private static final int QUANTITY_SCALE = 8;
    static final BigDecimal ZERO_QUANTITY = BigDecimal.ZERO.setScale(QUANTITY_SCALE);

    private final StrategySpec spec;
    private final MapState<String, BigDecimal> lastClose;
    private final Counter invalid;
    private final Counter invalidWeights;
    private final Counter failedWeightings;
    private final RiskLimits limits;

    TargetSizer(StrategySpec spec, RuntimeContext context) {
        this.spec = spec;
        // by instrument key, MARKET:SYMBOL
        lastClose = context.getMapState(PortfolioState.lastClose());
        invalid = context.getMetricGroup().counter("invalidCloses");
        invalidWeights = context.getMetricGroup().counter("invalidWeights");
        failedWeightings = context.getMetricGroup().counter("failedWeightings");
        limits = spec.limits();
    }

    /**
     * The targets of {@code cs}, by instrument key; invalid closes go to {@code rejects}. Null
     * when the weighting failed (an exception, or not one weight per scored instrument): no
     * target for this cross-section, a dead letter {@value #WEIGHTING_FAILED} (counter
     * {@code failedWeightings}); the closes it brought are kept, the universe is left as it was.
     */
    TreeMap<String, TargetPosition> size(CrossSection cs, BarOrder.Rejects rejects)
            throws Exception {
        List<SymbolScore> scored = new ArrayList<>();
        Map<String, String> zeroReasons = new HashMap<>();
        for (SymbolScore s : cs.scores) {
            if (isPositive(s.close)) {
                scored.add(s);
                lastClose.put(s.instrument(), s.close);
            } else {
                invalid.inc();
                rejects.reject(cs, "invalid-close", s.instrument() + " close " + s.close);
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

        double[] weights = weights(cs, scored, rejects);
        if (weights == null) {
            return null;
        }
        TreeMap<String, TargetPosition> targets = new TreeMap<>();
        for (int i = 0; i < weights.length; i++) {
            SymbolScore s = scored.get(i);
            targets.put(s.instrument(), target(spec, cs.closeTime, s.market, s.symbol, weights[i],
                    quantity(weights[i], spec.equity(), s.close), s.close, null));
        }
        for (Map.Entry<String, String> zero : zeroReasons.entrySet()) {
            targets.put(zero.getKey(), zeroTarget(spec, cs.closeTime, zero.getKey(),
                    lastClose.get(zero.getKey()), zero.getValue()));
        }
        // a known instrument in no part of this cross-section has left the universe
        List<String> left = new ArrayList<>();
        for (Map.Entry<String, BigDecimal> known : lastClose.entries()) {
            if (!targets.containsKey(known.getKey())) {
                left.add(known.getKey());
                targets.put(known.getKey(), zeroTarget(spec, cs.closeTime, known.getKey(),
                        known.getValue(), TargetPosition.LEFT_UNIVERSE));
            }
        }
        for (String instrument : left) {
            lastClose.remove(instrument);
        }
        return targets;
    }

    /**
     * The strategy's weights of the scored instruments ({@code scored}, sorted by instrument key,
     * as the cross-section has them) within its limits; a non-finite one is 0 and a dead letter
     * {@code invalid-weight} (counter {@code invalidWeights}). Null, and a dead letter
     * {@value #WEIGHTING_FAILED}, when the weighting throws or returns a weight too many or too
     * few.
     */
    private double[] weights(CrossSection cs, List<SymbolScore> scored, BarOrder.Rejects rejects) {
        String[] instruments = new String[scored.size()];
        double[] scores = new double[scored.size()];
        for (int i = 0; i < instruments.length; i++) {
            instruments[i] = scored.get(i).instrument();
            scores[i] = scored.get(i).score;
        }
        double[] weights;
        try {
            weights = spec.weighting().weights(instruments, scores, limits);
        } catch (Exception e) { // a RuntimeException, or a checked one thrown sneakily
            return failed(cs, rejects, "threw " + e);
        }
        if (weights == null || weights.length != instruments.length) {
            return failed(cs, rejects, "returned " + (weights == null ? "null"
                    : weights.length + " weights") + " for " + instruments.length + " instruments");
        }
        double[] given = weights.clone();
        for (int i : limits.enforce(weights)) {
            invalidWeights.inc();
            rejects.reject(cs, "invalid-weight", instruments[i] + " weight " + given[i]);
        }
        return weights;
    }

    private double[] failed(CrossSection cs, BarOrder.Rejects rejects, String what) {
        failedWeightings.inc();
        rejects.reject(cs, WEIGHTING_FAILED, "weighting " + Plugins.origin(spec.weighting())
                + " of strategy " + spec.name() + " " + what + "; no targets at this bar");
        return null;
    }

    /**
     * Weight 0 for the instrument of key {@code instrument}, with the reason. A key without a
     * market is a symbol from the state of a version keyed by symbol (a restored savepoint): it
     * leaves the universe with market null.
     */
    static TargetPosition zeroTarget(StrategySpec spec, long time, String instrument,
            BigDecimal price, String reason) {
        int colon = instrument.indexOf(':');
        Market market = colon < 0 ? null : Market.valueOf(instrument.substring(0, colon));
        return target(spec, time, market, instrument.substring(colon + 1), 0, ZERO_QUANTITY, price,
                reason);
    }

    static TargetPosition target(StrategySpec spec, long time, Market market, String symbol,
            double weight, BigDecimal quantity, BigDecimal price, String reason) {
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
}
