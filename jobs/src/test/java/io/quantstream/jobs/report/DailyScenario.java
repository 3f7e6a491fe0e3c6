package io.quantstream.jobs.report;

import static io.quantstream.jobs.report.BacktestRecords.fill;
import static io.quantstream.jobs.report.BacktestRecords.funding;
import static io.quantstream.jobs.report.BacktestRecords.instrument;
import static io.quantstream.jobs.report.BacktestRecords.target;
import static io.quantstream.jobs.report.BacktestRecords.total;

import io.quantstream.model.Fill;
import io.quantstream.model.Interval;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A six-day backtest on a daily interval, small enough to compute every statistic by hand.
 * Equity at the closes: 1000 (start) 1100, 1100, 990, 1089, 1197.9, 1138.005; so the returns are
 * +10 %, 0, −10 %, +10 %, +10 %, −5 %. Records are handed over out of order, as a collected
 * stream delivers them.
 */
final class DailyScenario {

    static final long DAY = 86_400_000L;
    /** Close of the first daily bar: 2026-02-01T23:59:59.999Z. */
    static final long T1 = Instant.parse("2026-02-02T00:00:00Z").toEpochMilli() - 1;

    private DailyScenario() {}

    /** Close time of day {@code k} (1 … 6); day 0 is the start. */
    static long t(int k) {
        return T1 + (k - 1) * DAY;
    }

    static ReportInput input() {
        return new ReportInput(BacktestRecords.STRATEGY, Interval.parse("1d"),
                new BigDecimal("1000"),
                List.of(
                        total(t(3), "990", "990", "1800", "0", "0.1", "1.5", "0"),
                        total(t(1), "1100", "1100", "2000", "0", "0", "0.75", "0"),
                        total(t(2), "1100", "1100", "2000", "0", "0", "0.75", "0"),
                        total(t(4), "1089", "1089", "1900", "0", "0.01", "2", "-0.5"),
                        total(t(5), "1197.9", "1197.9", "2100", "0", "0", "3", "-1"),
                        instrument(t(5), "BTCUSDT", "0.01", "61000", "50", "100", "2", "-1"),
                        instrument(t(6), "ETHUSDT", "-0.05", "3000", "-7.5", "2.005", "1",
                                "-0.25"),
                        instrument(t(6), "BTCUSDT", "0.015", "60000", "120.5", "30.25",
                                "2.5", "-1.0"),
                        total(t(6), "1138.005", "1138.005", "2050", "0", "0.05", "3.5",
                                "-1.25")),
                List.of(
                        fill(t(3) + 60_000, "ETHUSDT", "0.1", "2600", "0.13", "-10",
                                Fill.REBALANCE),
                        fill(t(0) + 60_000, "BTCUSDT", "0.02", "50000", "0.5", "0",
                                Fill.REBALANCE),
                        fill(t(1) + 60_000, "ETHUSDT", "-0.2", "2500", "0.25", "0",
                                Fill.REBALANCE),
                        fill(t(2) + 60_000, "BTCUSDT", "-0.01", "55000", "0.275", "50",
                                Fill.CUT),
                        fill(t(4) + 60_000, "BTCUSDT", "0", "61000", "0", "0", Fill.SKIPPED),
                        fill(t(4) + 120_000, "ETHUSDT", "0.05", "2450", "0.06125", "2.5",
                                Fill.REBALANCE),
                        fill(t(5) + 60_000, "BTCUSDT", "0.005", "60000", "0.15", "0",
                                Fill.REBALANCE),
                        // after the last close: in fills.csv, in no statistic
                        fill(t(6) + 60_000, "BTCUSDT", "-0.01", "60500", "0.3", "5",
                                Fill.REBALANCE)),
                List.of(funding(t(3) + 1 + 8 * 3_600_000L, "ETHUSDT", "-0.1", "2550",
                        "0.0001", "0.0255")),
                List.of(target(t(1), "ETHUSDT", -0.5, "-0.2", "2500"),
                        target(t(0), "BTCUSDT", 0.5, "0.02", "50000")));
    }
}
