package io.quantstream.connectors.iceberg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh embedded catalog (JDBC on SQLite + a local warehouse, as {@code bin/quantstream} uses
 * by default) for every test: {@code @RegisterExtension EmbeddedCatalog catalog = new EmbeddedCatalog();}.
 */
public final class EmbeddedCatalog implements BeforeEachCallback, AfterEachCallback {

    private Path warehouse;
    private Catalog catalog;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        warehouse = Files.createTempDirectory("quantstream-warehouse");
        catalog = IcebergCatalogs.open(spec());
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (catalog instanceof AutoCloseable closeable) {
            closeable.close();
        }
        try (var walk = Files.walk(warehouse)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    public Catalog catalog() {
        return catalog;
    }

    public Path warehouse() {
        return warehouse;
    }

    public CatalogSpec spec() {
        return CatalogSpec.embedded(warehouse);
    }

    /** The table, freshly loaded (sees every commit so far). */
    public Table table(TableDefinition table) {
        return catalog.loadTable(table.identifier());
    }

    /** Every row of the table at its current snapshot. */
    public List<Record> rows(TableDefinition table) throws IOException {
        List<Record> rows = new ArrayList<>();
        try (CloseableIterable<Record> read = IcebergGenerics.read(table(table)).build()) {
            read.forEach(r -> rows.add(r.copy()));
        }
        return rows;
    }
}
