package io.quantstream.connectors.iceberg.load;

import static io.quantstream.connectors.iceberg.ColumnTypes.epochMillis;
import static io.quantstream.connectors.iceberg.ColumnTypes.time;

import io.quantstream.connectors.iceberg.QuantstreamTables;
import io.quantstream.connectors.iceberg.SmallAppends;
import io.quantstream.connectors.iceberg.TableDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Which archive files are loaded: the rows of {@code market.load_log} plus the load snapshots of
 * the market tables. The snapshot summary is the record that commits atomically with the rows;
 * {@code load_log} keeps it once maintenance has expired the snapshot, and is brought up to date
 * ({@link #reconcile}) at the start of every load, which also repairs a load killed between its
 * data commit and its log commit.
 */
final class LoadLog {

    /** Tables the loader writes. */
    private static final List<TableDefinition> DATA_TABLES = List.of(QuantstreamTables.TRADES,
            QuantstreamTables.KLINES, QuantstreamTables.MARK_PRICE_KLINES, QuantstreamTables.FUNDING_RATES);

    private final Catalog catalog;

    LoadLog(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Every loaded file by table and key, after writing to {@code load_log} the ones only the
     * snapshots recorded.
     */
    Map<String, LoadedFile> reconcile() {
        Map<String, LoadedFile> logged = logged();
        List<LoadedFile> missing = new ArrayList<>();
        for (TableDefinition definition : DATA_TABLES) {
            Table table = catalog.loadTable(definition.identifier());
            for (Snapshot snapshot : table.snapshots()) {
                LoadedFile file = LoadedFile.fromSummary(definition.name(), snapshot.snapshotId(),
                        snapshot.timestampMillis(), snapshot.summary());
                if (file != null && !logged.containsKey(id(file))) {
                    logged.put(id(file), file);
                    missing.add(file);
                }
            }
        }
        append(missing);
        return logged;
    }

    /** Adds {@code files} to {@code load_log} in one commit (none: no commit). */
    void append(Collection<LoadedFile> files) {
        Table table = catalog.loadTable(QuantstreamTables.LOAD_LOG.identifier());
        SmallAppends.append(table, files.stream().map(f -> record(table, f)).toList());
    }

    private Map<String, LoadedFile> logged() {
        Table table = catalog.loadTable(QuantstreamTables.LOAD_LOG.identifier());
        Map<String, LoadedFile> files = new LinkedHashMap<>();
        try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
            for (Record r : rows) {
                LoadedFile f = new LoadedFile((String) r.getField("table_name"),
                        (String) r.getField("file_key"), (String) r.getField("file_name"),
                        (String) r.getField("source"), (Long) r.getField("size_bytes"),
                        (String) r.getField("sha256"), (Boolean) r.getField("checksum_verified"),
                        (String) r.getField("market"), (String) r.getField("symbol"),
                        (String) r.getField("interval"),
                        epochMillis((OffsetDateTime) r.getField("covers_from")),
                        epochMillis((OffsetDateTime) r.getField("covers_to")),
                        (Long) r.getField("rows"), (Long) r.getField("snapshot_id"),
                        epochMillis((OffsetDateTime) r.getField("loaded_at")));
                files.put(id(f), f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + QuantstreamTables.LOAD_LOG.name(), e);
        }
        return files;
    }

    /** Identity of a loaded file across tables: {@code table|key}. */
    static String id(LoadedFile file) {
        return id(file.tableName(), file.fileKey());
    }

    static String id(String table, String key) {
        return table + "|" + key;
    }

    private static Record record(Table table, LoadedFile f) {
        GenericRecord r = GenericRecord.create(table.schema());
        r.setField("table_name", f.tableName());
        r.setField("file_key", f.fileKey());
        r.setField("file_name", f.fileName());
        r.setField("source", f.source());
        r.setField("size_bytes", f.sizeBytes());
        r.setField("sha256", f.sha256());
        r.setField("checksum_verified", f.checksumVerified());
        r.setField("market", f.market());
        r.setField("symbol", f.symbol());
        r.setField("interval", f.interval());
        r.setField("covers_from", time(f.coversFrom()));
        r.setField("covers_to", time(f.coversTo()));
        r.setField("rows", f.rows());
        r.setField("snapshot_id", f.snapshotId());
        r.setField("loaded_at", time(f.loadedAt()));
        return r;
    }
}
