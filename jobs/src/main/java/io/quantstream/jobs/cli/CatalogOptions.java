package io.quantstream.jobs.cli;

import io.quantstream.connectors.iceberg.CatalogSpec;
import io.quantstream.jobs.config.ConfigLoader;
import java.io.File;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Which Iceberg catalog a command reads or writes: the {@code catalog:} section of
 * {@code --config}, with the command's {@code --catalog.KEY value} overrides on top (default:
 * the JDBC catalog on SQLite in {@code .quantstream/warehouse}).
 */
final class CatalogOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config whose catalog: section to use.")
    File config;

    CatalogSpec spec(List<String> overrides) {
        return ConfigLoader.load(config == null ? null : config.toPath(), overrides).catalog.spec();
    }
}
