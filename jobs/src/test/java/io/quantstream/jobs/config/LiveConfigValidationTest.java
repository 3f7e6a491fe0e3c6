package io.quantstream.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantstream.connectors.binance.source.LiveSourceSpec;
import io.quantstream.model.Instrument;
import io.quantstream.model.Market;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code live} section of a job config, as the ingest job reads it: YAML and overrides into
 * the live source's spec, each mistake reported with its setting's name like every other check.
 */
class LiveConfigValidationTest {

    @TempDir Path dir;

    @Test
    void theLiveSectionBecomesTheSourceSpec() throws IOException {
        JobConfig config = load(String.join("\n",
                "live:",
                "  instruments: [usdm:BTCUSDT, spot:ethusdt]",
                "  endpoints:",
                "    usdm: {websocket: 'ws://127.0.0.1:9000', rest: 'http://127.0.0.1:9001'}",
                "  reconnect: {initialBackoff: 200ms}",
                ""), "--live.maxConnectionAge", "12h");

        LiveSourceSpec spec = ConfigValidator.validateLive(config);

        assertThat(spec.instruments()).containsExactly(new Instrument(Market.USDM, "BTCUSDT"),
                new Instrument(Market.SPOT, "ETHUSDT"));
        assertThat(spec.endpoints(Market.USDM).streamUri().toString()).isEqualTo("ws://127.0.0.1:9000/stream");
        assertThat(spec.reconnectInitialBackoff().toMillis()).isEqualTo(200);
        assertThat(spec.maxConnectionAge().toHours()).isEqualTo(12);
    }

    @Test
    void instrumentsCanBeGivenOnTheCommandLine() throws IOException {
        JobConfig config = load("", "--live.instruments", "usdm:BTCUSDT,coinm:BTCUSD_PERP");

        assertThat(ConfigValidator.validateLive(config).instruments()).containsExactly(
                new Instrument(Market.USDM, "BTCUSDT"), new Instrument(Market.COINM, "BTCUSD_PERP"));
    }

    @Test
    void theIngestJobNeedsALiveSection() throws IOException {
        assertThatThrownBy(() -> ConfigValidator.validateLive(load("")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("live: no section; the ingest job follows live.instruments");
    }

    @Test
    void mistakesInTheLiveSectionAreReportedWithTheOthers() throws IOException {
        JobConfig config = load(String.join("\n",
                "mode: batch",
                "parallelism: 0",
                "live:",
                "  instruments: [BTCUSDT]",
                ""));

        assertThatThrownBy(() -> ConfigValidator.validateLive(config))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("3 mistakes in the job config:\n"
                        + "  mode: the ingest job runs in streaming mode (its source never ends), got"
                        + " 'batch'\n"
                        + "  parallelism: 0 is not between 1 and the max parallelism 128\n"
                        + "  live.instruments: 'BTCUSDT' names no market; write market:SYMBOL, e.g."
                        + " usdm:BTCUSDT");
    }

    @Test
    void aBadDurationNamesItsSetting() throws IOException {
        JobConfig config = load("live: {instruments: [usdm:BTCUSDT], restTimeout: soon}");

        assertThatThrownBy(() -> ConfigValidator.validateLive(config))
                .hasMessageStartingWith("live.restTimeout: ");
    }

    private JobConfig load(String yaml, String... overrides) throws IOException {
        Path file = Files.writeString(dir.resolve("job.yaml"), yaml);
        return ConfigLoader.load(file, List.of(overrides));
    }
}
