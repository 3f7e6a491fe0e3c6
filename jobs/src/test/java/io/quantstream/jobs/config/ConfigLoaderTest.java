package io.quantstream.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
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

    @Test
    void everyExampleConfigLoads() throws Exception {
        try (var files = Files.list(Paths.get("../config"))) {
            List<Path> configs = files.filter(f -> f.toString().endsWith(".yaml")).toList();
            assertThat(configs).hasSizeGreaterThanOrEqualTo(3);
            for (Path file : configs) {
                JobConfig config = ConfigLoader.load(file, List.of());
                assertThat(config.input.paths).as(file.toString()).isNotEmpty();
                config.watermark.outOfOrdernessDuration();
                config.klines.allowedLatenessDuration();
            }
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
    void unknownKeysAreErrorsNotDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("job.yaml");
        Files.writeString(file, "strategy:\n  grossLeverag: 2\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("grossLeverag");
    }

    @Test
    void watermarkWithoutSlackIsRefused() {
        JobConfig config = ConfigLoader.load(null, List.of("--watermark.outOfOrderness", "0ms"));
        assertThatThrownBy(config.watermark::outOfOrdernessDuration)
                .hasMessageContaining("at least 1ms");
    }
}
