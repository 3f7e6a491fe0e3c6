package io.quantstream.connectors.iceberg;

import static io.quantstream.connectors.iceberg.ColumnTypes.MONEY;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.GenericRecord;

/**
 * {@code trading.backtest_runs}: one row per backtest, appended when the run has ended.
 *
 * <pre>{@code
 * BacktestRuns.append(catalog, new BacktestRuns.Run(runId, "alts-1h-reversal", started, finished,
 *         firstBar, lastBar, configJson, statsJson, 0.012, …, reportFolder));
 * }</pre>
 */
public final class BacktestRuns {

    private BacktestRuns() {}

    /**
     * One run. Times epoch ms UTC; money in quote currency, rounded half-even to the column's 18
     * decimals; statistics are fractions (0.012 = 1.2 %); null = unknown.
     *
     * @param dataFrom open time of the first bar read
     * @param dataTo close time of the last bar read
     * @param config the run's job config as JSON
     * @param stats the run's statistics as JSON ({@code stats.json})
     */
    public record Run(String runId, String reference, long startedAt, Long finishedAt,
            long dataFrom, long dataTo, String config, String stats, Double totalReturn,
            Double cagr, Double sharpe, Double maxDrawdown, BigDecimal fees, BigDecimal funding,
            BigDecimal finalEquity, String reportPath) {}

    /** Appends {@code run} in one commit. */
    public static void append(Catalog catalog, Run run) {
        Table table = catalog.loadTable(QuantstreamTables.BACKTEST_RUNS.identifier());
        GenericRecord row = GenericRecord.create(table.schema());
        row.setField("run_id", run.runId());
        row.setField("reference", run.reference());
        row.setField("started_at", ColumnTypes.time(run.startedAt()));
        row.setField("finished_at", run.finishedAt() == null ? null : ColumnTypes.time(run.finishedAt()));
        row.setField("data_from", ColumnTypes.time(run.dataFrom()));
        row.setField("data_to", ColumnTypes.time(run.dataTo()));
        row.setField("config", run.config());
        row.setField("stats", run.stats());
        row.setField("total_return", run.totalReturn());
        row.setField("cagr", run.cagr());
        row.setField("sharpe", run.sharpe());
        row.setField("max_drawdown", run.maxDrawdown());
        row.setField("fees", money(run.fees()));
        row.setField("funding", money(run.funding()));
        row.setField("final_equity", money(run.finalEquity()));
        row.setField("report_path", run.reportPath());

        SmallAppends.append(table, List.of(row));
    }

    private static BigDecimal money(BigDecimal value) {
        return value == null ? null : value.setScale(MONEY.scale(), RoundingMode.HALF_EVEN);
    }
}
