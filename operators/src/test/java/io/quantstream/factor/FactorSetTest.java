package io.quantstream.factor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FactorSetTest {

    @Test
    void parsesNamesAndParameters() {
        FactorSet set = FactorSet.parse(
                "ema(20), rsi(14),log_return(5),realized_vol(30),taker_buy_ratio,vwap_dev,SMA(3)");

        assertThat(set.names()).containsExactly("ema_20", "rsi_14", "log_return_5",
                "realized_vol_30", "taker_buy_ratio", "vwap_dev", "sma_3");
        assertThat(set.size()).isEqualTo(7);
        assertThat(set.get(0).spec()).as("names the factor's state").isEqualTo("ema(20)");
        assertThat(set.get(3).spec()).isEqualTo("realized_vol(30)");
        assertThat(set.get(6).spec()).isEqualTo("sma(3)");
        assertThat(set.get(5).spec()).isEqualTo("vwap_dev");
        assertThat(set.stateSize()).isEqualTo(2 + 4 + (1 + 5) + (2 + 30) + 0 + 0 + (1 + 3));
        assertThat(set).isEqualTo(FactorSet.parse(set.toString().replace("_20", "(20)")
                .replace("_14", "(14)").replace("log_return_5", "log_return(5)")
                .replace("realized_vol_30", "realized_vol(30)").replace("sma_3", "sma(3)")));
    }

    @Test
    void rejectsUnknownFactorsAndBadParameters() {
        assertThatThrownBy(() -> FactorSet.parse("macd(12)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown factor 'macd(12)'");
        assertThatThrownBy(() -> FactorSet.parse("ema"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a window");
        assertThatThrownBy(() -> FactorSet.parse("ema(x)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> FactorSet.parse("rsi(0)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 1 and");
        assertThatThrownBy(() -> FactorSet.parse("realized_vol(1)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 2 and");
        assertThatThrownBy(() -> FactorSet.parse("sma(100001)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("100000");
        assertThatThrownBy(() -> FactorSet.parse("vwap_dev(3)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes no parameter");
        assertThatThrownBy(() -> FactorSet.parse("ema(3"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed");
        assertThatThrownBy(() -> FactorSet.parse("ema(3),ema(3)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> FactorSet.parse(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> FactorSet.parse("ema(3),"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown factor ''");
    }
}
