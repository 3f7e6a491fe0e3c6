package io.quantstream.examples.plugin;

import io.quantstream.factor.spi.FactorPlugin;
import io.quantstream.factor.spi.IncrementalFactor;
import io.quantstream.plugin.Parameter;
import io.quantstream.plugin.Parameters;
import java.util.List;

/**
 * Factor plug-in {@code kama}: Kaufman's adaptive moving average of the close ({@link
 * KamaFactor}), e.g. {@code kama(10)} (output {@code kama_10}) or
 * {@code kama(window=10, fast=2, slow=30)}. Listed in
 * {@code META-INF/services/io.quantstream.factor.spi.FactorPlugin}.
 */
public final class Kama implements FactorPlugin {

    @Override
    public String name() {
        return "kama";
    }

    @Override
    public String description() {
        return "Kaufman's adaptive moving average of the close, quote currency";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(
                Parameter.whole("window", 10, 1, 10_000, "bars of the efficiency ratio"),
                Parameter.whole("fast", 2, 1, 1_000, "period of the fastest smoothing"),
                Parameter.whole("slow", 30, 2, 1_000, "period of the slowest smoothing"));
    }

    /** @throws IllegalArgumentException when {@code fast} is not below {@code slow} */
    @Override
    public IncrementalFactor create(Parameters p) {
        int fast = p.wholeInt("fast");
        int slow = p.wholeInt("slow");
        if (fast >= slow) {
            throw new IllegalArgumentException("fast (" + fast + ") must be below slow (" + slow
                    + ")");
        }
        return new KamaFactor(p.wholeInt("window"), fast, slow);
    }
}
