package io.quantstream.factor;

import static io.quantstream.testing.Klines.bar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantstream.factor.spi.FactorPlugin;
import io.quantstream.factor.spi.IncrementalFactor;
import io.quantstream.plugin.Parameter;
import io.quantstream.plugin.Parameters;
import io.quantstream.testing.FlakyPlugins;
import io.quantstream.testing.TestPlugins;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Factor plug-ins as the engine finds them: from a service file on the context class loader
 * (a folder made here, as a jar would hold it), their state in the key's {@link FactorHistory}
 * under the call's canonical text, and the plug-ins it refuses.
 */
class PluginFactorsTest {

    @TempDir Path services;

    @Test
    void pluginStateIsKeptUnderItsCallAndContinuesWhenTheSetChanges() throws Exception {
        FactorHistory h = new FactorHistory();
        withPlugins(List.of(Closes.class), () -> {
            FactorUpdate before = new FactorUpdate(FactorSet.parse("closes(3)"));
            for (int i = 0; i < 2; i++) {
                assertThat(before.advance(h, bar("BTCUSDT", i, "10" + i), n -> {})[0]).isNaN();
            }
            // the set changes (as across a savepoint): the plug-in's history is found by its call
            FactorSet after = FactorSet.parse("sma(2), SUM3=closes(window=3), D=SUM3 - 1");
            assertThat(after.names()).containsExactly("sma_2", "SUM3", "D");
            double[] values = new FactorUpdate(after).advance(h, bar("BTCUSDT", 2, "102"), n -> {});
            assertThat(values[1]).isEqualTo(303.0);
            assertThat(values[2]).isEqualTo(302.0);
            return null;
        });
    }

    @Test
    void twoPluginsOfOneNameAreRefusedNamingBothClasses() throws Exception {
        withPlugins(List.of(Closes.class, OtherCloses.class), () -> {
            assertThatThrownBy(() -> FactorSet.parse("sma(2)"))
                    .hasMessageContaining("two FactorPlugin plug-ins are named 'closes'")
                    .hasMessageContaining(Closes.class.getName())
                    .hasMessageContaining(OtherCloses.class.getName());
            return null;
        });
    }

    @Test
    void pluginWithTheNameOfABuiltInOrABadWarmUpIsRefused() throws Exception {
        withPlugins(List.of(Ema.class), () -> {
            assertThatThrownBy(() -> FactorSet.parse("sma(2)"))
                    .hasMessageContaining("has the name of a built-in factor or set: 'ema'");
            return null;
        });
        withPlugins(List.of(Closes.class), () -> {
            assertThatThrownBy(() -> FactorSet.parse("closes(window=0)"))
                    .hasMessageContaining("factor 'closes(window=0)' (plug-in " + Closes.class.getName())
                    .hasMessageContaining("parameter window must be a whole number in [1, 100]");
            assertThatThrownBy(() -> FactorSet.parse("closes(1, 2)"))
                    .hasMessageContaining("2 values for 1 parameters");
            return null;
        });
    }

    private <T> T withPlugins(List<Class<?>> plugins, Callable<T> body) throws Exception {
        return TestPlugins.with(services, plugins, body);
    }

    /** {@code closes(window)}: the sum of the last {@code window} closes, in a ring. */
    public static class Closes implements FactorPlugin {
        @Override
        public String name() {
            return "closes";
        }

        @Override
        public String description() {
            return "sum of the last closes";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.whole("window", 2, 1, 100, "bars"));
        }

        @Override
        public IncrementalFactor create(Parameters p) {
            return FlakyPlugins.sumOfCloses(p.wholeInt("window"));
        }
    }

    public static class OtherCloses extends Closes {}

    public static class Ema extends Closes {
        @Override
        public String name() {
            return "ema";
        }
    }
}
