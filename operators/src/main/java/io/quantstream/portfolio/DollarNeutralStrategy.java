package io.quantstream.portfolio;

import io.quantstream.plugin.Parameters;
import io.quantstream.plugin.Parameter;
import io.quantstream.portfolio.spi.RiskLimits;
import io.quantstream.portfolio.spi.StrategyPlugin;
import io.quantstream.portfolio.spi.TargetWeights;
import java.util.List;

/**
 * The built-in weighting {@code dollar_neutral} ({@link DollarNeutralWeights}: demeaned scores,
 * half the gross leverage long and half short, each weight capped), provided through the same
 * interface as a plug-in's, so {@code strategy.weighting} lists it with them.
 */
public final class DollarNeutralStrategy implements StrategyPlugin {

    /** The weighting, without parameters: its limits are the strategy's. */
    public static final TargetWeights WEIGHTS = new Weights();

    @Override
    public String name() {
        return "dollar_neutral";
    }

    @Override
    public String description() {
        return "demeaned scores, gross leverage split half long and half short, weights capped";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public TargetWeights create(Parameters parameters) {
        return WEIGHTS;
    }

    /** A record: equal to every other instance, so specs that use it compare equal. */
    private record Weights() implements TargetWeights {
        @Override
        public double[] weights(String[] instruments, double[] scores, RiskLimits limits) {
            return DollarNeutralWeights.of(scores, limits.grossLeverage(), limits.maxWeight());
        }
    }
}
