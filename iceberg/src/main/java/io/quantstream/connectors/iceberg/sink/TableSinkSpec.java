package io.quantstream.connectors.iceberg.sink;

import io.quantstream.connectors.iceberg.CatalogSpec;
import java.util.Objects;

/**
 * Where {@link TableSink} appends a stream: the catalog and the uid of the sink's operators.
 *
 * @param catalog the catalog holding the quantstream tables (the job config's {@code catalog:})
 * @param uid stable and unique within the job, e.g. {@code iceberg-market.klines}: the sink's
 *     operators take their uids from it (the committer's state holds the files of checkpoints not
 *     yet committed, so changing it across a restore loses them)
 */
public record TableSinkSpec(CatalogSpec catalog, String uid) {

    public TableSinkSpec {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(uid, "uid");
    }
}
