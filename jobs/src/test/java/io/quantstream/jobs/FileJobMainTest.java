package io.quantstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code FileJob.main} (what {@code flink run} calls) checks the config before it creates an
 * execution environment: a mistake throws, so {@code flink run} exits non-zero with the message,
 * and no job is submitted.
 */
class FileJobMainTest {

    @Test
    void aWeightOnAFactorThatIsNotComputedStopsMainBeforeAnyJob(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectory(dir.resolve("in"));
        Files.writeString(in.resolve("AAAUSDT-1m-2024-01.csv"),
                "1704067200000,1.0,1.0,1.0,1.0,1,1704067259999,1,1,0,0,0\n");
        Path out = dir.resolve("out");
        Path config = Files.writeString(dir.resolve("job.yaml"), String.join("\n",
                "input: {paths: [" + in + "], market: usdm}",
                "klines: {intervals: [1m, 1h]}",
                "factors: log_return(12)",
                "universe: {name: test, symbols: [AAAUSDT]}",
                "crossSection: {interval: 1h, weights: {log_return_24: -1.0}}", ""));

        assertThatThrownBy(() -> FileJob.main(new String[] {
                "--config", config.toString(), "--output", out.toString(), "--mode", "batch"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("crossSection.weights: factor 'log_return_24' is not computed;"
                        + " factors: log_return_12");
        assertThat(out).as("no job ran, so nothing was written").doesNotExist();
    }
}
