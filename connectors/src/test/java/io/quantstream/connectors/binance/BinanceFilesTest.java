package io.quantstream.connectors.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.model.Market;
import io.quantstream.testing.SharedData;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

class BinanceFilesTest {

    @Test
    void discoversTheSharedArchiveAndCaptures() {
        List<InputFile> files = BinanceFiles.discover(List.of(SharedData.require("binance")), null, null);

        assertThat(files).extracting(f -> Path.of(f.path()).getFileName().toString())
                .contains("btcusdt_20240718.gz", "BTCUSD_PERP-aggTrades-2026-05-08.zip",
                        "BTCUSDT-1h-2026-05-08.zip", "BTCUSDT-1m-2023-01-21.csv",
                        "LINKUSDT-1m-2026-02.csv.gz")
                .noneMatch(n -> n.endsWith(".CHECKSUM"))
                .doesNotContain("BTCUSDT-fundingRate-2026-04.zip", "BTCUSDT-1m-USDM-2024-07-18T2356.csv");
        assertThat(files).extracting(InputFile::path).isSorted();
    }

    @Test
    void tellsFormatSymbolMarketAndIntervalFromTheName() {
        Path root = SharedData.require("binance");

        assertThat(describe(root.resolve("ws/usdm/btcusdt_20240718.gz")))
                .isEqualTo(new InputFile(abs(root, "ws/usdm/btcusdt_20240718.gz"),
                        RecordFormat.WS_JSON, null, Market.USDM, null));
        String agg = "vision/futures/cm/daily/aggTrades/BTCUSD_PERP/BTCUSD_PERP-aggTrades-2026-05-08.zip";
        assertThat(describe(root.resolve(agg))).isEqualTo(new InputFile(abs(root, agg),
                RecordFormat.AGG_TRADES_CSV, "BTCUSD_PERP", Market.COINM, null));
        String um = "vision/futures/um/monthly/klines/LINKUSDT/1m/LINKUSDT-1m-2026-02.csv.gz";
        assertThat(describe(root.resolve(um))).isEqualTo(new InputFile(abs(root, um),
                RecordFormat.KLINES_CSV, "LINKUSDT", Market.USDM, "1m"));
        String spot = "vision/spot/daily/klines/BTCUSDT/12h/BTCUSDT-12h-2023-01-21.csv";
        assertThat(describe(root.resolve(spot))).isEqualTo(new InputFile(abs(root, spot),
                RecordFormat.KLINES_CSV, "BTCUSDT", Market.SPOT, "12h"));
    }

    @Test
    void overridesWinAndUnknownFoldersGiveNoMarket(@TempDir Path dir) throws IOException {
        Path trades = touch(dir.resolve("ethusdt-trades-2024-01-02.csv.zip"));
        Path capture = touch(dir.resolve("capture"));

        assertThat(BinanceFiles.describe(trades, null, null).orElseThrow())
                .extracting(InputFile::format, InputFile::symbol, InputFile::market)
                .containsExactly(RecordFormat.TRADES_CSV, "ETHUSDT", null);
        assertThat(BinanceFiles.describe(capture, Market.SPOT, "solusdt").orElseThrow())
                .extracting(InputFile::format, InputFile::symbol, InputFile::market)
                .containsExactly(RecordFormat.WS_JSON, "SOLUSDT", Market.SPOT);
    }

    @Test
    void skipsHiddenChecksumAndOtherFiles(@TempDir Path dir) throws IOException {
        for (String name : List.of(".hidden.gz", "_SUCCESS", "BTCUSDT-1m-2020-01-01.zip.CHECKSUM",
                "manifest.json", "expected.csv", "notes.txt", "BTCUSDT-fundingRate-2026-04.zip")) {
            touch(dir.resolve(name));
        }
        Path kept = touch(dir.resolve("sub/x.dat.gz"));
        touch(dir.resolve("sub/y.dat"));
        touch(dir.resolve("sub/z"));

        List<InputFile> files = BinanceFiles.discover(List.of(dir), null, null);

        assertThat(files).extracting(f -> Path.of(f.path()).getFileName().toString())
                .containsExactly("x.dat.gz", "y.dat", "z");
        assertThat(files.get(0).path()).isEqualTo(kept.toAbsolutePath().toString());
    }

    @Test
    void groupsCapturesByNamePrefixAndArchivesBySymbolAndInterval() {
        Path root = SharedData.require("binance");
        List<InputFile> files = BinanceFiles.discover(
                List.of(root.resolve("ws"), root.resolve("vision/spot")), null, null);

        Map<String, List<InputFile>> groups = BinanceFiles.groups(files);

        assertThat(groups.get("WS_JSON/USDM/btcusdt/-")).extracting(f -> Path.of(f.path()).getFileName().toString())
                .containsExactly("btcusdt_20240718.gz", "btcusdt_20240719.gz");
        assertThat(groups.get("WS_JSON/USDM/ethusdt/-")).hasSize(2);
        assertThat(groups.get("KLINES_CSV/SPOT/BTCUSDT/1m")).extracting(f -> Path.of(f.path()).getFileName().toString())
                .containsExactly("BTCUSDT-1m-2020-01-01.zip", "BTCUSDT-1m-2020-01-02.zip",
                        "BTCUSDT-1m-2020-01-03.zip", "BTCUSDT-1m-2023-01-21.csv");
        assertThat(groups.get("KLINES_CSV/SPOT/BTCUSDT/1h")).hasSize(3);
        assertThat(groups).hasSize(2 + 11);
    }

    private static InputFile describe(Path file) {
        return BinanceFiles.describe(file, null, null).orElseThrow();
    }

    private static String abs(Path root, String relative) {
        return root.resolve(relative).toAbsolutePath().normalize().toString();
    }

    private static Path touch(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, new byte[0]);
    }
}
