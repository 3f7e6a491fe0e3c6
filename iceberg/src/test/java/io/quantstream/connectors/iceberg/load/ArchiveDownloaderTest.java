package io.quantstream.connectors.iceberg.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.connectors.iceberg.EmbeddedCatalog;
import io.quantstream.connectors.iceberg.QuantstreamTables;
import io.quantstream.model.Market;
import io.quantstream.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code load --from-url}: downloads from a local HTTP server serving the shared data in the archive layout. */
class ArchiveDownloaderTest {

    @RegisterExtension final EmbeddedCatalog warehouse = new EmbeddedCatalog();

    @TempDir Path downloads;

    @Test
    void spotDaysDownloadWithTheirChecksumsAndLoadVerified() throws Exception {
        SharedData.require("binance/vision/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2020-01-01.zip");
        ArchiveRequest request = new ArchiveRequest(Market.SPOT, ArchiveKind.KLINES, List.of("BTCUSDT"),
                "2020-01-01", "2020-01-04", "1m");
        try (ArchiveServer server = new ArchiveServer(SharedData.root())) {
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            ArchiveDownloader downloader = new ArchiveDownloader(server.base("binance/vision"), downloads,
                    new PrintStream(log, true));

            ArchiveDownloader.Result result = downloader.download(request);

            String day4 = server.base("binance/vision/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2020-01-04.zip").toString();
            assertThat(result.files()).containsExactly(
                    downloads.resolve("spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2020-01-01.zip"),
                    downloads.resolve("spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2020-01-02.zip"),
                    downloads.resolve("spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2020-01-03.zip"));
            assertThat(result.missing()).containsExactly(day4);
            assertThat(log.toString()).contains("not in the archive (404): " + day4);

            LoadReport report = new HistoryLoader(warehouse.catalog(), new LoadListener() {})
                    .load(ArchiveFiles.discover(result.files(), null).files());
            assertThat(report.results()).hasSize(3).allSatisfy(r -> {
                assertThat(r.status()).isEqualTo(FileResult.Status.LOADED);
                assertThat(r.checksumVerified()).isTrue();
                assertThat(r.file().market()).isEqualTo(Market.SPOT);
            });
            assertThat(warehouse.rows(QuantstreamTables.KLINES)).hasSize(3 * 1440);

            server.requests.clear();
            assertThat(downloader.download(request).files()).hasSize(3);
            assertThat(server.requests).as("verified local copies are not fetched again")
                    .noneMatch(p -> p.endsWith(".zip") && !p.endsWith("2020-01-04.zip"));
        }
    }

    @Test
    void requestPathsFollowThePublicArchiveLayout() {
        assertThat(new ArchiveRequest(Market.USDM, ArchiveKind.FUNDING_RATE, List.of("BTCUSDT"),
                "2026-03", "2026-04", "1m").paths()).containsExactly(
                "futures/um/monthly/fundingRate/BTCUSDT/BTCUSDT-fundingRate-2026-03.zip",
                "futures/um/monthly/fundingRate/BTCUSDT/BTCUSDT-fundingRate-2026-04.zip");
        assertThat(new ArchiveRequest(Market.COINM, ArchiveKind.AGG_TRADES, List.of("BTCUSD_PERP"),
                "2026-05-08", "2026-05-08", "1m").paths()).containsExactly(
                "futures/cm/daily/aggTrades/BTCUSD_PERP/BTCUSD_PERP-aggTrades-2026-05-08.zip");
        assertThat(new ArchiveRequest(Market.SPOT, ArchiveKind.FUNDING_RATE, List.of("BTCUSDT"),
                "2026-05-01", "2026-04", null).problems()).containsExactly(
                "--from/--to: '2026-05-01' and '2026-04' must be two days (2026-05-01) or two months (2026-02)",
                "--kind fundingRate: futures only (--market usdm or coinm)");
    }
}
