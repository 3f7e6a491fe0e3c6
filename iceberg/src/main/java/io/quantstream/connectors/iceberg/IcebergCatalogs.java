package io.quantstream.connectors.iceberg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ShutdownHookManager;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.flink.CatalogLoader;

/**
 * Opens the catalog a {@link CatalogSpec} names, with every quantstream table in it.
 *
 * <pre>{@code
 * Catalog catalog = IcebergCatalogs.open(CatalogSpec.embedded(Path.of(".quantstream/warehouse")));
 * Table klines = catalog.loadTable(QuantstreamTables.KLINES.identifier());
 * }</pre>
 *
 * <p>The JDBC and REST catalogs hold connections: close them ({@code (AutoCloseable) catalog})
 * when done.
 */
public final class IcebergCatalogs {

    /** SQLite waits this long for another writer's lock instead of failing at once. */
    private static final String SQLITE_BUSY_TIMEOUT_MS = "30000";

    static {
        initHadoopShutdownHooks();
    }

    private IcebergCatalogs() {}

    /**
     * Hadoop's file systems close at JVM exit through Hadoop's {@link ShutdownHookManager}, whose
     * hook thread is made when that class initializes and keeps the context class loader of the
     * thread that made it, through which it reads its configuration at exit. Made from a job's
     * {@code main} under {@code flink run}, that is Flink's user-code class loader, closed once the
     * program has run: the hook then failed with "Trying to access closed classloader" after every
     * {@code flink run} of a job that opens the catalog. Made here with Hadoop's own class loader
     * (Flink's lib/ on a cluster), the hook outlives the program.
     */
    private static void initHadoopShutdownHooks() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(ShutdownHookManager.class.getClassLoader());
        try {
            ShutdownHookManager.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * The catalog, its local warehouse folder created when missing, and the quantstream tables
     * created in it when missing ({@link QuantstreamTables#createMissing}).
     *
     * @throws IllegalArgumentException listing {@link CatalogSpec#problems()} when there are any
     */
    public static Catalog open(CatalogSpec spec) {
        Map<String, String> props = properties(spec);
        Catalog catalog = CatalogUtil.buildIcebergCatalog(CatalogSpec.CATALOG_NAME, props, new Configuration());
        QuantstreamTables.createMissing(catalog);
        return catalog;
    }

    /**
     * A serializable loader of the catalog for Flink operators (the Iceberg sinks' writers and
     * committers open it on the task managers). Does not create tables: {@link #open} first.
     *
     * @throws IllegalArgumentException listing {@link CatalogSpec#problems()} when there are any
     */
    public static CatalogLoader loader(CatalogSpec spec) {
        Map<String, String> props = properties(spec);
        return CatalogLoader.custom(CatalogSpec.CATALOG_NAME, props, new Configuration(),
                props.get(CatalogProperties.CATALOG_IMPL));
    }

    private static Map<String, String> properties(CatalogSpec spec) {
        if (!spec.problems().isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", spec.problems()));
        }
        Map<String, String> props = new HashMap<>();
        String warehouse = localFolder(spec.warehouse());
        if (!warehouse.isBlank()) {
            props.put(CatalogProperties.WAREHOUSE_LOCATION, warehouse);
        }
        switch (spec.type()) {
            case "jdbc":
                props.put(CatalogProperties.CATALOG_IMPL, CatalogUtil.ICEBERG_CATALOG_JDBC);
                String uri = spec.uri().isBlank()
                        ? "jdbc:sqlite:" + Path.of(warehouse, "catalog.db") : spec.uri();
                props.put(CatalogProperties.URI, uri);
                // the current schema of the catalog's own tables (with views)
                props.put("jdbc.schema-version", "V1");
                if (uri.startsWith("jdbc:sqlite:")) {
                    props.put("jdbc.busy_timeout", SQLITE_BUSY_TIMEOUT_MS);
                }
                break;
            case "hadoop":
                props.put(CatalogProperties.CATALOG_IMPL, CatalogUtil.ICEBERG_CATALOG_HADOOP);
                break;
            default:
                props.put(CatalogProperties.CATALOG_IMPL, CatalogUtil.ICEBERG_CATALOG_REST);
                props.put(CatalogProperties.URI, spec.uri());
                break;
        }
        props.putAll(spec.resolvedProperties());
        return props;
    }

    /** A warehouse without a URI scheme is a local folder: made absolute and created. */
    private static String localFolder(String warehouse) {
        if (warehouse.isBlank()) {
            return warehouse;
        }
        String scheme = warehouse.contains("://") ? URI.create(warehouse).getScheme() : null;
        if (scheme != null && !scheme.equals("file")) {
            return warehouse;
        }
        Path folder = scheme == null ? Path.of(warehouse) : Path.of(URI.create(warehouse));
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the warehouse folder " + folder, e);
        }
        return folder.toAbsolutePath().normalize().toString();
    }
}
