package io.quantstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantstream.jobs.config.ConfigLoader;
import io.quantstream.jobs.config.ConfigValidator;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.model.Instrument;
import io.quantstream.model.Market;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.CheckpointingOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code IngestJob.main} (what {@code flink run} calls) checks the config before it creates an
 * execution environment, and the job checkpoints even when the config does not say so: its
 * trades become visible to readers only when a checkpoint commits them.
 */
class IngestJobMainTest {

    @Test
    void aLiveSectionWithoutAMarketStopsMainBeforeAnyJob(@TempDir Path dir) throws IOException {
        Path config = write(dir, "live: {instruments: [BTCUSDT]}");

        assertThatThrownBy(() -> IngestJob.main(new String[] {"--config", config.toString()}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("live.instruments: 'BTCUSDT' names no market; write market:SYMBOL, e.g."
                        + " usdm:BTCUSDT");
    }

    @Test
    void overridesApplyOnTopOfTheFile(@TempDir Path dir) throws IOException {
        Path config = write(dir, "live: {instruments: [usdm:BTCUSDT]}");

        assertThatThrownBy(() -> IngestJob.main(new String[] {
                "--config", config.toString(), "--mode", "batch"}))
                .hasMessage("mode: the ingest job runs in streaming mode (its source never ends), got 'batch'");
    }

    @Test
    void theShippedConfigIsValid() {
        JobConfig config = ConfigLoader.load(Path.of("../config/ingest.yaml"), List.of());

        assertThat(ConfigValidator.validateLive(config).instruments()).containsExactly(
                new Instrument(Market.USDM, "BTCUSDT"), new Instrument(Market.USDM, "ETHUSDT"));
    }

    @Test
    void checkpointingIsOnEverySecondUnlessConfigured() {
        JobConfig config = new JobConfig();
        assertThat(IngestJob.configuration(config).get(CheckpointingOptions.CHECKPOINTING_INTERVAL))
                .isEqualTo(Duration.ofSeconds(1));

        config.flink.put("execution.checkpointing.interval", "10s");
        assertThat(IngestJob.configuration(config).get(CheckpointingOptions.CHECKPOINTING_INTERVAL))
                .isEqualTo(Duration.ofSeconds(10));
    }

    private static Path write(Path dir, String yaml) throws IOException {
        return Files.writeString(dir.resolve("ingest.yaml"), yaml);
    }
}
