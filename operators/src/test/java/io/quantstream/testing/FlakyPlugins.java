package io.quantstream.testing;

import io.quantstream.factor.expr.BarField;
import io.quantstream.factor.spi.Bar;
import io.quantstream.factor.spi.FactorPlugin;
import io.quantstream.factor.spi.FactorState;
import io.quantstream.factor.spi.IncrementalFactor;
import io.quantstream.plugin.Parameter;
import io.quantstream.plugin.Parameters;
import io.quantstream.portfolio.spi.RiskLimits;
import io.quantstream.portfolio.spi.StrategyPlugin;
import io.quantstream.portfolio.spi.TargetWeights;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Plug-ins that fail on purpose, for the tests of what the engine does then ({@link TestPlugins}
 * makes them discoverable).
 */
public final class FlakyPlugins {

    /** Message of {@link FlakySum}'s exception: {@code close 103.0 above 102.0}. */
    public static String message(double close, double above) {
        return "close " + close + " above " + above;
    }

    private FlakyPlugins() {}

    /** The sum of the closes of the last {@code window} bars, never failing (as flaky_sum). */
    public static IncrementalFactor sumOfCloses(int window) {
        return new FlakySum(window, Double.POSITIVE_INFINITY, false);
    }

    /**
     * {@code flaky_sum(window, above, volume)}: the sum of the closes of the last {@code window}
     * bars it took; throws {@link IllegalStateException} ({@link #message}) at a bar whose close is
     * above {@code above}, after writing its ring slot (so the engine must put it back). Declares
     * only {@code $close}; with {@code volume=1} it also reads {@code $volume}, undeclared.
     */
    public static class FlakySumPlugin implements FactorPlugin {
        @Override
        public String name() {
            return "flaky_sum";
        }

        @Override
        public String description() {
            return "sum of the last closes; fails above a close";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.whole("window", 3, 1, 100, "bars"),
                    Parameter.number("above", 1e9, -1e9, 1e9, "close it fails above"),
                    Parameter.whole("volume", 0, 0, 1, "1: also reads $volume, undeclared"));
        }

        @Override
        public IncrementalFactor create(Parameters p) {
            return new FlakySum(p.wholeInt("window"), p.number("above"), p.wholeInt("volume") == 1);
        }
    }

    record FlakySum(int n, double above, boolean readsVolume) implements IncrementalFactor {
        @Override
        public long warmUp() {
            return n;
        }

        @Override
        public int stateSize() {
            return n;
        }

        @Override
        public Set<BarField> fields() {
            return EnumSet.of(BarField.CLOSE);
        }

        @Override
        public double update(Bar bar, FactorState s) {
            double close = bar.close();
            s.set((int) (s.bars() % n), close);
            if (readsVolume) {
                close += 0 * bar.volume();
            }
            if (close > above) {
                throw new IllegalStateException(message(close, above));
            }
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += s.get(i);
            }
            return sum;
        }
    }

    /** {@code failing_weights}: throws {@link ArithmeticException} {@code "no weights today"} on every call. */
    public static class FailingWeightsPlugin implements StrategyPlugin {
        @Override
        public String name() {
            return "failing_weights";
        }

        @Override
        public String description() {
            return "fails on every cross-section";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of();
        }

        @Override
        public TargetWeights create(Parameters p) {
            return new FailingWeights();
        }
    }

    static final class FailingWeights implements TargetWeights {
        @Override
        public double[] weights(String[] instruments, double[] scores, RiskLimits limits) {
            throw new ArithmeticException("no weights today");
        }
    }
}
