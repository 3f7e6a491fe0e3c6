package io.quantstream.connectors.iceberg.maintenance;

import io.quantstream.connectors.iceberg.CatalogSpec;
import io.quantstream.connectors.iceberg.IcebergCatalogs;
import io.quantstream.connectors.iceberg.TableDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.maintenance.api.ExpireSnapshots;
import org.apache.iceberg.flink.maintenance.api.RewriteDataFiles;
import org.apache.iceberg.flink.maintenance.api.TableMaintenance;

/**
 * Adds Iceberg's Flink {@code TableMaintenance} of one table to a streaming job: a source that
 * watches the table's new snapshots (whoever commits them), compaction and snapshot expiry as
 * {@link TableMaintenanceSpec} says, one run at a time under a lock kept by the job itself.
 *
 * <pre>{@code
 * TableMaintenanceTasks.add(env, catalogSpec, QuantstreamTables.KLINES, TableMaintenanceSpec.DEFAULTS);
 * env.execute("maintenance");
 * }</pre>
 *
 * <p>Iceberg's maintenance operators pass their own records (triggers, table changes, task
 * results) as generic types: the job needs {@code pipeline.generic-types: true}, so it runs on
 * its own, apart from the jobs that write the tables (which keep Kryo off). Maintain a table in
 * one job only: the lock is not shared between jobs. Operator uids end in the table's name.
 */
public final class TableMaintenanceTasks {

    private TableMaintenanceTasks() {}

    /**
     * @throws IllegalArgumentException when the catalog spec has problems
     * @throws UncheckedIOException when the table cannot be loaded
     */
    public static void add(StreamExecutionEnvironment env, CatalogSpec catalog, TableDefinition table,
            TableMaintenanceSpec spec) {
        TableLoader loader = TableLoader.fromCatalog(IcebergCatalogs.loader(catalog), table.identifier());
        try {
            TableMaintenance.forTable(env, loader)
                    .uidSuffix("maintenance-" + table.name())
                    .rateLimit(spec.rateLimit())
                    .add(RewriteDataFiles.builder()
                            .scheduleOnDataFileCount(spec.rewriteAfterFiles())
                            .scheduleOnInterval(spec.rewriteInterval())
                            .minInputFiles(spec.rewriteMinInputFiles()))
                    .add(ExpireSnapshots.builder()
                            .scheduleOnInterval(spec.expireInterval())
                            .maxSnapshotAge(spec.maxSnapshotAge())
                            .retainLast(spec.retainLast()))
                    .append();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up the maintenance of " + table.name(), e);
        }
    }
}
