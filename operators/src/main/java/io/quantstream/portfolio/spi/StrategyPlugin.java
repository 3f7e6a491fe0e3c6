package io.quantstream.portfolio.spi;

import io.quantstream.plugin.Plugin;

/**
 * A way of turning a cross-section's scores into target weights, named in a job config as
 * {@code strategy.weighting} ({@code dollar_neutral}, the default and built in;
 * {@code top_bottom(count=2)} …). A {@link java.util.ServiceLoader} service, like
 * {@link io.quantstream.factor.spi.FactorPlugin}: a jar lists its class in
 * {@code META-INF/services/io.quantstream.portfolio.spi.StrategyPlugin}.
 */
public interface StrategyPlugin extends Plugin<TargetWeights> {}
