package io.quantstream.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantstream.testing.SharedData;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @Test
    void readsTheDemoConfig() {
        JobConfig config = ConfigLoader.load(Paths.get("../config/demo.yaml"), List.of());
        assertThat(config.universe.symbols).hasSize(7);
        assertThat(config.crossSection.weights).containsKeys("log_return_24", "rsi_14");
        assertThat(config.strategy.maxWeight).isEqualTo(0.25);
        assertThat(config.watermark.outOfOrdernessDuration()).isEqualTo(Duration.ofSeconds(1));
    }

    /**
     * With the example plug-in's classes on the context class loader, as {@code run --plugin}
     * puts them: {@code plugin-example.yaml} names its factor and weighting.
     */
    @Test
    void everyExampleConfigIsValidOnTheSharedData() throws Exception {
        SharedData.require("binance/vision/futures/um/monthly/klines");
        SharedData.require("binance/ws/usdm");
        Path plugin = Paths.get("../examples/plugin/target/classes").toAbsolutePath();
        assertThat(plugin).as("the example plug-in, built before this module").isDirectory();
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (var files = Files.list(Paths.get("../config"));
                URLClassLoader loader = new URLClassLoader(new URL[] {plugin.toUri().toURL()},
                        before)) {
            thread.setContextClassLoader(loader);
            List<Path> configs = files.filter(f -> f.toString().endsWith(".yaml")).toList();
            assertThat(configs).hasSizeGreaterThanOrEqualTo(3);
            for (Path file : configs) {
                JobConfig config = ConfigLoader.load(file, List.of());
                if (config.live != null) { // the ingest job reads the exchange, no files
                    assertThat(ConfigValidator.validateLive(config).instruments()).as(file.toString()).isNotEmpty();
                    continue;
                }
                // every example reads ../shared/data, relative to the repository root
                assertThat(config.input.dataDir).as(file.toString()).isEqualTo("../shared/data");
                config.input.dataDir = SharedData.root().toString();
                assertThat(ConfigValidator.validate(config)).as(file.toString()).isNotEmpty();
            }
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    @Test
    void commandLineOverridesNestedKeysAndLists(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("job.yaml");
        Files.writeString(file, "strategy:\n  grossLeverage: 1.0\nklines:\n  intervals: [1m]\n");
        JobConfig config = ConfigLoader.load(file, List.of(
                "--strategy.grossLeverage", "2.5", "--klines.intervals", "1m,5m,1h",
                "--crossSection.weights.rsi_14", "-0.5", "--mode", "batch"));
        assertThat(config.strategy.grossLeverage).isEqualTo(2.5);
        assertThat(config.klines.intervals).containsExactly("1m", "5m", "1h");
        assertThat(config.crossSection.weights).containsEntry("rsi_14", -0.5);
        assertThat(config.mode).isEqualTo("batch");
    }

    @Test
    void overridesOfTextKeepTheirCommasAndMapKeysTheirDots() {
        JobConfig config = ConfigLoader.load(null, List.of("--factors", "ema(12),rsi(14)",
                "--flink.state.backend.type", "rocksdb", "--input.paths", "a"));
        assertThat(config.factors).isEqualTo("ema(12),rsi(14)");
        assertThat(config.flink).containsExactly(Map.entry("state.backend.type", "rocksdb"));
        assertThat(config.input.paths).containsExactly("a");
    }

    @Test
    void contractSizesComeFromYamlAndOverrides(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("job.yaml");
        Files.writeString(file, "klines:\n  contractSizes: {BTCUSD: 100, ETHUSD_PERP: 10}\n");
        JobConfig config = ConfigLoader.load(file, List.of("--klines.contractSizes.ETHUSD_PERP",
                "20"));
        assertThat(config.klines.contractSizes).containsOnlyKeys("BTCUSD", "ETHUSD_PERP");
        assertThat(config.klines.contractSizes.get("BTCUSD")).isEqualByComparingTo("100");
        assertThat(config.klines.contractSizes.get("ETHUSD_PERP")).isEqualByComparingTo("20");
    }

    @Test
    void anEmptySectionMeansItsDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("job.yaml");
        Files.writeString(file, "klines:\nstrategy:\nprint:\n");
        JobConfig config = ConfigLoader.load(file, List.of());
        assertThat(config.klines.intervals).containsExactly("1m");
        assertThat(config.strategy.grossLeverage).isEqualTo(1.0);
        assertThat(config.print).isEmpty();
    }

    @Test
    void aConfigFileThatDoesNotExistIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("missing.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(missing, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no such file: " + missing
                        + " (expected a YAML job config, e.g. config/demo.yaml)");
    }

    @Test
    void unknownKeysAreErrorsNotDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("job.yaml");
        Files.writeString(file, "strategy:\n  grossLeverag: 2\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("grossLeverag");
    }

    /** YAML's {@code memory: 64} is a number; Flink would take it as 64 bytes. */
    @Test
    void aFactorCacheMemoryWithoutUnitInYamlIsRefused(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("job.yaml"), "factorCache: {memory: 64}\n");
        JobConfig config = ConfigLoader.load(file, List.of());
        assertThatThrownBy(config.factorCache::spec)
                .hasMessage("factorCache.memory: '64' has no unit; Flink reads a bare number as"
                        + " bytes: write the unit, e.g. 64mb (b, kb, mb, gb)");
        assertThat(ConfigLoader.load(file, List.of("--factorCache.memory", "64 mb"))
                .factorCache.spec().memoryBytes()).isEqualTo(64L << 20);
    }

    @Test
    void watermarkWithoutSlackIsRefused() {
        JobConfig config = ConfigLoader.load(null, List.of("--watermark.outOfOrderness", "0ms"));
        assertThatThrownBy(config.watermark::outOfOrdernessDuration)
                .hasMessageContaining("at least 1ms");
    }
}
