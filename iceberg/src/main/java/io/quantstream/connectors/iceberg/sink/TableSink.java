package io.quantstream.connectors.iceberg.sink;

import io.quantstream.connectors.iceberg.IcebergCatalogs;
import io.quantstream.connectors.iceberg.TableColumns;
import io.quantstream.connectors.iceberg.TableRows;
import io.quantstream.model.DeadLetter;
import io.quantstream.model.DeadLetters;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.iceberg.DistributionMode;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.sink.IcebergSink;

/**
 * Appends a stream of model records to its quantstream table with Iceberg's Flink sink, exactly
 * once: data files are written as records arrive and committed, in one Iceberg snapshot per
 * checkpoint, when the checkpoint completes (in BATCH: once, when the input ends). Rows of a
 * failed attempt after its last checkpoint are never committed; after a restore the committer
 * finds which checkpoints are committed from the table's snapshots and commits the others once.
 *
 * <pre>{@code
 * DataStream<DeadLetter> rejected = TableSink.append(klines, ModelRows.klines(),
 *         new TableSinkSpec(catalogSpec, "iceberg-market.klines"));
 * }</pre>
 *
 * <p>The sink is Iceberg's {@link IcebergSink} (Flink's Sink V2 API). Iceberg's default,
 * {@code FlinkSink}, passes its write results between operators as a generic type, which the
 * jobs' {@code pipeline.generic-types: false} refuses; {@code IcebergSink} serializes its
 * committables itself. Rows are distributed to the writers by partition ({@code hash}), so a
 * checkpoint writes one file per partition it touched, not one per writer and partition; the
 * small files that still accumulate are compacted by {@code TableMaintenanceJob}
 * ({@link io.quantstream.connectors.iceberg.maintenance.TableMaintenanceSpec}).
 *
 * <p>Never run it with unaligned checkpoints: the committer then loses rows written after a
 * checkpoint barrier (apache/iceberg#15846); {@code append} refuses an environment that enables
 * them.
 *
 * <p>A record that does not fit its table (a decimal with more decimals or digits than the
 * column keeps, null in a required column) is not written: it is returned as a dead letter
 * ({@link TableRowFunction}). The uids are {@code <uid>-rows} (the conversion) and Iceberg's
 * {@code Sink writer: <uid>}, {@code Sink Committer: <uid>}, etc.
 */
public final class TableSink {

    /** Why an Iceberg sink refuses unaligned checkpoints, worded for users. */
    public static final String UNALIGNED_CHECKPOINTS = "Iceberg sinks must not run with unaligned"
            + " checkpoints (execution.checkpointing.unaligned.enabled): Iceberg's committer then"
            + " loses rows written after a checkpoint barrier (apache/iceberg#15846)";

    private TableSink() {}

    /**
     * Appends {@code records} as {@code rows} says to its table (created in the catalog when
     * missing); returns the records the table could not take, as dead letters.
     *
     * @throws IllegalArgumentException when the catalog spec has problems
     * @throws IllegalStateException when the environment enables unaligned checkpoints
     */
    public static <T> DataStream<DeadLetter> append(DataStream<T> records, TableRows<T> rows,
            TableSinkSpec spec) {
        if (records.getExecutionEnvironment().getConfiguration().get(CheckpointingOptions.ENABLE_UNALIGNED)) {
            throw new IllegalStateException(UNALIGNED_CHECKPOINTS);
        }
        createTables(spec);
        TableColumns columns = TableColumns.of(rows.table());
        SingleOutputStreamOperator<RowData> rowData = records
                .process(new TableRowFunction<>(rows), InternalTypeInfo.of(columns.rowType()))
                .uid(spec.uid() + "-rows")
                .name("rows of " + rows.table().name())
                .setParallelism(records.getParallelism());
        IcebergSink.forRowData(rowData)
                .tableLoader(TableLoader.fromCatalog(IcebergCatalogs.loader(spec.catalog()),
                        rows.table().identifier()))
                .uidSuffix(spec.uid())
                .distributionMode(DistributionMode.HASH)
                .writeParallelism(records.getParallelism())
                .append();
        return rowData.getSideOutput(DeadLetters.TAG);
    }

    private static void createTables(TableSinkSpec spec) {
        Catalog catalog = IcebergCatalogs.open(spec.catalog());
        if (catalog instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close the catalog " + spec.catalog(), e);
            }
        }
    }
}
