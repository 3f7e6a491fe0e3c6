package io.quantstream.connectors.iceberg;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * One quantstream table as created in the catalog: name, schema, partitioning, sort order and
 * the queries they were chosen for (documented in {@code sql/README.md}).
 *
 * @param identifier {@code namespace.table}, e.g. {@code market.klines}
 * @param schema columns, Binance field names in snake_case
 * @param spec partitioning
 * @param sortOrder order of rows within data files (writers and compaction follow it)
 * @param purpose what the layout serves, one sentence
 */
public record TableDefinition(
        TableIdentifier identifier, Schema schema, PartitionSpec spec, SortOrder sortOrder,
        String purpose) {

    /** Properties every quantstream table is created with. */
    public static final Map<String, String> PROPERTIES = Map.of(
            "format-version", "2",
            "write.format.default", "parquet",
            "write.parquet.compression-codec", "zstd",
            // one commit per loaded file: keep the metadata folder from growing with every commit
            "write.metadata.delete-after-commit.enabled", "true",
            "write.metadata.previous-versions-max", "50");

    /** {@code namespace.table}. */
    public String name() {
        return identifier.toString();
    }
}
