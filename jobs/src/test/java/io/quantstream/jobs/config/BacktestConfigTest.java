package io.quantstream.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantstream.execution.ExecutionSpec;
import io.quantstream.execution.LotRule;
import io.quantstream.execution.MarketCosts;
import io.quantstream.jobs.topology.Topology;
import io.quantstream.model.Market;
import java.math.BigDecimal;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The backtest's settings: the range as days, months and instants ({@link RangeBounds}), the
 * checks of {@link ConfigValidator#validateBacktest}, and the execution spec they make.
 */
class BacktestConfigTest {

    private static final String CONFIG = "../config/backtest.yaml";

    @Test
    void aDayOrMonthCoversItWholeAndAnInstantIsABoundToTheMillisecond() {
        assertThat(RangeBounds.from("2026-02-01")).isEqualTo(millis("2026-02-01T00:00:00Z"));
        assertThat(RangeBounds.to("2026-02-14")).isEqualTo(millis("2026-02-15T00:00:00Z"));
        assertThat(RangeBounds.from("2026-02")).isEqualTo(millis("2026-02-01T00:00:00Z"));
        assertThat(RangeBounds.to("2026-02")).isEqualTo(millis("2026-03-01T00:00:00Z"));
        assertThat(RangeBounds.to("2026-02-14T07:00Z")).isEqualTo(millis("2026-02-14T07:00:00Z"));
        assertThat(RangeBounds.to("2026-02-14T09:00:00+02:00")).isEqualTo(millis("2026-02-14T07:00:00Z"));
        assertThat(RangeBounds.from("2026-02-14T07:00:00.500")).isEqualTo(millis("2026-02-14T07:00:00.500Z"));
        assertThat(RangeBounds.from(" ")).isEqualTo(Long.MIN_VALUE);
        assertThat(RangeBounds.to("")).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> RangeBounds.to("14.02.2026")).hasMessage("'14.02.2026' is neither a day"
                + " (2026-02-01), a month (2026-02) nor an instant (2026-02-14T07:00:00Z)");
    }

    @Test
    void theExampleBacktestConfigIsValid() {
        assertThatCode(() -> ConfigValidator.validateBacktest(example())).doesNotThrowAnyException();
    }

    @Test
    void theInputIsKlinesByDefaultOrTradesAndNothingElse() {
        JobConfig config = example();
        assertThat(new JobConfig().backtest.input).isEqualTo("klines");
        config.backtest.input = "trades";
        assertThatCode(() -> ConfigValidator.validateBacktest(config)).doesNotThrowAnyException();
        config.backtest.input = "aggTrades";
        assertThatThrownBy(() -> ConfigValidator.validateBacktest(config))
                .isInstanceOf(InvalidConfigException.class)
                .extracting(e -> ((InvalidConfigException) e).problems()).asList().containsExactly(
                        "backtest.input: 'aggTrades' is not an input; inputs: klines (1m bars of"
                                + " market.klines), trades (trades of market.trades)");
    }

    @Test
    void everyMistakeIsNamedWithItsSetting() {
        JobConfig config = example();
        config.mode = "streaming";
        config.backtest.from = "2026-02-30";
        config.execution.cashBuffer = 1;
        config.execution.costs.put("coinm", new JobConfig.Costs());
        JobConfig.Costs negative = new JobConfig.Costs();
        negative.takerFeeBps = new BigDecimal("-1");
        config.execution.costs.put("usdm", negative);
        config.execution.lots.put("usdm:BTCUSDT", new JobConfig.Lot());
        JobConfig.Lot zero = new JobConfig.Lot();
        zero.stepSize = BigDecimal.ZERO;
        config.execution.lots.put("DOTUSDT", zero);

        assertThatThrownBy(() -> ConfigValidator.validateBacktest(config))
                .isInstanceOf(InvalidConfigException.class)
                .extracting(e -> ((InvalidConfigException) e).problems()).asList().containsExactly(
                        "mode: a backtest runs in batch mode over the Iceberg tables, got 'streaming'"
                                + " (set mode: batch, or --mode batch)",
                        "backtest.from: '2026-02-30' is neither a day (2026-02-01), a month (2026-02)"
                                + " nor an instant (2026-02-14T07:00:00Z)",
                        "execution.cashBuffer: 1.0 is not a fraction in [0, 1) (0.02 keeps 2 % of"
                                + " equity unallocated)",
                        "execution.costs.usdm.takerFeeBps: -1 must not be negative (basis points)",
                        "execution.costs.coinm: COIN-M (inverse) contracts are not simulated; markets:"
                                + " usdm, spot",
                        "execution.lots.usdm:BTCUSDT: USDM:BTCUSDT is not in the universe [USDM:ALGOUSDT,"
                                + " USDM:AVAXUSDT, USDM:DOTUSDT, USDM:FILUSDT, USDM:LINKUSDT,"
                                + " USDM:LTCUSDT, USDM:NEARUSDT]",
                        "execution.lots.DOTUSDT: 'DOTUSDT' names no market; write market:SYMBOL, e.g."
                                + " usdm:DOTUSDT (lots are keyed by instrument, e.g. usdm:BTCUSDT)",
                        "execution.lots.DOTUSDT.stepSize: 0 must be positive");
    }

    @Test
    void theExecutionSpecTakesTheConfiguredCostsOverBinancesAndTheLots() {
        JobConfig config = example();
        JobConfig.Costs fee = new JobConfig.Costs();
        fee.takerFeeBps = new BigDecimal("4");
        config.execution.costs.put("usdm", fee);
        JobConfig.Lot lot = new JobConfig.Lot();
        lot.minNotional = new BigDecimal("5");
        config.execution.lots.put("usdm:DOTUSDT", lot);
        config.execution.cashBuffer = 0.05;

        ExecutionSpec spec = Topology.executionSpec(config);
        assertThat(spec.costs().get(Market.USDM))
                .isEqualTo(new MarketCosts(MarketCosts.BINANCE_USDM.slippageBps(), new BigDecimal("4")));
        assertThat(spec.lot("USDM:DOTUSDT")).isEqualTo(new LotRule(null, new BigDecimal("5")));
        assertThat(spec.cashBuffer()).isEqualTo(0.05);
        assertThat(spec.initialEquity()).isEqualByComparingTo("100000");
        assertThat(spec.instruments()).hasSize(7);
    }

    private static JobConfig example() {
        return ConfigLoader.load(Paths.get(CONFIG), List.of());
    }

    private static long millis(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }
}
