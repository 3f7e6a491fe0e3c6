package io.quantstream.crosssection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.quantstream.model.Instrument;
import io.quantstream.testing.Instruments;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrossSectionSpecTest {

    @Test
    void sortsInstrumentsAndWeightsAndDefaultsTheWait() {
        CrossSectionSpec spec = new CrossSectionSpec("u", List.of(Instrument.parse("usdm:SOL"),
                Instrument.parse("usdm:BTC"), Instrument.parse("spot:SOL"),
                Instrument.parse("usdm:SOL")), "1m", Map.of("rsi_14", 1.0, "ema_20", -2.0));

        assertThat(spec.keys()).containsExactly("SPOT:SOL", "USDM:BTC", "USDM:SOL");
        assertThat(spec.weights().keySet()).containsExactly("ema_20", "rsi_14");
        assertThat(spec.maxWait()).isEqualTo(Duration.ZERO);
        assertThat(spec.transforms()).as("every weighted factor z-scored by default")
                .containsExactly(entry("ema_20", CrossSectionTransform.ZSCORE),
                        entry("rsi_14", CrossSectionTransform.ZSCORE));
    }

    @Test
    void givenTransformsReplaceTheDefaultAndNeedAWeight() {
        Map<String, Double> w = Map.of("rsi_14", 1.0, "ema_20", -2.0);
        CrossSectionSpec spec = new CrossSectionSpec("u", Instruments.usdm("A"), "1m", w,
                Duration.ZERO, Map.of("rsi_14", CrossSectionTransform.parse("rank")));
        assertThat(spec.transforms()).extractingByKeys("ema_20", "rsi_14")
                .containsExactly(CrossSectionTransform.ZSCORE, CrossSectionTransform.parse("rank"));
        assertThatThrownBy(() -> new CrossSectionSpec("u", Instruments.usdm("A"), "1m", w,
                Duration.ZERO, Map.of("vwap_dev", CrossSectionTransform.parse("rank"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("transform of 'vwap_dev', which has no weight; weighted factors:"
                        + " ema_20, rsi_14");
    }

    @Test
    void rejectsIncompleteSpecs() {
        Map<String, Double> w = Map.of("rsi_14", 1.0);
        assertThatThrownBy(() -> new CrossSectionSpec("u", List.of(), "1m", w))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no instruments");
        assertThatThrownBy(() -> new CrossSectionSpec("u", Instruments.usdm("A"), "1m", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no factor weights");
        assertThatThrownBy(() -> new CrossSectionSpec("u", Instruments.usdm("A"), "1m",
                Map.of("x", Double.NaN))).hasMessageContaining("finite");
        assertThatThrownBy(() -> new CrossSectionSpec("u", Instruments.usdm("A"), "1m", w,
                Duration.ofSeconds(-1))).hasMessageContaining("negative");
    }
}
