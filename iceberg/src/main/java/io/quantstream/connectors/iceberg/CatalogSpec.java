package io.quantstream.connectors.iceberg;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the quantstream tables live: the {@code catalog:} section of a job config.
 *
 * <pre>{@code
 * catalog:
 *   type: jdbc                                  # jdbc (default) | hadoop | rest
 *   warehouse: .quantstream/warehouse           # data and metadata files
 *   uri: jdbc:postgresql://db:5432/iceberg      # default for jdbc: SQLite file <warehouse>/catalog.db
 *   properties: {jdbc.user: iceberg, jdbc.password: ${env:ICEBERG_DB_PASSWORD}}
 * }</pre>
 *
 * <p>The embedded default is Iceberg's JDBC catalog on a SQLite file inside the warehouse
 * folder, so the folder is the whole store and {@code --catalog.warehouse DIR} points a command
 * at another one. A Hadoop catalog keeps its metadata in the warehouse's file system and is not
 * safe for concurrent writers on a local file system (the loader, live sinks and maintenance
 * write concurrently); the JDBC catalog (SQLite or PostgreSQL) is. {@code properties} go to
 * Iceberg as catalog properties; a value {@code ${env:NAME}} is read from the environment
 * (secrets never live in config files).
 *
 * @param type {@code jdbc}, {@code hadoop} or {@code rest}
 * @param uri JDBC URL or REST endpoint; blank for the SQLite default (jdbc) or none (hadoop)
 * @param warehouse a local folder or a file-system URI ({@code s3://…}); required but for rest
 * @param properties extra Iceberg catalog properties
 */
public record CatalogSpec(String type, String uri, String warehouse, Map<String, String> properties) {

    /** Catalog types. */
    public static final List<String> TYPES = List.of("jdbc", "hadoop", "rest");

    /** Name of the catalog; the JDBC catalog stores it with every table, so SQL uses it too. */
    public static final String CATALOG_NAME = "quantstream";

    /** Warehouse of the embedded default, under the project folder. */
    public static final String DEFAULT_WAREHOUSE = ".quantstream/warehouse";

    public CatalogSpec {
        type = type == null || type.isBlank() ? "jdbc" : type.trim().toLowerCase(Locale.ROOT);
        uri = uri == null ? "" : uri.trim();
        warehouse = warehouse == null ? "" : warehouse.trim();
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /** The embedded default: JDBC catalog on SQLite in {@code warehouse}. */
    public static CatalogSpec embedded(Path warehouse) {
        return new CatalogSpec("jdbc", "", warehouse.toString(), Map.of());
    }

    /**
     * Every mistake in this spec, worded for users ({@code catalog.type: …}); empty when the
     * catalog can be opened.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!TYPES.contains(type)) {
            problems.add("catalog.type: unknown catalog type '" + type + "' (expected one of "
                    + String.join(", ", TYPES) + ")");
        }
        if (warehouse.isBlank() && !type.equals("rest")) {
            problems.add("catalog.warehouse: a " + type + " catalog needs a warehouse folder or URI");
        }
        if (type.equals("rest") && uri.isBlank()) {
            problems.add("catalog.uri: a rest catalog needs the REST endpoint, e.g. http://host:8181");
        }
        if (type.equals("jdbc") && !uri.isBlank() && !uri.startsWith("jdbc:")) {
            problems.add("catalog.uri: '" + uri + "' is not a JDBC URL (jdbc:sqlite:FILE or"
                    + " jdbc:postgresql://HOST:PORT/DB)");
        }
        for (Map.Entry<String, String> p : properties.entrySet()) {
            String name = envName(p.getValue());
            if (name != null && System.getenv(name) == null) {
                problems.add("catalog.properties." + p.getKey() + ": environment variable " + name
                        + " is not set");
            }
        }
        return problems;
    }

    /** {@link #properties} with {@code ${env:NAME}} values read from the environment. */
    Map<String, String> resolvedProperties() {
        Map<String, String> resolved = new LinkedHashMap<>();
        properties.forEach((k, v) -> {
            String name = envName(v);
            resolved.put(k, name == null ? v : System.getenv(name));
        });
        return resolved;
    }

    private static String envName(String value) {
        return value != null && value.startsWith("${env:") && value.endsWith("}")
                ? value.substring(6, value.length() - 1) : null;
    }

    @Override
    public String toString() {
        return type + " catalog" + (uri.isBlank() ? "" : " " + uri)
                + (warehouse.isBlank() ? "" : ", warehouse " + warehouse);
    }
}
