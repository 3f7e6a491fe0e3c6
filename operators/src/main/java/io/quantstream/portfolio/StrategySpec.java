package io.quantstream.portfolio;

import io.quantstream.portfolio.spi.RiskLimits;
import io.quantstream.portfolio.spi.TargetWeights;
import java.io.Serializable;
import java.math.BigDecimal;

/**
 * A dollar-neutral long/short strategy over the cross-sections of one universe and interval.
 *
 * <pre>{@code
 * new StrategySpec("majors-reversal", "majors", "1m", 1.0, 0.25, new BigDecimal("100000"));
 * }</pre>
 *
 * @param name strategy name; the {@code reference} of every target position, and the key
 * @param universe universe name of the cross-sections to trade
 * @param interval interval label of the cross-sections to trade
 * @param grossLeverage target {@code Σ|w|}, fraction of equity (e.g. 1.0: half long, half short)
 * @param maxWeight cap on each {@code |w|}, fraction of equity (e.g. 0.25)
 * @param equity equity the weights are sized against, quote currency; a constant for now
 * @param weighting how scores become weights ({@code strategy.weighting}); null:
 *     {@link DollarNeutralStrategy}
 */
public record StrategySpec(
        String name, String universe, String interval, double grossLeverage, double maxWeight,
        BigDecimal equity, TargetWeights weighting) implements Serializable {

    /** A dollar-neutral strategy ({@link DollarNeutralStrategy}). */
    public StrategySpec(String name, String universe, String interval, double grossLeverage,
            double maxWeight, BigDecimal equity) {
        this(name, universe, interval, grossLeverage, maxWeight, equity, null);
    }

    /**
     * @throws IllegalArgumentException on a blank name, universe or interval, a gross leverage or
     *     weight cap that is not positive and finite, or a negative equity
     */
    public StrategySpec {
        if (name == null || name.isBlank() || universe == null || universe.isBlank()
                || interval == null || interval.isBlank()) {
            throw new IllegalArgumentException("name, universe and interval are required");
        }
        if (!(grossLeverage > 0) || Double.isInfinite(grossLeverage)) {
            throw new IllegalArgumentException("grossLeverage must be positive: " + grossLeverage);
        }
        if (!(maxWeight > 0) || Double.isInfinite(maxWeight)) {
            throw new IllegalArgumentException("maxWeight must be positive: " + maxWeight);
        }
        if (equity == null || equity.signum() < 0) {
            throw new IllegalArgumentException("equity must not be negative: " + equity);
        }
        weighting = weighting == null ? DollarNeutralStrategy.WEIGHTS : weighting;
    }

    /** The limits the weights are held to. */
    public RiskLimits limits() {
        return new RiskLimits(grossLeverage, maxWeight);
    }
}
