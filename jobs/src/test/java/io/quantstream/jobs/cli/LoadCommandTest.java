package io.quantstream.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.quantstream.connectors.iceberg.CatalogSpec;
import io.quantstream.connectors.iceberg.IcebergCatalogs;
import io.quantstream.connectors.iceberg.QuantstreamTables;
import io.quantstream.testing.SharedData;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/quantstream load} as the launcher runs it, in-process. */
class LoadCommandTest {

    private static final String DOT = "binance/vision/futures/um/monthly/klines/DOTUSDT/1m/DOTUSDT-1m-2026-02.csv.gz";

    @TempDir Path dir;

    @Test
    void loadIntoAnotherWarehousePrintsAProgressLineAndASummary() throws IOException {
        Path warehouse = dir.resolve("wh");
        CliRun result = CliRun.run("load", "--input", SharedData.require(DOT).toString(),
                "--catalog.warehouse", warehouse.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("loading 1 archive files into the jdbc catalog, warehouse " + warehouse)
                .contains("1/1 loaded DOTUSDT-1m-2026-02.csv.gz: 40,320 rows")
                .containsPattern("loaded 1 files \\(0 skipped, 0 failed\\): 40,320 rows, 1\\.3 MB in [0-9.]+ s,"
                        + " [0-9,]+ rows/s, [0-9.]+ MB/s");
        assertThat(warehouse.resolve("catalog.db")).as("the SQLite catalog inside the warehouse").exists();
        assertThat(rows(warehouse, QuantstreamTables.KLINES)).hasSize(40_320);

        CliRun again = CliRun.run("load", "--input", SharedData.require(DOT).toString(),
                "--catalog.warehouse", warehouse.toString());
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("1/1 skipped DOTUSDT-1m-2026-02.csv.gz: already loaded into market.klines");
        assertThat(rows(warehouse, QuantstreamTables.KLINES)).hasSize(40_320);
    }

    @Test
    void fromUrlDownloadsFundingRatesFromTheArchiveLayout() throws IOException {
        SharedData.require("binance/vision/futures/um/monthly/fundingRate/BTCUSDT/BTCUSDT-fundingRate-2026-04.zip");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Path file = SharedData.root().resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            if (file.startsWith(SharedData.root()) && Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(200, Files.size(file));
                try (OutputStream out = exchange.getResponseBody()) {
                    Files.copy(file, out);
                }
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/binance/vision";
            CliRun result = CliRun.run("load", "--from-url", base, "--symbols", "btcusdt", "--from", "2026-03",
                    "--to", "2026-04", "--kind", "fundingRate", "--download-dir", dir.resolve("dl").toString(),
                    "--catalog.warehouse", dir.resolve("wh").toString());

            assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
            assertThat(result.out())
                    .contains("not in the archive (404): " + base + "/futures/um/monthly/fundingRate/BTCUSDT/BTCUSDT-fundingRate-2026-03.zip")
                    .contains("downloaded " + base + "/futures/um/monthly/fundingRate/BTCUSDT/BTCUSDT-fundingRate-2026-04.zip (no .CHECKSUM)")
                    .contains("loaded 1 files (0 skipped, 0 failed): 90 rows");
            assertThat(rows(dir.resolve("wh"), QuantstreamTables.FUNDING_RATES)).hasSize(90);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void loadWithoutInputOrUrlSaysHowToNameTheFiles() {
        CliRun result = CliRun.run("load", "--catalog.warehouse", dir.toString());
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("name the files with --input PATH... or download them with --from-url BASE");
    }

    @Test
    void loadOnAFolderWithoutArchiveFilesSaysWhatItExpected() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "");
        CliRun result = CliRun.run("load", "--input", dir.toString(), "--catalog.warehouse", dir.resolve("wh").toString());
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.out()).contains("skipped " + dir.resolve("notes.txt") + ": not a Binance archive file");
        assertThat(result.err()).contains("no Binance archive files in [" + dir + "] (expected files such as");
    }

    @Test
    void loadWithAnUnknownCatalogTypeListsTheChoices() {
        CliRun result = CliRun.run("load", "--input", dir.toString(), "--catalog.type", "hive");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("catalog.type: unknown catalog type 'hive' (expected one of jdbc, hadoop, rest)");
    }

    @Test
    void loadOnAnInputThatDoesNotExistSaysWhatIsMissing() {
        Path missing = dir.resolve("nonexistent");
        CliRun result = CliRun.run("load", "--input", missing.toString(), "--catalog.warehouse", dir.toString());
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("no such file or folder: " + missing + " (expected Binance archive files or folders)");
    }

    /**
     * A load killed with SIGKILL while it writes the second of seven files, then run again: every
     * row once, every referenced data file complete.
     */
    @Test
    void aLoadKilledMidWayAndRerunHasEveryRowOnce() throws Exception {
        List<String> inputs = new ArrayList<>();
        for (String symbol : List.of("ALGOUSDT", "AVAXUSDT", "DOTUSDT", "FILUSDT", "LINKUSDT", "LTCUSDT", "NEARUSDT")) {
            inputs.add(SharedData.require("binance/vision/futures/um/monthly/klines/" + symbol + "/1m/"
                    + symbol + "-1m-2026-02.csv.gz").toString());
        }
        Path warehouse = dir.resolve("wh");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), QuantstreamCli.class.getName(),
                "load", "--catalog.warehouse", warehouse.toString(), "--input"));
        command.addAll(inputs);
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.contains("1/7 loaded")) {
                    child.destroyForcibly();
                    break;
                }
            }
        }
        child.waitFor();
        long committed = rows(warehouse, QuantstreamTables.KLINES).size();
        assertThat(committed).as("killed after the first file, before the last").isBetween(40_320L, 6 * 40_320L);

        List<String> rerun = new ArrayList<>(List.of("load", "--catalog.warehouse", warehouse.toString(), "--input"));
        rerun.addAll(inputs);
        CliRun result = CliRun.run(rerun.toArray(String[]::new));

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("(" + committed / 40_320 + " skipped, 0 failed)");
        List<Record> rows = rows(warehouse, QuantstreamTables.KLINES);
        Set<String> distinct = new HashSet<>();
        rows.forEach(r -> distinct.add(r.getField("symbol") + "@" + r.getField("open_time")));
        assertThat(rows).hasSize(7 * 40_320);
        assertThat(distinct).hasSize(7 * 40_320);
        assertThat(rows(warehouse, QuantstreamTables.LOAD_LOG)).hasSize(7);
    }

    private static List<Record> rows(Path warehouse, io.quantstream.connectors.iceberg.TableDefinition definition)
            throws IOException {
        Catalog catalog = IcebergCatalogs.open(CatalogSpec.embedded(warehouse));
        Table table = catalog.loadTable(definition.identifier());
        List<Record> rows = new ArrayList<>();
        try (CloseableIterable<Record> read = IcebergGenerics.read(table).build()) {
            read.forEach(r -> rows.add(r.copy()));
        }
        try {
            ((AutoCloseable) catalog).close();
        } catch (Exception e) {
            throw new IOException(e);
        }
        return rows;
    }
}
