package io.quantstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.topology.FileSinks;
import io.quantstream.testing.MiniClusters;
import io.quantstream.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN.md rule 2: the same input through the same stages gives the same klines, factors
 * (the built-ins, qlib's alpha158 and an expression over built-ins), cross-sections (every
 * cross-sectional transform) and target positions in STREAMING (RocksDB state, checkpoints every 200 ms) and in BATCH, record by
 * record. Input: the
 * BTCUSDT/ETHUSDT websocket captures (trades) and three USD-M symbols' official 1m klines of
 * 2026-02 (a universe for the cross-section and the strategy).
 */
class ParityITCase {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

    private static final List<String> UNIVERSE = List.of("ALGOUSDT", "DOTUSDT", "LTCUSDT");

    @Test
    void streamingAndBatchGiveIdenticalOutputs(@TempDir Path work) throws Exception {
        Path streaming = work.resolve("streaming");
        Path batch = work.resolve("batch");
        JobConfig streamingConfig = config("streaming", streaming);
        // the cluster's setup: RocksDB state, frequent checkpoints (pre-aggregator flushes at barriers)
        streamingConfig.flink.put("state.backend.type", "rocksdb");
        streamingConfig.flink.put("execution.checkpointing.interval", "200ms");
        FileJobRuns.run(streamingConfig);
        FileJobRuns.run(config("batch", batch));

        List<String> files = names(streaming);
        assertThat(names(batch)).containsExactlyElementsOf(files);
        assertThat(files).contains("BTCUSDT-1m.csv", "ETHUSDT-5m.csv", "ALGOUSDT-1h.csv",
                FileSinks.FACTORS + ".jsonl", FileSinks.CROSS_SECTIONS + ".jsonl",
                FileSinks.TARGET_POSITIONS + ".jsonl");
        for (String file : files) {
            List<String> a = Files.readAllLines(streaming.resolve(file));
            List<String> b = Files.readAllLines(batch.resolve(file));
            if (file.endsWith(".jsonl")) {
                // one sink, several upstream subtasks: the interleaving of keys may differ
                a.sort(null);
                b.sort(null);
            }
            assertThat(b).as(file).isEqualTo(a);
        }
        assertThat(Files.readAllLines(streaming.resolve(FileSinks.TARGET_POSITIONS + ".jsonl")))
                .as("target positions").hasSizeGreaterThan(100);
        assertThat(Files.readAllLines(streaming.resolve("BTCUSDT-1m.csv"))).hasSize(1 + 9);
    }

    /**
     * The whole slice on the BTCUSDT/ETHUSDT captures and three USD-M 2026-02 kline files, 1h
     * cross-section and strategy; also the input of {@link RestoredFileRunITCase}.
     */
    static JobConfig config(String mode, Path out) {
        JobConfig config = new JobConfig();
        config.mode = mode;
        config.input.dataDir = SharedData.root().toString();
        SharedData.require("binance/ws/usdm/btcusdt_20240718.gz");
        config.input.paths = new java.util.ArrayList<>(List.of("binance/ws/usdm"));
        for (String symbol : UNIVERSE) {
            String file = "binance/vision/futures/um/monthly/klines/" + symbol + "/1m/" + symbol
                    + "-1m-2026-02.csv.gz";
            SharedData.require(file);
            config.input.paths.add(file);
        }
        config.input.market = "usdm";
        config.output = out.toString();
        config.klines.intervals = List.of("1m", "5m", "1h", "4h");
        config.factors = "ema(12),sma(12),rsi(14),log_return(12),realized_vol(12),taker_buy_ratio,"
                + "vwap_dev,alpha158,MOMVOL=log_return_12 / (realized_vol_12 + 1e-12)";
        config.factorIntervals = List.of("1h", "4h");
        config.universe = new JobConfig.Universe();
        config.universe.name = "test";
        config.universe.symbols = UNIVERSE;
        config.crossSection = new JobConfig.CrossSectionConfig();
        config.crossSection.interval = "1h";
        config.crossSection.weights = Map.of("log_return_12", -1.0, "taker_buy_ratio", 0.5,
                "RSV20", -0.5, "MOMVOL", 0.25);
        // of three distinct values the largest |z| lies in [√1.5, √2]: a limit of 1.2 always binds
        config.crossSection.transform = "winsorized_zscore(1.2)";
        config.crossSection.transforms = Map.of("MOMVOL", "rank", "taker_buy_ratio", "demean",
                "RSV20", "raw");
        config.strategy = new JobConfig.Strategy();
        return config;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
