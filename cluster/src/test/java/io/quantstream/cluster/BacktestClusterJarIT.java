package io.quantstream.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a researcher gets from {@code flink run} of {@code BacktestJob} on a standalone cluster:
 * the job jar, submitted to the cluster of the Flink home assembled from Maven Central (Iceberg
 * in its lib/), reads the history {@code bin/quantstream load} put into an Iceberg warehouse,
 * writes its records and {@code trading.*} rows, and the client writes the report and the run's
 * row: all equal to those of the same backtest run locally by {@code bin/quantstream backtest}
 * (its own MiniCluster) on the same warehouse. Logs and both report folders stay in
 * {@code target/backtest-cluster-it/}.
 */
class BacktestClusterJarIT {

    private static final Path LOG_DIR = Paths.get("target", "backtest-cluster-it").toAbsolutePath();
    private static final List<String> SYMBOLS = List.of("DOTUSDT", "LINKUSDT");
    /** The backtest's settings on top of config/backtest.yaml: two instruments, a week. */
    private static final List<String> SETTINGS = List.of("--universe.symbols", String.join(",", SYMBOLS),
            "--backtest.from", "2026-02-01", "--backtest.to", "2026-02-07");
    /** Report files of both runs that must hold the same lines. */
    private static final List<String> REPORT_FILES = List.of("target-positions.jsonl", "fills.jsonl",
            "ledger.jsonl", "equity.csv", "fills.csv", "funding.csv", "stats.json", "report.html");

    private static StandaloneCluster cluster;

    @TempDir static Path work;

    @BeforeAll
    static void startClusterAndLoadKlines() throws Exception {
        cluster = StandaloneCluster.start(LOG_DIR);
        QuantstreamCommand.loadFebruaryKlines(cluster, warehouse(), SYMBOLS);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.stop();
    }

    @Test
    void flinkRunOfTheBacktestJobGivesTheLocalBacktestsRecordsRowsAndReport() throws Exception {
        Path onCluster = LOG_DIR.resolve("on-cluster");
        Path local = LOG_DIR.resolve("local");
        delete(onCluster);
        delete(local);

        List<String> submit = new ArrayList<>(List.of("run", "-c", "io.quantstream.jobs.BacktestJob",
                System.getProperty("quantstream.jobJar"), "--config", config(),
                "--catalog.warehouse", warehouse().toString(), "--backtest.output", onCluster.toString()));
        submit.addAll(SETTINGS);
        Path client = LOG_DIR.resolve("flink-cluster.out");
        long before = Files.size(client);
        assertThat(cluster.flinkCluster(submit, 300)).as("flink run exit code; see %s", client).isZero();
        // before: Hadoop's shutdown hook, made in the job's main, failed on Flink's closed
        // user-code class loader at the client's exit ("Trying to access closed classloader")
        byte[] printed = Files.readAllBytes(client);
        assertThat(new String(printed, (int) before, printed.length - (int) before, StandardCharsets.UTF_8))
                .as("what flink run printed").contains("backtest ").doesNotContain("Exception");

        List<String> backtest = new ArrayList<>(List.of("backtest", "--config", config(), "--no-web-ui",
                "--catalog.warehouse", warehouse().toString(), "--output", local.toString()));
        backtest.addAll(SETTINGS);
        Path localOut = LOG_DIR.resolve("local-backtest.out");
        assertThat(cluster.run(QuantstreamCommand.of(backtest), Map.of(), localOut, 300))
                .as("quantstream backtest; see %s", localOut).isZero();

        for (String file : REPORT_FILES) {
            assertThat(sorted(onCluster.resolve(file))).as(file).isEqualTo(sorted(local.resolve(file)));
        }
        // a week of hourly targets for both instruments
        assertThat(Files.readAllLines(onCluster.resolve("target-positions.jsonl"))).hasSize(2 * 7 * 24);

        Catalog catalog = catalog();
        Map<String, String> runs = runIds(catalog);
        String clusterRun = runs.get(onCluster.toString());
        String localRun = runs.get(local.toString());
        assertThat(clusterRun).as("the cluster run's row in trading.backtest_runs").isNotNull();
        assertThat(localRun).as("the local run's row in trading.backtest_runs").isNotNull().isNotEqualTo(clusterRun);
        for (String table : List.of("target_positions", "fills", "equity")) {
            List<String> fromCluster = rows(catalog, table, clusterRun);
            assertThat(fromCluster).as("trading." + table).isNotEmpty()
                    .isEqualTo(rows(catalog, table, localRun));
        }
        assertThat(rows(catalog, "target_positions", clusterRun)).hasSize(2 * 7 * 24);
    }

    /** Removes a report folder of an earlier run (they stay for reading after a failure). */
    private static void delete(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static List<String> sorted(Path file) throws IOException {
        return Files.readAllLines(file).stream().sorted().toList();
    }

    /** Report folder → run id, from {@code trading.backtest_runs}. */
    private static Map<String, String> runIds(Catalog catalog) throws IOException {
        Map<String, String> runs = new HashMap<>();
        Table table = catalog.loadTable(TableIdentifier.of("trading", "backtest_runs"));
        try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
            rows.forEach(r -> runs.put((String) r.getField("report_path"), (String) r.getField("run_id")));
        }
        return runs;
    }

    /** The run's rows of {@code trading.<table>}, every column but {@code run_id}, sorted. */
    private static List<String> rows(Catalog catalog, String table, String runId) throws IOException {
        Table t = catalog.loadTable(TableIdentifier.of("trading", table));
        List<String> rows = new ArrayList<>();
        try (CloseableIterable<Record> read = IcebergGenerics.read(t)
                .where(Expressions.equal("run_id", runId)).build()) {
            for (Record r : read) {
                StringBuilder row = new StringBuilder();
                for (Types.NestedField column : t.schema().columns()) {
                    if (!column.name().equals("run_id")) {
                        row.append(column.name()).append('=').append(r.getField(column.name())).append(' ');
                    }
                }
                rows.add(row.toString());
            }
        }
        rows.sort(null);
        return rows;
    }

    /**
     * The warehouse's catalog, opened with Iceberg's own JDBC catalog as the project documents it
     * ({@code <warehouse>/catalog.db}, SQLite): a reader apart from the job's.
     */
    private static Catalog catalog() {
        Map<String, String> props = Map.of(
                CatalogProperties.CATALOG_IMPL, CatalogUtil.ICEBERG_CATALOG_JDBC,
                CatalogProperties.URI, "jdbc:sqlite:" + warehouse().resolve("catalog.db"),
                CatalogProperties.WAREHOUSE_LOCATION, warehouse().toString(),
                "jdbc.schema-version", "V1");
        return CatalogUtil.buildIcebergCatalog("quantstream", props, new Configuration());
    }

    private static Path warehouse() {
        return work.resolve("warehouse");
    }

    private static String config() {
        return Paths.get("..", "config", "backtest.yaml").toAbsolutePath().normalize().toString();
    }
}
