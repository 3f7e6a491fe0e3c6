package io.quantstream.connectors.iceberg.sink;

import io.quantstream.connectors.iceberg.CatalogSpec;
import java.util.Objects;

/**
 * Where and how {@link TableSink} appends a stream to a table.
 *
 * @param catalog the catalog holding the quantstream tables (the job config's {@code catalog:})
 * @param uid stable and unique within the job, e.g. {@code iceberg-klines}: the sink's operators
 *     take their uids from it (the committer's state holds the files of checkpoints not yet
 *     committed, so changing it across a restore loses them)
 * @param maintenance compaction and snapshot expiry after the commits of a STREAMING job
 *     ({@link TableMaintenanceSpec#NONE} for none; BATCH jobs never run it)
 */
public record TableSinkSpec(CatalogSpec catalog, String uid, TableMaintenanceSpec maintenance) {

    public TableSinkSpec {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(uid, "uid");
        maintenance = maintenance == null ? TableMaintenanceSpec.NONE : maintenance;
    }
}
