package io.quantstream.connectors.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantstream.connectors.binance.InputFile;
import io.quantstream.model.Market;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayInputsTest {

    private static final String TRADE = "{\"e\":\"trade\",\"s\":\"BTCUSDT\",\"t\":1,\"p\":\"1\",\"q\":\"1\",\"T\":1,\"m\":true}";

    @TempDir Path dir;

    @Test
    void everyMissingInputIsNamed() {
        Path missing = dir.resolve("nope");
        Path alsoMissing = dir.resolve("gone.gz");

        assertThatThrownBy(() -> ReplayInputs.discover(List.of(missing, alsoMissing), null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no such file or folder: " + missing + "; no such file or folder: " + alsoMissing);
    }

    @Test
    void klineFilesAreLeftOutAndAloneAreNoTradesToReplay() throws Exception {
        Path klines = Files.createDirectories(dir.resolve("futures/um"))
                .resolve("BTCUSDT-1m-2024-07-18.csv");
        Files.writeString(klines, "1721347080000,1,1,1,1,1,1721347139999,1,1,1,1,0\n");

        assertThatThrownBy(() -> ReplayInputs.discover(List.of(dir), null, null))
                .hasMessageContaining("no trade files in").hasMessageContaining("found only kline files");

        Path capture = dir.resolve("futures/um/btcusdt_20240718");
        Files.writeString(capture, TRADE + "\n");
        ReplayInputs inputs = ReplayInputs.discover(List.of(dir), null, null);
        assertThat(inputs.trades()).extracting(InputFile::path).containsExactly(capture.toString());
        assertThat(inputs.trades()).extracting(InputFile::market).containsExactly(Market.USDM);
        assertThat(inputs.klineFiles()).extracting(InputFile::path).containsExactly(klines.toString());
    }

    @Test
    void aFileWithoutMarketStopsTheReplayUnlessMarketIsGiven() throws Exception {
        Path capture = dir.resolve("btcusdt.jsonl");
        Files.writeString(capture, TRADE + "\n");

        assertThatThrownBy(() -> ReplayInputs.discover(List.of(capture), null, null))
                .hasMessage("no market for [" + capture + "]: neither a folder (spot, usdm, coinm,"
                        + " futures/um, futures/cm) nor --market names it");
        assertThat(ReplayInputs.discover(List.of(capture), Market.SPOT, null).trades())
                .extracting(InputFile::market).containsExactly(Market.SPOT);
    }
}
