package io.quantstream.portfolio;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class StrategySpecTest {

    @Test
    void rejectsNonPositiveLimits() {
        BigDecimal equity = BigDecimal.TEN;
        assertThatThrownBy(() -> new StrategySpec("s", "u", "1m", 0, 0.25, equity))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grossLeverage");
        assertThatThrownBy(() -> new StrategySpec("s", "u", "1m", 1, Double.NaN, equity))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxWeight");
        assertThatThrownBy(() -> new StrategySpec("s", "u", "1m", 1, 0.25, BigDecimal.ONE.negate()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("equity");
        assertThatThrownBy(() -> new StrategySpec(" ", "u", "1m", 1, 0.25, equity))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("required");
    }
}
