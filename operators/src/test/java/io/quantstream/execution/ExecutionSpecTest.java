package io.quantstream.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantstream.model.Instrument;
import io.quantstream.model.Interval;
import io.quantstream.model.Market;
import io.quantstream.portfolio.StrategySpec;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutionSpecTest {

    private static final StrategySpec STRATEGY =
            new StrategySpec("s", "majors", "4h", 1.5, 0.25, new BigDecimal("50000"));

    @Test
    void defaultsAreTheStrategysAndBinancesRegularTier() {
        ExecutionSpec spec = ExecutionSpec.of(STRATEGY, List.of(Instrument.parse("usdm:BTCUSDT")));
        assertThat(spec.interval()).isEqualTo(Interval.parse("4h"));
        assertThat(spec.grossLeverage()).isEqualTo(1.5);
        assertThat(spec.initialEquity()).isEqualByComparingTo("50000");
        assertThat(spec.cashBuffer()).isEqualTo(0.02);
        // USD-M Regular taker 0.0500 %, spot Regular taker 0.1000 %
        assertThat(spec.costs().get(Market.USDM).takerFeeBps()).isEqualByComparingTo("5");
        assertThat(spec.costs().get(Market.SPOT).takerFeeBps()).isEqualByComparingTo("10");
        assertThat(spec.lot("USDM:BTCUSDT")).isEqualTo(LotRule.NONE);
    }

    @Test
    void costsAndLotRulesRoundAsDocumented() {
        MarketCosts costs = new MarketCosts(new BigDecimal("2.5"), new BigDecimal("4.5"));
        assertThat(costs.fillPrice(new BigDecimal("100"), true)).isEqualByComparingTo("100.025");
        assertThat(costs.fillPrice(new BigDecimal("100"), false)).isEqualByComparingTo("99.975");
        assertThat(costs.fee(new BigDecimal("-2"), new BigDecimal("100"))).isEqualByComparingTo("0.09");
        LotRule lot = new LotRule(new BigDecimal("0.01"), new BigDecimal("5"));
        assertThat(lot.round(new BigDecimal("-1.239"))).isEqualByComparingTo("-1.23");
        assertThat(lot.belowMinimum(new BigDecimal("4.99"))).isTrue();
        assertThat(LotRule.NONE.round(new BigDecimal("0.123456789"))).isEqualByComparingTo("0.12345678");
    }

    @Test
    void badSettingsAreRejected() {
        List<Instrument> btc = List.of(Instrument.parse("usdm:BTCUSDT"));
        ExecutionSpec spec = ExecutionSpec.of(STRATEGY, btc);
        assertThatThrownBy(() -> ExecutionSpec.of(STRATEGY, List.of(Instrument.parse("coinm:BTCUSD_PERP"))))
                .hasMessageContaining("COIN-M");
        assertThatThrownBy(() -> spec.withCashBuffer(1.0)).hasMessageContaining("cashBuffer");
        assertThatThrownBy(() -> ExecutionSpec.of(STRATEGY, List.of())).hasMessageContaining("no instruments");
        assertThatThrownBy(() -> new LotRule(BigDecimal.ZERO, null)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new MarketCosts(new BigDecimal("-1"), BigDecimal.ONE))
                .hasMessageContaining("≥ 0");
        assertThatThrownBy(() -> new ExecutionSpec("s", Interval.ONE_MINUTE, 1, BigDecimal.TEN, 0,
                Map.of(Market.SPOT, MarketCosts.BINANCE_SPOT), Map.of(), btc))
                .hasMessageContaining("no costs for market USDM");
    }
}
