package io.quantstream.jobs.topology;

import io.quantstream.connectors.file.JsonLinesSink;
import io.quantstream.connectors.iceberg.CatalogSpec;
import java.util.List;

/**
 * Where a backtest writes its records:
 *
 * <ul>
 *   <li>the Iceberg tables {@code trading.target_positions}, {@code trading.fills} and
 *       {@code trading.equity} (the ledger), every row tagged with the run id, committed once
 *       when the input ends ({@link TableOutputs}); a record a table cannot take is a dead letter;
 *   <li>JSON lines in the run's folder, one file per kind (target positions, fills, ledger
 *       entries, funding payments, dead letters, and in a backtest of trades the trade gaps, as
 *       the file job writes them), each at parallelism 1, exactly once
 *       ({@link JsonLinesSink}; assembled by {@link FileSinks#assemble} when the job has ended):
 *       what the report is made of.
 * </ul>
 */
public final class BacktestSinks {

    /** File names (without extension) in the run's folder. */
    public static final String TARGET_POSITIONS = FileSinks.TARGET_POSITIONS;
    public static final String FILLS = "fills";
    public static final String LEDGER = "ledger";
    public static final String FUNDING_PAYMENTS = "funding-payments";
    public static final String DEAD_LETTERS = FileSinks.DEAD_LETTERS;
    public static final String TRADE_GAPS = FileSinks.TRADE_GAPS;

    private BacktestSinks() {}

    /**
     * Sinks for the targets, fills, ledger, funding payments, dead letters and trade gaps of
     * {@code out};
     * operator uids {@code sink-<file>} and {@code iceberg-<table>} ({@link TableOutputs#backtest}).
     */
    public static void attach(TopologyOutputs out, String folder, CatalogSpec catalog,
            String runId) {
        TableOutputs.backtest(catalog, runId).attach(out);
        List<String> print = List.of();
        FileSinks.json(out.targetPositions, folder, TARGET_POSITIONS, print);
        FileSinks.json(out.fills, folder, FILLS, print);
        FileSinks.json(out.ledger, folder, LEDGER, print);
        FileSinks.json(out.fundingPayments, folder, FUNDING_PAYMENTS, print);
        FileSinks.json(out.tradeGaps, folder, TRADE_GAPS, print);
        FileSinks.json(FileSinks.counted(out.deadLetters), folder, DEAD_LETTERS, print);
    }
}
