package io.quantstream.connectors.iceberg.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.model.Market;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files the loader reads, and what their names and folders say. */
class ArchiveFilesTest {

    @TempDir Path dir;

    @Test
    void archiveLayoutGivesKindMarketSymbolIntervalAndPeriod() throws IOException {
        touch("data/futures/um/monthly/markPriceKlines/BTCUSDT/1m/BTCUSDT-1m-2026-02.zip");
        touch("data/futures/um/monthly/fundingRate/BTCUSDT/BTCUSDT-fundingRate-2026-04.zip");
        touch("data/futures/um/monthly/fundingRate/BTCUSDT/BTCUSDT-fundingRate-2026-04.zip.CHECKSUM");
        touch("data/spot/daily/trades/BTCUSDT/BTCUSDT-trades-2026-05-08.zip");
        touch("data/futures/cm/daily/klines/BTCUSD_PERP/1w/BTCUSD_PERP-1w-2026-05-08.zip");
        touch("data/futures/um/daily/indexPriceKlines/BTCUSDT/1m/BTCUSDT-1m-2026-05-08.zip");

        ArchiveFiles.Discovery found = ArchiveFiles.discover(List.of(dir), null);

        assertThat(found.files()).extracting(ArchiveFile::key).containsExactly(
                "COINM/klines/BTCUSD_PERP/1w/2026-05-08",
                "USDM/fundingRate/BTCUSDT/2026-04",
                "USDM/markPriceKlines/BTCUSDT/1m/2026-02",
                "SPOT/trades/BTCUSDT/2026-05-08");
        assertThat(found.skipped()).singleElement().asString().contains("indexPriceKlines");
        ArchiveFile month = found.files().get(2);
        assertThat(month.coversFrom()).isEqualTo(1769904000000L);
        assertThat(month.coversTo()).as("2026-03-01T00:00Z").isEqualTo(1772323200000L);
    }

    @Test
    void flatFilesTakeTheMarketOverride() throws IOException {
        touch("BTCUSDT-aggTrades-2026-05-08.csv");

        assertThat(ArchiveFiles.discover(List.of(dir), null).files()).singleElement()
                .satisfies(f -> assertThat(f.market()).isNull());
        assertThat(ArchiveFiles.discover(List.of(dir), Market.USDM).files()).singleElement()
                .satisfies(f -> assertThat(f.key()).isEqualTo("USDM/aggTrades/BTCUSDT/2026-05-08"));
    }

    private void touch(String relative) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "");
    }
}
