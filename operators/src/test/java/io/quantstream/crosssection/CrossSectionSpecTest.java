package io.quantstream.crosssection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrossSectionSpecTest {

    @Test
    void sortsSymbolsAndWeightsAndDefaultsTheWait() {
        CrossSectionSpec spec = new CrossSectionSpec("u", List.of("SOL", "BTC", "SOL"), "1m",
                Map.of("rsi_14", 1.0, "ema_20", -2.0));

        assertThat(spec.symbols()).containsExactly("BTC", "SOL");
        assertThat(spec.weights().keySet()).containsExactly("ema_20", "rsi_14");
        assertThat(spec.maxWait()).isEqualTo(Duration.ZERO);
    }

    @Test
    void rejectsIncompleteSpecs() {
        Map<String, Double> w = Map.of("rsi_14", 1.0);
        assertThatThrownBy(() -> new CrossSectionSpec("u", List.of(), "1m", w))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no symbols");
        assertThatThrownBy(() -> new CrossSectionSpec("u", List.of("A"), "1m", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no factor weights");
        assertThatThrownBy(() -> new CrossSectionSpec("u", List.of("A"), "1m",
                Map.of("x", Double.NaN))).hasMessageContaining("finite");
        assertThatThrownBy(() -> new CrossSectionSpec("u", List.of("A"), "1m", w,
                Duration.ofSeconds(-1))).hasMessageContaining("negative");
    }
}
