package io.quantstream.connectors.iceberg.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantstream.connectors.iceberg.EmbeddedCatalog;
import io.quantstream.connectors.iceberg.QuantstreamTables;
import io.quantstream.testing.SharedData;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The history loader on real archive files from {@code ../shared/data}. */
class HistoryLoaderTest {

    static final String USDM_KLINES = "binance/vision/futures/um/monthly/klines";
    static final List<String> USDM_SYMBOLS =
            List.of("ALGOUSDT", "AVAXUSDT", "DOTUSDT", "FILUSDT", "LINKUSDT", "LTCUSDT", "NEARUSDT");
    static final String SPOT_1M = "binance/vision/spot/daily/klines/BTCUSDT/1m";

    @RegisterExtension final EmbeddedCatalog warehouse = new EmbeddedCatalog();

    @TempDir Path tmp;

    @Test
    void sevenUsdmKlineMonthsReadBackExactlyAsTheCsv() throws IOException {
        List<Path> inputs = new ArrayList<>();
        for (String symbol : USDM_SYMBOLS) {
            inputs.add(SharedData.require(USDM_KLINES + "/" + symbol + "/1m/" + symbol + "-1m-2026-02.csv.gz"));
        }
        LoadReport report = load(inputs);

        assertThat(report.count(FileResult.Status.LOADED)).isEqualTo(7);
        assertThat(report.rows()).isEqualTo(7 * 40_320);
        Map<String, Record> byKey = new HashMap<>();
        for (Record r : warehouse.rows(QuantstreamTables.KLINES)) {
            assertThat(byKey.put(r.getField("symbol") + "@" + millis(r, "open_time"), r))
                    .as("one row per symbol and minute").isNull();
        }
        assertThat(byKey).hasSize(7 * 40_320);
        for (int i = 0; i < inputs.size(); i++) {
            for (String[] csv : ArchiveCsv.rows(inputs.get(i))) {
                Record r = byKey.get(USDM_SYMBOLS.get(i) + "@" + csv[0]);
                assertThat(r).as("%s %s", USDM_SYMBOLS.get(i), csv[0]).isNotNull();
                assertThat(r.getField("market")).isEqualTo("USDM");
                assertThat(r.getField("interval")).isEqualTo("1m");
                assertExact(r, "open", csv[1]);
                assertExact(r, "high", csv[2]);
                assertExact(r, "low", csv[3]);
                assertExact(r, "close", csv[4]);
                assertExact(r, "volume", csv[5]);
                assertThat(millis(r, "close_time")).isEqualTo(Long.parseLong(csv[6]));
                assertExact(r, "quote_volume", csv[7]);
                assertThat(r.getField("count")).isEqualTo(Long.parseLong(csv[8]));
                assertExact(r, "taker_buy_volume", csv[9]);
                assertExact(r, "taker_buy_quote_volume", csv[10]);
            }
        }
        assertThat(dataFiles(QuantstreamTables.KLINES)).as("one data file per monthly file").hasSize(7);
    }

    @Test
    void spotZipsAreVerifiedAgainstTheirOfficialChecksums() throws IOException {
        LoadReport report = load(List.of(SharedData.require(SPOT_1M)), "BTCUSDT-1m-2020-01-0");

        assertThat(report.results()).hasSize(3).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(FileResult.Status.LOADED);
            assertThat(r.checksumVerified()).as("%s", r.file()).isTrue();
        });
        assertThat(warehouse.rows(QuantstreamTables.KLINES)).hasSize(3 * 1440)
                .allSatisfy(r -> assertThat(r.getField("market")).isEqualTo("SPOT"));
        Record first = warehouse.rows(QuantstreamTables.KLINES).stream()
                .filter(r -> millis(r, "open_time") == 1577836800000L).findFirst().orElseThrow();
        String[] csv = ArchiveCsv.rows(SharedData.require(SPOT_1M + "/BTCUSDT-1m-2020-01-01.zip")).get(0);
        assertThat(csv[0]).isEqualTo("1577836800000");
        assertExact(first, "open", csv[1]);
        assertExact(first, "quote_volume", csv[7]);
    }

    @Test
    void aZipWithOneByteChangedFailsWithAClearErrorAndCommitsNothing() throws IOException {
        Path zip = copyWithChecksum("BTCUSDT-1m-2020-01-02.zip");
        byte[] bytes = Files.readAllBytes(zip);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(zip, bytes);

        LoadReport report = load(List.of(tmp));

        FileResult result = report.results().get(0);
        assertThat(result.status()).isEqualTo(FileResult.Status.FAILED);
        assertThat(result.message()).startsWith("checksum mismatch: the file's SHA-256 is ")
                .contains("BTCUSDT-1m-2020-01-02.zip.CHECKSUM says "
                        + Files.readString(Checksums.sidecar(zip)).substring(0, 64))
                .endsWith("nothing committed");
        assertNothingCommitted();
    }

    @Test
    void aTruncatedZipFailsWithAClearErrorAndCommitsNothing() throws IOException {
        Path source = SharedData.require(SPOT_1M + "/BTCUSDT-1m-2020-01-03.zip");
        byte[] bytes = Files.readAllBytes(source);
        Path truncated = Files.createDirectories(tmp.resolve("spot")).resolve(source.getFileName());
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        LoadReport report = load(List.of(tmp));

        FileResult result = report.results().get(0);
        assertThat(result.status()).isEqualTo(FileResult.Status.FAILED);
        assertThat(result.message()).matches("line \\d+: read-error: .*(EOF|Unexpected end).*; nothing committed");
        assertNothingCommitted();
        assertThat(warehouse.warehouse().resolve("market/klines/data")).satisfiesAnyOf(
                dir -> assertThat(dir).doesNotExist(),
                dir -> assertThat(parquetFiles(dir)).as("written parts deleted").isEmpty());
    }

    @Test
    void aValueWithMoreDecimalsThanItsColumnFailsTheFileInsteadOfBeingRounded() throws IOException {
        Path file = Files.createDirectories(tmp.resolve("spot")).resolve("AAAUSDT-1m-2024-01-01.csv");
        Files.writeString(file, "1704067200000,1.0,1.0,1.0,1.0,1,1704067259999,1,1,0,0,0\n"
                + "1704067260000,1.0,1.00000000001,1.0,1.0,1,1704067319999,1,1,0,0,0\n");

        LoadReport report = load(List.of(file));

        assertThat(report.results()).singleElement().satisfies(r -> assertThat(r.message()).isEqualTo(
                "line 2: high: 1.00000000001 has more than 10 decimals (column decimal(18, 10)); nothing committed"));
        assertNothingCommitted();
    }

    @Test
    void theSameFileLoadedTwiceAddsNothing() throws IOException {
        Path file = SharedData.require(SPOT_1M + "/BTCUSDT-1m-2020-01-01.zip");
        load(List.of(file));
        long snapshots = countSnapshots();

        LoadReport again = load(List.of(file));

        assertThat(again.results()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(FileResult.Status.SKIPPED);
            assertThat(r.message()).startsWith("already loaded into market.klines (1,440 rows, snapshot ");
        });
        assertThat(warehouse.rows(QuantstreamTables.KLINES)).hasSize(1440);
        assertThat(countSnapshots()).as("no new commit").isEqualTo(snapshots);
        assertThat(warehouse.rows(QuantstreamTables.LOAD_LOG)).singleElement()
                .satisfies(r -> assertThat(r.getField("file_key")).isEqualTo("SPOT/klines/BTCUSDT/1m/2020-01-01"));
    }

    @Test
    void aFileStaysLoadedAfterMaintenanceExpiresTheSnapshotThatCommittedIt() throws IOException {
        Path first = SharedData.require(SPOT_1M + "/BTCUSDT-1m-2020-01-01.zip");
        load(List.of(first));
        long firstSnapshot = warehouse.table(QuantstreamTables.KLINES).currentSnapshot().snapshotId();
        load(List.of(SharedData.require(SPOT_1M + "/BTCUSDT-1m-2020-01-02.zip")));
        warehouse.table(QuantstreamTables.KLINES).expireSnapshots().expireSnapshotId(firstSnapshot).commit();
        assertThat(warehouse.table(QuantstreamTables.KLINES).snapshot(firstSnapshot)).isNull();

        LoadReport again = load(List.of(first));

        assertThat(again.results()).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(FileResult.Status.SKIPPED));
        assertThat(warehouse.rows(QuantstreamTables.KLINES)).hasSize(2 * 1440);
    }

    @Test
    void aLoadStoppedAfterItsFirstCommitCompletesOnTheRerunWithoutDuplicates() throws IOException {
        List<Path> inputs = List.of(
                SharedData.require(USDM_KLINES + "/DOTUSDT/1m/DOTUSDT-1m-2026-02.csv.gz"),
                SharedData.require(USDM_KLINES + "/FILUSDT/1m/FILUSDT-1m-2026-02.csv.gz"),
                SharedData.require(USDM_KLINES + "/LTCUSDT/1m/LTCUSDT-1m-2026-02.csv.gz"));
        LoadListener dies = new LoadListener() {
            @Override
            public void fileFinished(FileResult result) {
                throw new IllegalStateException("killed after the first commit");
            }
        };
        List<ArchiveFile> files = ArchiveFiles.discover(inputs, null).files();
        assertThatThrownBy(() -> new HistoryLoader(warehouse.catalog(), dies).load(files))
                .hasMessage("killed after the first commit");
        assertThat(warehouse.rows(QuantstreamTables.KLINES)).hasSize(40_320);
        assertThat(warehouse.rows(QuantstreamTables.LOAD_LOG)).as("died before its log commit").isEmpty();

        LoadReport rerun = load(inputs);

        assertThat(rerun.results()).extracting(FileResult::status).containsExactly(
                FileResult.Status.SKIPPED, FileResult.Status.LOADED, FileResult.Status.LOADED);
        List<Record> rows = warehouse.rows(QuantstreamTables.KLINES);
        Set<String> distinct = new HashSet<>();
        rows.forEach(r -> distinct.add(r.getField("symbol") + "@" + millis(r, "open_time")));
        assertThat(rows).hasSize(3 * 40_320);
        assertThat(distinct).hasSize(3 * 40_320);
        assertThat(dataFiles(QuantstreamTables.KLINES)).as("referenced data files, all readable")
                .hasSize(3).allSatisfy(f -> assertThat(Path.of(f.location().replaceFirst("^file:", ""))).exists());
        assertThat(warehouse.rows(QuantstreamTables.LOAD_LOG)).extracting(r -> r.getField("file_key"))
                .containsExactlyInAnyOrder("USDM/klines/DOTUSDT/1m/2026-02", "USDM/klines/FILUSDT/1m/2026-02",
                        "USDM/klines/LTCUSDT/1m/2026-02");
    }

    @Test
    void fundingRatesLoadExactly() throws IOException {
        Path file = SharedData.require(
                "binance/vision/futures/um/monthly/fundingRate/BTCUSDT/BTCUSDT-fundingRate-2026-04.zip");

        LoadReport report = load(List.of(file));

        assertThat(report.rows()).isEqualTo(90);
        Map<Long, Record> byTime = new HashMap<>();
        warehouse.rows(QuantstreamTables.FUNDING_RATES).forEach(r -> byTime.put(millis(r, "calc_time"), r));
        List<String[]> csv = ArchiveCsv.rows(file);
        assertThat(csv).hasSize(90);
        assertThat(byTime).hasSize(90);
        for (String[] row : csv) {
            Record r = byTime.get(Long.parseLong(row[0]));
            assertThat(r.getField("market")).isEqualTo("USDM");
            assertThat(r.getField("symbol")).isEqualTo("BTCUSDT");
            assertThat(r.getField("funding_interval_hours")).isEqualTo(Integer.parseInt(row[1]));
            assertExact(r, "last_funding_rate", row[2]);
        }
    }

    @Test
    void coinmAggTradesDayLoadsEveryTradeExactly() throws IOException {
        Path file = SharedData.require(
                "binance/vision/futures/cm/daily/aggTrades/BTCUSD_PERP/BTCUSD_PERP-aggTrades-2026-05-08.zip");

        LoadReport report = load(List.of(file));

        assertThat(report.rows()).isEqualTo(105_280);
        Map<Long, Record> byId = new HashMap<>();
        warehouse.rows(QuantstreamTables.TRADES).forEach(r -> byId.put((Long) r.getField("agg_trade_id"), r));
        assertThat(byId).hasSize(105_280);
        for (String[] csv : ArchiveCsv.rows(file)) {
            Record r = byId.get(Long.parseLong(csv[0]));
            assertThat(r.getField("market")).isEqualTo("COINM");
            assertThat(r.getField("symbol")).isEqualTo("BTCUSD_PERP");
            assertExact(r, "price", csv[1]);
            assertExact(r, "quantity", csv[2]);
            assertThat(r.getField("first_trade_id")).isEqualTo(Long.parseLong(csv[3]));
            assertThat(r.getField("last_trade_id")).isEqualTo(Long.parseLong(csv[4]));
            assertThat(millis(r, "trade_time")).isEqualTo(Long.parseLong(csv[5]));
            assertThat(r.getField("is_buyer_maker")).isEqualTo(Boolean.parseBoolean(csv[6]));
        }
    }

    @Test
    void aDailyFileInsideALoadedMonthFailsInsteadOfDoublingTheDay() throws IOException {
        Path month = SharedData.require(USDM_KLINES + "/DOTUSDT/1m/DOTUSDT-1m-2026-02.csv.gz");
        Path day = Files.createDirectories(tmp.resolve("futures/um/daily/klines/DOTUSDT/1m"))
                .resolve("DOTUSDT-1m-2026-02-03.csv");
        List<String> lines = new ArrayList<>();
        for (String[] row : ArchiveCsv.rows(month)) {
            long open = Long.parseLong(row[0]);
            if (open >= 1770076800000L && open < 1770163200000L) {
                lines.add(String.join(",", row));
            }
        }
        Files.write(day, lines);
        load(List.of(month));

        LoadReport report = load(List.of(day));

        assertThat(report.results()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(FileResult.Status.FAILED);
            assertThat(r.message()).isEqualTo("overlaps USDM/klines/DOTUSDT/1m/2026-02, loaded into"
                    + " market.klines from " + month + ": its rows would be in the table twice");
        });
        assertThat(warehouse.rows(QuantstreamTables.KLINES)).hasSize(40_320);
    }

    private LoadReport load(List<Path> inputs) {
        return load(inputs, "");
    }

    private LoadReport load(List<Path> inputs, String namePrefix) {
        List<ArchiveFile> files = ArchiveFiles.discover(inputs, null).files().stream()
                .filter(f -> f.fileName().startsWith(namePrefix)).toList();
        return new HistoryLoader(warehouse.catalog(), new LoadListener() {}).load(files);
    }

    private Path copyWithChecksum(String name) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("spot/daily/klines/BTCUSDT/1m"));
        Path zip = Files.copy(SharedData.require(SPOT_1M + "/" + name), dir.resolve(name));
        Files.copy(SharedData.require(SPOT_1M + "/" + name + ".CHECKSUM"), dir.resolve(name + ".CHECKSUM"));
        return zip;
    }

    private void assertNothingCommitted() throws IOException {
        assertThat(warehouse.table(QuantstreamTables.KLINES).currentSnapshot()).isNull();
        assertThat(warehouse.rows(QuantstreamTables.KLINES)).isEmpty();
        assertThat(warehouse.rows(QuantstreamTables.LOAD_LOG)).isEmpty();
    }

    private long countSnapshots() {
        long n = 0;
        for (var s : warehouse.table(QuantstreamTables.KLINES).snapshots()) {
            n++;
        }
        return n;
    }

    private List<DataFile> dataFiles(io.quantstream.connectors.iceberg.TableDefinition definition) throws IOException {
        Table table = warehouse.table(definition);
        List<DataFile> files = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
            tasks.forEach(t -> files.add(t.file()));
        }
        return files;
    }

    private static List<Path> parquetFiles(Path dir) {
        try (var walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".parquet")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static long millis(Record r, String field) {
        return ((OffsetDateTime) r.getField(field)).toInstant().toEpochMilli();
    }

    static void assertExact(Record r, String field, String csv) {
        BigDecimal actual = (BigDecimal) r.getField(field);
        assertThat(actual.compareTo(new BigDecimal(csv))).as("%s: %s vs CSV %s", field, actual, csv).isZero();
    }
}
