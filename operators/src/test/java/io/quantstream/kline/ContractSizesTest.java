package io.quantstream.kline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContractSizesTest {

    @Test
    void bySymbolThenPairThenBinancesDefaults() {
        ContractSizes sizes = new ContractSizes(Map.of("ETHUSD_PERP", new BigDecimal("20"),
                "ADAUSD", new BigDecimal("15")));
        assertThat(sizes.of("BTCUSD_PERP")).isEqualByComparingTo("100");
        assertThat(sizes.of("BTCUSD_260626")).isEqualByComparingTo("100");
        assertThat(sizes.of("ETHUSD_PERP")).isEqualByComparingTo("20");
        assertThat(sizes.of("ETHUSD_260626")).isEqualByComparingTo("10");
        assertThat(sizes.of("ADAUSD_PERP")).isEqualByComparingTo("15");
    }

    @Test
    void sizeThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> new ContractSizes(Map.of("BTCUSD", BigDecimal.ZERO)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contract size of BTCUSD must be a positive number");
    }
}
