package io.quantstream.examples.plugin;

import io.quantstream.plugin.Parameter;
import io.quantstream.plugin.Parameters;
import io.quantstream.portfolio.spi.RiskLimits;
import io.quantstream.portfolio.spi.StrategyPlugin;
import io.quantstream.portfolio.spi.TargetWeights;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Strategy weighting plug-in {@code top_bottom(count=k)}: long the k highest scores and short the
 * k lowest, each {@code grossLeverage / 2k} (at most {@code maxWeight}), the others 0; ties by
 * instrument key. With fewer than 2 instruments, all 0; with fewer than 2k, k is half of them.
 * Listed in {@code META-INF/services/io.quantstream.portfolio.spi.StrategyPlugin}.
 */
public final class TopBottom implements StrategyPlugin {

    @Override
    public String name() {
        return "top_bottom";
    }

    @Override
    public String description() {
        return "long the count highest scores, short the count lowest, equal weights";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.whole("count", 1, 1, 1_000, "instruments on each side"));
    }

    @Override
    public TargetWeights create(Parameters p) {
        return new Weights(p.wholeInt("count"));
    }

    private record Weights(int count) implements TargetWeights {
        @Override
        public double[] weights(String[] instruments, double[] scores, RiskLimits limits) {
            int n = scores.length;
            double[] w = new double[n];
            int k = Math.min(count, n / 2);
            if (k == 0) {
                return w;
            }
            Integer[] order = new Integer[n];
            Arrays.setAll(order, i -> i);
            // highest first; instruments come sorted, so ties keep key order
            Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[i]));
            double each = Math.min(limits.grossLeverage() / (2 * k), limits.maxWeight());
            for (int j = 0; j < k; j++) {
                w[order[j]] = each;
                w[order[n - 1 - j]] = -each;
            }
            return w;
        }
    }
}
