package io.quantstream.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantstream.testing.SharedData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/quantstream bench klines --peer duckdb} as a user runs it, on a tiny hand-checked
 * peerbench folder: our BATCH run and DuckDB (peerbench's, from ../shared/tools) each in a process
 * of their own, both measured whole and both checked against the hand-computed klines. A check
 * of the plumbing, not a measurement.
 */
class BenchKlinesCommandITCase {

    @TempDir Path dir;

    @Test
    void benchWithDuckDbPrintsBothSidesExactAndTheirRatioAsJson() throws Exception {
        Path data = HandCheckedWorkload.write(dir.resolve("workload"));

        CliRun run = CliRun.run("bench", "klines", "--data", data.toString(), "--variants", "batch",
                "--peer", "duckdb", "--peerbench", SharedData.peerbench().toString(), "--parallelism", "1",
                "--work", dir.resolve("work").toString(), "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = new ObjectMapper().readTree(run.out());
        assertThat(result.path("trades").asLong()).isEqualTo(5);
        JsonNode ours = result.path("results").path(0);
        JsonNode duckdb = result.path("results").path(1);
        assertThat(ours.path("side").asText()).isEqualTo("quantstream");
        assertThat(ours.path("name").asText()).isEqualTo("batch");
        assertThat(duckdb.path("side").asText()).isEqualTo("peer");
        assertThat(duckdb.path("name").asText()).isEqualTo("duckdb");
        assertThat(duckdb.path("command").toString()).contains("duckdb", "--variant", "csv");
        for (JsonNode side : new JsonNode[] {ours, duckdb}) {
            String name = side.path("name").asText();
            assertThat(side.path("verification").path("totalFields").asLong()).as(name)
                    .isEqualTo(HandCheckedWorkload.FIELDS);
            assertThat(side.path("verification").path("exact").asBoolean()).as(name).isTrue();
            JsonNode process = side.path("runs").path(0).path("process");
            // a JVM's whole life: start-up alone takes well over 0.1 CPU-second
            assertThat(process.path("cpuSeconds").asDouble()).as(name).isGreaterThan(0.1);
            assertThat(process.path("wallSeconds").asDouble()).as(name)
                    .isGreaterThan(side.path("runs").path(0).path("phaseWallSeconds").asDouble());
            assertThat(process.path("peakRssMb").asLong()).as(name).isPositive();
            assertThat(side.path("median").path("tradesPerCpuSecond").asDouble()).as(name).isPositive();
        }
        JsonNode ratio = result.path("ratios").path(0);
        assertThat(ratio.path("ours").asText()).isEqualTo("batch");
        assertThat(ratio.path("peer").asText()).isEqualTo("duckdb");
        double expected = duckdb.path("runs").path(0).path("process").path("cpuSeconds").asDouble()
                / ours.path("runs").path(0).path("process").path("cpuSeconds").asDouble();
        assertThat(ratio.path("tradesPerCpuSecond").asDouble()).isCloseTo(expected,
                offset(1e-9));
        assertThat(run.err()).contains("run 1 batch", "run 1 peer duckdb");
    }

    @Test
    void anUnknownPeerIsRefusedWithThePeersThereAre() throws Exception {
        Path data = HandCheckedWorkload.write(dir.resolve("workload"));

        CliRun run = CliRun.run("bench", "klines", "--data", data.toString(), "--peer", "spark");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--peer: unknown 'spark' (duckdb, flink-sql, plain)");
    }
}
