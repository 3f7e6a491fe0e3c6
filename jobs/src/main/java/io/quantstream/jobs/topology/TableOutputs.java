package io.quantstream.jobs.topology;

import io.quantstream.connectors.iceberg.CatalogSpec;
import io.quantstream.connectors.iceberg.ModelRows;
import io.quantstream.connectors.iceberg.QuantstreamTables;
import io.quantstream.connectors.iceberg.TableDefinition;
import io.quantstream.connectors.iceberg.TableRows;
import io.quantstream.connectors.iceberg.sink.TableSink;
import io.quantstream.connectors.iceberg.sink.TableSinkSpec;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.model.DeadLetter;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The Iceberg tables a job on Kafka writes besides its topics ({@code iceberg.tables} of the
 * config, in {@code catalog:}): each table the config names and the job produces a stream for
 * gets it appended exactly once ({@link TableSink}; uid {@code iceberg-<table>}), and the
 * records a table cannot take join the job's dead letters (stage {@code iceberg}).
 *
 * <pre>{@code
 * TableOutputs.of(config).attach(out);   // before OutputSinks.attach(out)
 * }</pre>
 *
 * <p>Target positions carry {@code iceberg.runId} (default: the config's {@code name}) as their
 * {@code run_id}; live factors have none ({@code run_id} null, as {@code sql/README.md} says).
 * Partial roll-ups are not klines of the table.
 */
public final class TableOutputs {

    private final List<String> tables;
    private final CatalogSpec catalog;
    private final String runId;

    private TableOutputs(List<String> tables, CatalogSpec catalog, String runId) {
        this.tables = tables;
        this.catalog = catalog;
        this.runId = runId;
    }

    /** The tables of {@code config} (checked by {@code ConfigValidator.validateKafkaJob}). */
    public static TableOutputs of(JobConfig config) {
        String runId = config.iceberg.runId.isBlank() ? config.name : config.iceberg.runId;
        return new TableOutputs(List.copyOf(config.iceberg.tables), config.catalog.spec(), runId);
    }

    /**
     * A backtest's tables: {@code trading.target_positions}, {@code trading.fills} and
     * {@code trading.equity} (the ledger), every row tagged with {@code runId}.
     */
    public static TableOutputs backtest(CatalogSpec catalog, String runId) {
        return new TableOutputs(List.of(QuantstreamTables.TARGET_POSITIONS.name(),
                QuantstreamTables.FILLS.name(), QuantstreamTables.EQUITY.name()), catalog, runId);
    }

    /** Appends the configured streams of {@code out} to their tables; adds their dead letters to it. */
    public void attach(TopologyOutputs out) {
        append(out, out.trades, QuantstreamTables.TRADES, ModelRows.trades());
        append(out, out.klines, QuantstreamTables.KLINES, ModelRows.klines());
        append(out, out.factors, QuantstreamTables.FACTORS, ModelRows.factors(null));
        append(out, out.targetPositions, QuantstreamTables.TARGET_POSITIONS, ModelRows.targetPositions(runId));
        append(out, out.fills, QuantstreamTables.FILLS, ModelRows.fills(runId));
        append(out, out.ledger, QuantstreamTables.EQUITY, ModelRows.equity(runId));
    }

    private <T> void append(TopologyOutputs out, DataStream<T> stream, TableDefinition table, TableRows<T> rows) {
        if (stream == null || !tables.contains(table.name())) {
            return;
        }
        DataStream<DeadLetter> rejected = TableSink.append(stream, rows,
                new TableSinkSpec(catalog, "iceberg-" + table.name()));
        out.deadLetters = Streams.union(out.deadLetters, rejected);
    }
}
