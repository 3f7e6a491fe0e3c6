package io.quantstream.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.jobs.bench.KlineVerifier;
import io.quantstream.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quantstream klines} over inputs of two markets writes {@code DIR/<market>/<SYMBOL>-
 * <interval>.csv}: here the official spot BTCUSDT 1m klines of 2023-01-21 (rolled up to 1h) and
 * the USD-M BTCUSDT websocket capture of 2024-07-18 (trades to 1m), one symbol on two markets.
 * Both come out exact, and an earlier run's kline files in the market folders are replaced.
 */
class KlinesCommandITCase {

    private static final String SPOT = "binance/vision/spot/daily/klines/BTCUSDT/";

    @Test
    void klinesOverTwoMarketsWriteAFolderPerMarket(@TempDir Path out) throws Exception {
        Path spot = SharedData.require(SPOT + "1m/BTCUSDT-1m-2023-01-21.csv");
        Path usdm = SharedData.require("binance/ws/usdm");
        Path stale = Files.createDirectories(out.resolve("usdm")).resolve("XRPUSDT-1m.csv");
        Files.writeString(stale, "from an earlier run\n");

        CliRun run = CliRun.run("klines", "--input", spot.toString(), usdm.toString(),
                "--interval", "1m,1h", "--mode", "batch", "--output", out.toString(),
                "--no-web-ui");
        assertThat(run.exitCode()).as(run.err()).isZero();

        Map<Long, String[]> officialHours =
                KlineVerifier.rows(SharedData.require(SPOT + "1h/BTCUSDT-1h-2023-01-21.csv"));
        Map<Long, String[]> hours = KlineVerifier.rows(out.resolve("spot/BTCUSDT-1h.csv"));
        assertThat(hours.keySet()).containsExactlyInAnyOrderElementsOf(officialHours.keySet());
        officialHours.forEach((open, row) -> assertThat(KlineVerifier.differences(row,
                hours.get(open))).as("spot 1h bar %d", open).isEmpty());

        Map<Long, String[]> official = KlineVerifier.rows(
                SharedData.require("binance/expected/BTCUSDT-1m-USDM-2024-07-18T2356.csv"));
        Map<Long, String[]> minutes = KlineVerifier.rows(out.resolve("usdm/BTCUSDT-1m.csv"));
        for (long open = 1721347080000L; open <= 1721347440000L; open += 60_000) {
            assertThat(KlineVerifier.differences(official.get(open), minutes.get(open)))
                    .as("usdm 1m bar %d", open).isEmpty();
        }
        assertThat(stale).as("an earlier run's file in a market folder").doesNotExist();
        assertThat(out.resolve("usdm/ETHUSDT-1m.csv")).exists();
        assertThat(out.resolve("BTCUSDT-1m.csv")).doesNotExist();
        assertThat(Files.readAllLines(out.resolve("dead-letters.jsonl"))).isEmpty();
    }
}
