package io.quantstream.jobs.report;

import static io.quantstream.jobs.report.BacktestRecords.total;
import static io.quantstream.jobs.report.DailyScenario.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.quantstream.model.Interval;
import java.math.BigDecimal;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class BacktestStatisticsTest {

    private static final Offset<Double> EXACT = within(1e-12);

    @Test
    void everyStatisticOfTheDailyScenarioEqualsTheHandComputation() {
        BacktestStatistics s = BacktestStatistics.compute(DailyScenario.input());

        assertThat(s.reference()).isEqualTo("xs-test");
        assertThat(s.interval()).isEqualTo("1d");
        assertThat(s.start()).isEqualTo(t(1) - DailyScenario.DAY);
        assertThat(s.end()).isEqualTo(t(6));
        assertThat(s.periods()).isEqualTo(6);
        assertThat(s.initialEquity()).isEqualByComparingTo("1000");
        assertThat(s.finalEquity()).isEqualByComparingTo("1138.005");

        // returns +0.10, 0, −0.10, +0.10, +0.10, −0.05: sum 0.15, mean 0.025
        // squared deviations .005625 .000625 .015625 .005625 .005625 .005625: sum 0.03875
        double sd = Math.sqrt(0.03875 / 5);
        // squared negative returns 0.01 + 0.0025 over all six returns
        double downside = Math.sqrt(0.0125 / 6);
        double cagr = Math.pow(1.138005, 365.0 / 6) - 1; // six days
        assertThat(s.totalReturn()).isCloseTo(0.138005, EXACT);
        assertThat(s.cagr()).isCloseTo(cagr, within(cagr * 1e-12));
        assertThat(s.annualizedVolatility()).isCloseTo(sd * Math.sqrt(365), EXACT);
        assertThat(s.sharpe()).isCloseTo(0.025 / sd * Math.sqrt(365), EXACT);
        assertThat(s.sortino()).isCloseTo(0.025 / downside * Math.sqrt(365), EXACT);
        assertThat(s.calmar()).isCloseTo(cagr / 0.1, within(cagr * 1e-11));

        // high 1100 reached on day 1 and held on day 2; 990 on day 3; 1197.9 ≥ 1100 on day 5
        assertThat(s.maxDrawdown().depth()).isCloseTo(0.1, EXACT);
        assertThat(s.maxDrawdown().peakTime()).isEqualTo(t(2));
        assertThat(s.maxDrawdown().troughTime()).isEqualTo(t(3));
        assertThat(s.maxDrawdown().recoveryTime()).isEqualTo(t(5));

        // fills up to day 6's close, skipped one left out: 0.02×50000 + 0.2×2500 + 0.01×55000
        // + 0.1×2600 + 0.05×2450 + 0.005×60000
        assertThat(s.tradedNotional()).isEqualByComparingTo("2732.5");
        double meanEquity = (1000 + 1100 + 1100 + 990 + 1089 + 1197.9 + 1138.005) / 7;
        assertThat(s.turnover()).isCloseTo(2732.5 / meanEquity, EXACT);
        assertThat(s.fees()).isEqualByComparingTo("3.5");
        assertThat(s.funding()).isEqualByComparingTo("-1.25");
        // one payment, on day 4, at the mark price
        assertThat(s.fundingPayments()).isEqualTo(1);
        assertThat(s.fundingAtMarkPrice()).isEqualTo(1);
        assertThat(s.fills()).isEqualTo(6);
        assertThat(s.cutFills()).isEqualTo(1);
        assertThat(s.skippedFills()).isEqualTo(1);
        // realized +50 and +2.5 win, −10 loses; opening fills realize nothing
        assertThat(s.winningFills()).isEqualTo(2);
        assertThat(s.losingFills()).isEqualTo(1);
        assertThat(s.hitRate()).isCloseTo(2.0 / 3, EXACT);

        assertThat(s.instruments()).containsOnlyKeys("USDM:BTCUSDT", "USDM:ETHUSDT");
        InstrumentPnl btc = s.instruments().get("USDM:BTCUSDT");
        assertThat(btc.realizedPnl()).isEqualByComparingTo("120.5");
        assertThat(btc.unrealizedPnl()).isEqualByComparingTo("30.25");
        assertThat(btc.fees()).isEqualByComparingTo("2.5");
        assertThat(btc.funding()).isEqualByComparingTo("-1");
        assertThat(btc.pnl()).isEqualByComparingTo("147.25"); // 120.5 + 30.25 − 2.5 − 1
        assertThat(s.instruments().get("USDM:ETHUSDT").pnl())
                .isEqualByComparingTo("-6.745"); // −7.5 + 2.005 − 1 − 0.25
    }

    @Test
    void aDrawdownFromTheStartThatDoesNotRecoverHasNoRecoveryTime() {
        long h1 = DailyScenario.T1;
        long hour = 3_600_000L;
        BacktestStatistics s = BacktestStatistics.compute(new ReportInput("xs-test",
                Interval.parse("1h"), new BigDecimal("1000"),
                List.of(total(h1, "900", "900", "0", "0", "0.1", "0", "0"),
                        total(h1 + hour, "950", "950", "0", "0", "0.05", "0", "0")),
                List.of(), List.of(), List.of()));

        assertThat(s.maxDrawdown().depth()).isCloseTo(0.1, EXACT);
        assertThat(s.maxDrawdown().peakTime()).isEqualTo(h1 - hour);
        assertThat(s.maxDrawdown().troughTime()).isEqualTo(h1);
        assertThat(s.maxDrawdown().recoveryTime()).isNull();
        // returns −0.1 and 950/900 − 1 = 1/18; 8760 hours a year
        double r2 = 1.0 / 18;
        double mean = (-0.1 + r2) / 2;
        double sd = Math.abs(-0.1 - r2) / Math.sqrt(2);
        assertThat(s.sharpe()).isCloseTo(mean / sd * Math.sqrt(8760), EXACT);
        assertThat(s.sortino()).isCloseTo(mean / Math.sqrt(0.01 / 2) * Math.sqrt(8760), EXACT);
        assertThat(s.cagr()).isCloseTo(Math.pow(0.95, 8760.0 / 2) - 1, EXACT);
        assertThat(s.hitRate()).isNull();
        assertThat(s.turnover()).isZero();
    }

    @Test
    void aCurveThatNeverFallsHasNoDrawdownDatesNoSortinoAndNoCalmar() {
        BacktestStatistics s = BacktestStatistics.compute(new ReportInput("xs-test",
                Interval.parse("1d"), new BigDecimal("1000"),
                List.of(total(t(1), "1010", "1010", "0", "0", "0", "0", "0"),
                        total(t(2), "1010", "1010", "0", "0", "0", "0", "0")),
                List.of(), List.of(), List.of()));

        assertThat(s.maxDrawdown()).isEqualTo(new MaxDrawdown(0, null, null, null));
        assertThat(s.sortino()).isNull();
        assertThat(s.calmar()).isNull();
        // returns 0.01 and 0: mean 0.005, sample deviation 0.01 / √2
        assertThat(s.sharpe()).isCloseTo(0.005 / (0.01 / Math.sqrt(2)) * Math.sqrt(365), EXACT);
    }

    @Test
    void aSingleReturnHasNoVolatilityAndNoSharpe() {
        BacktestStatistics s = BacktestStatistics.compute(new ReportInput("xs-test",
                Interval.parse("1d"), new BigDecimal("1000"),
                List.of(total(t(1), "990", "990", "0", "0", "0.01", "0", "0")),
                List.of(), List.of(), List.of()));

        assertThat(s.periods()).isEqualTo(1);
        assertThat(s.annualizedVolatility()).isNull();
        assertThat(s.sharpe()).isNull();
        assertThat(s.sortino()).isCloseTo(-0.01 / 0.01 * Math.sqrt(365), EXACT);
    }

    @Test
    void aLedgerWithoutTotalRowsIsAClearError() {
        ReportInput empty = new ReportInput("xs-test", Interval.parse("4h"),
                new BigDecimal("1000"), List.of(), List.of(), List.of(), List.of());

        assertThatThrownBy(() -> BacktestStatistics.compute(empty))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'xs-test' has no ledger total rows")
                .hasMessageContaining("4h");
    }

    @Test
    void aRecordOfAnotherStrategyIsRejected() {
        var other = total(t(1), "1000", "1000", "0", "0", "0", "0", "0");
        other.reference = "momentum";

        assertThatThrownBy(() -> new ReportInput("xs-test", Interval.parse("1d"),
                new BigDecimal("1000"), List.of(other), List.of(), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a ledger entry of strategy 'momentum' in the report of"
                        + " 'xs-test'");
    }
}
