package io.quantstream.jobs.backtest;

import io.quantstream.connectors.iceberg.CatalogSpec;
import io.quantstream.connectors.iceberg.IcebergCatalogs;
import io.quantstream.connectors.iceberg.source.HistoryCoverage;
import io.quantstream.connectors.iceberg.source.HistoryRange;
import io.quantstream.execution.ExecutionStages;
import io.quantstream.jobs.config.ConfigValidator;
import io.quantstream.jobs.config.InvalidConfigException;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.config.RangeBounds;
import io.quantstream.jobs.topology.Topology;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.iceberg.catalog.Catalog;

/**
 * A backtest as decided before its job starts: the checked config, the catalog, the history
 * range and what the tables hold of it, the run id and the report folder.
 *
 * <pre>{@code
 * BacktestPlan plan = BacktestPlan.prepare(config, Instant.now());
 * BacktestJob.define(env, plan);
 * env.execute();
 * BacktestResults results = BacktestResults.finish(plan, Instant.now());
 * }</pre>
 *
 * @param catalog where {@code market.*} is read and {@code trading.*} written
 * @param range the universe's bars (or trades) from {@code backtest.from} to {@code backtest.to}
 * @param coverage each instrument's first and last bar in the range (made of trades: the
 *     bars the kline stages will make)
 * @param runId the run's id: its rows in {@code trading.*} and its report folder
 * @param output the report folder
 * @param startedAt epoch ms UTC
 */
public record BacktestPlan(JobConfig config, CatalogSpec catalog, HistoryRange range,
        HistoryCoverage coverage, String runId, Path output, long startedAt) {

    private static final DateTimeFormatter RUN_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /**
     * Checks {@code config} ({@link ConfigValidator#validateBacktest}), opens the catalog
     * (creating the tables when missing) and checks that every universe instrument has 1m bars
     * (with {@code backtest.input: trades}, trades) in the range.
     *
     * @throws InvalidConfigException naming every mistake in the config
     * @throws IllegalArgumentException when an instrument has no bars (trades) in the range
     */
    public static BacktestPlan prepare(JobConfig config, Instant now) {
        ConfigValidator.validateBacktest(config);
        CatalogSpec catalog = config.catalog.spec();
        HistoryRange range = new HistoryRange(config.universeInstruments(),
                RangeBounds.from(config.backtest.from), RangeBounds.to(config.backtest.to));
        boolean trades = JobConfig.Backtest.TRADES.equals(config.backtest.input);
        HistoryCoverage coverage;
        Catalog opened = IcebergCatalogs.open(catalog);
        try {
            coverage = trades ? HistoryCoverage.ofTrades(opened, range) : HistoryCoverage.of(opened, range);
        } finally {
            close(opened);
        }
        if (!coverage.missing().isEmpty()) {
            throw new IllegalArgumentException((trades ? "market.trades has no trades of "
                    : "market.klines has no 1m bars of ")
                    + coverage.missing() + rangeText(config.backtest) + " in the " + catalog
                    + "; load them first: bin/quantstream load --input FILE_OR_FOLDER..."
                    + " [--catalog.warehouse DIR]");
        }
        String runId = RUN_TIME.format(now) + "-"
                + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
        Path output = config.backtest.output.isBlank()
                ? Paths.get("out", "backtests", runId) : Paths.get(config.backtest.output);
        return new BacktestPlan(config, catalog, range, coverage, runId,
                output.toAbsolutePath().normalize(), now.toEpochMilli());
    }

    /** Whether the backtest reads {@code market.trades} ({@code backtest.input: trades}). */
    public boolean readsTrades() {
        return JobConfig.Backtest.TRADES.equals(config.backtest.input);
    }

    /** The strategy's name: the {@code reference} of its targets, fills and ledger. */
    public String strategy() {
        return config.strategy.name;
    }

    /**
     * Whether the history has a bar for every minute of every instrument (and funding in the
     * first minutes of hours), so the execution can be fed only the bars its account reads
     * ({@link HistoryCoverage#everyMinute}, {@code ExecutionStages.accountBars}).
     */
    public boolean everyMinute() {
        return coverage.everyMinute(
                ExecutionStages.accountBarPeriod(Topology.executionSpec(config)));
    }

    /** The first bar's open time, epoch ms UTC. */
    public long dataFrom() {
        return coverage.first();
    }

    /** The last bar's close time, epoch ms UTC. */
    public long dataTo() {
        return coverage.last();
    }

    private static String rangeText(JobConfig.Backtest backtest) {
        return (backtest.from.isBlank() ? "" : " from " + backtest.from)
                + (backtest.to.isBlank() ? "" : " to " + backtest.to);
    }

    static void close(Catalog catalog) {
        if (catalog instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close the catalog: " + e.getMessage(), e);
            }
        }
    }
}
