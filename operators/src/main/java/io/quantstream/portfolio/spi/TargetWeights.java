package io.quantstream.portfolio.spi;

import java.io.Serializable;

/**
 * Target weights from the scores of one cross-section: what a {@link StrategyPlugin} makes.
 * The portfolio stage calls it once per bar and strategy, then holds every weight to the
 * strategy's {@link RiskLimits} (a weight beyond {@code maxWeight} is cut to it, weights whose
 * {@code Σ|w|} exceeds {@code grossLeverage} are scaled down to it, a non-finite weight becomes 0
 * and a dead letter), sizes them into quantities and gives weight 0 to the instruments without a
 * score. Serializable: it travels in the job graph; keep no state between calls.
 */
public interface TargetWeights extends Serializable {

    /**
     * @param instruments keys ({@code MARKET:SYMBOL}) of the instruments with a score at the bar,
     *     sorted; may be empty
     * @param scores their combined scores (higher = more attractive), same order
     * @param limits the strategy's risk limits
     * @return one weight per instrument, same order: fraction of equity, positive long, negative
     *     short
     */
    double[] weights(String[] instruments, double[] scores, RiskLimits limits);
}
