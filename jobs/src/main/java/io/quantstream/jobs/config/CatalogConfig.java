package io.quantstream.jobs.config;

import io.quantstream.connectors.iceberg.CatalogSpec;
import java.nio.file.Paths;
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
     * This section as a spec: a blank warehouse is the project's embedded one, under the folder
     * {@code bin/quantstream} passes as {@code quantstream.home} (else the working directory; a
     * job on a cluster should name its warehouse).
     */
    public CatalogSpec spec() {
        String folder = warehouse.isBlank() && !"rest".equalsIgnoreCase(type)
                ? Paths.get(System.getProperty("quantstream.home", "."), CatalogSpec.DEFAULT_WAREHOUSE)
                        .toAbsolutePath().normalize().toString()
                : warehouse;
        return new CatalogSpec(type, uri, folder, properties);
    }
}
