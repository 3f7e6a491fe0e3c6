package io.quantstream.jobs.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the report folder of one strategy's backtest:
 *
 * <ul>
 *   <li>{@code stats.json}: {@link BacktestStatistics} (definitions in the README, "Backtest
 *       statistics");
 *   <li>{@code equity.csv}: {@code time,equity,cash,gross_exposure,net_exposure,drawdown}, the
 *       start then every close of the strategy's interval;
 *   <li>{@code fills.csv}: {@code time,signal_time,market,symbol,order_quantity,quantity,price,
 *       notional,fee,realized_pnl,reason,detail}, reason {@code rebalance}, {@code cut} or
 *       {@code skipped};
 *   <li>{@code funding.csv}: {@code time,market,symbol,position,mark_price,mark_price_source,
 *       rate,payment}, source {@code mark-price-open} or {@code last-close};
 *   <li>{@code target-positions.jsonl}: the strategy's target positions;
 *   <li>{@code report.html}: a self-contained page with the equity and drawdown charts and the
 *       statistics (it loads nothing: the charting library is inlined).
 * </ul>
 *
 * <pre>{@code
 * ReportInput input = ReportInput.of(executionSpec, ledgerEntries, fills, funding, targets);
 * BacktestStatistics stats = BacktestReport.write(Path.of("out/backtest/run-1"), input);
 * }</pre>
 *
 * Times are ISO-8601 UTC with milliseconds in the CSV files and on the page, epoch ms UTC in
 * {@code stats.json}; money in quote currency, plain exact decimals.
 */
public final class BacktestReport {

    /** File names in a report folder. */
    public static final String STATS = "stats.json";
    public static final String EQUITY = "equity.csv";
    public static final String FILLS = "fills.csv";
    public static final String FUNDING = "funding.csv";
    public static final String TARGET_POSITIONS = "target-positions.jsonl";
    public static final String PAGE = "report.html";

    private BacktestReport() {}

    /**
     * Writes the report of {@code input} into {@code dir} (created if missing; files of an
     * earlier report there are replaced).
     *
     * @return the statistics written to {@code stats.json}
     * @throws IllegalArgumentException when the ledger has no total row (no bar of the interval)
     * @throws IOException when {@code dir} cannot be created or written
     */
    public static BacktestStatistics write(Path dir, ReportInput input) throws IOException {
        BacktestStatistics stats = BacktestStatistics.compute(input);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(STATS), stats.toJson() + "\n", StandardCharsets.UTF_8);
        ReportFiles.equity(dir.resolve(EQUITY), input, stats.start());
        ReportFiles.fills(dir.resolve(FILLS), input.fills());
        ReportFiles.funding(dir.resolve(FUNDING), input.funding());
        ReportFiles.targets(dir.resolve(TARGET_POSITIONS), input.targetPositions());
        Files.writeString(dir.resolve(PAGE), ReportPage.render(input, stats),
                StandardCharsets.UTF_8);
        return stats;
    }
}
