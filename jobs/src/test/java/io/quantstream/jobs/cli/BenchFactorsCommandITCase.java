package io.quantstream.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bench factors} on a tiny workload: the job runs in a JVM of its own, its factor stage
 * takes every bar, and the state size is at least the history the program needs (a check of the
 * plumbing, not a measurement).
 */
class BenchFactorsCommandITCase {

    @TempDir Path dir;

    @Test
    void aBatchRunTakesEveryBarAndReportsTheStateOfOneKey() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = QuantstreamCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("bench", "factors", "--instruments", "3", "--bars", "70",
                "--modes", "batch", "--no-baseline", "--work", dir.toString(), "--json");

        assertThat(exit).as(err.toString()).isZero();
        JsonNode result = new ObjectMapper().readTree(out.toString());
        assertThat(result.path("bars").asLong()).isEqualTo(210);
        assertThat(result.path("factorCount").asInt()).isEqualTo(158);
        // the histories of alpha158's nodes alone: 4,101 doubles (README, Factor expressions)
        assertThat(result.path("state").path("serializedBytes").asInt())
                .isGreaterThan(4_101 * 8).isLessThan(4_101 * 8 + 4_000);
        JsonNode run = result.path("runs").path(0);
        assertThat(run.path("mode").asText()).isEqualTo("batch");
        assertThat(run.path("job").path("bars").asLong()).isEqualTo(210);
        // the job window is a part of the process
        assertThat(run.path("process").path("cpuSeconds").asDouble())
                .isGreaterThan(run.path("job").path("jobCpuSeconds").asDouble());
        assertThat(run.path("process").path("peakRssMb").asLong()).isPositive();
        assertThat(err.toString()).contains("run 1 batch", "alpha158");
    }

    @Test
    void anUnknownModeIsRefusedWithTheModesThereAre() {
        CliRun run = CliRun.run("bench", "factors", "--modes", "sideways");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--modes: unknown 'sideways' (batch, streaming)");
    }
}
