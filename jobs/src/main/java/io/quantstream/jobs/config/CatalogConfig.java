package io.quantstream.jobs.config;

import io.quantstream.connectors.iceberg.CatalogSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code catalog:} section of a job config: where the Iceberg tables live. Blank values mean
 * the embedded default, Iceberg's JDBC catalog on a SQLite file in the warehouse folder
 * {@code .quantstream/warehouse} of the project; {@code --catalog.warehouse DIR} points a command
 * at another warehouse. Secrets (a database password) go in {@link #properties} as
 * {@code ${env:NAME}}, read from the environment.
 */
public class CatalogConfig {
    /** {@code jdbc} (default), {@code hadoop} (not safe for concurrent writers on a local disk) or {@code rest}. */
    public String type = "jdbc";
    /** JDBC URL ({@code jdbc:postgresql://host:5432/db}) or REST endpoint; blank = SQLite in the warehouse. */
    public String uri = "";
    /** Warehouse folder or URI; blank = {@code .quantstream/warehouse} in the project folder. */
    public String warehouse = "";
    /** Extra Iceberg catalog properties, e.g. {@code jdbc.user}, {@code io-impl}. */
    public Map<String, String> properties = new LinkedHashMap<>();

    /**
     * This section as a spec: a blank warehouse is {@link CatalogSpec#DEFAULT_WAREHOUSE} in
     * {@code projectHome} (but for a REST catalog, which needs none).
     */
    public CatalogSpec spec(Path projectHome) {
        String folder = warehouse.isBlank() && !"rest".equalsIgnoreCase(type)
                ? projectHome.resolve(CatalogSpec.DEFAULT_WAREHOUSE).toString()
                : warehouse;
        return new CatalogSpec(type, uri, folder, properties);
    }
}
