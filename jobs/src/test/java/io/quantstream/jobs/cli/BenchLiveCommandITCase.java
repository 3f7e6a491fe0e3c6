package io.quantstream.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/quantstream bench live} as a user runs it, on a tiny hand-made peerbench folder:
 * the command starts its own broker (a JVM of its own), fills the trades topic, runs
 * MarketDataJob and a short at-least-once latency run of PipelineJob in job processes of their
 * own, and prints its figures as JSON. A check of the plumbing, not a measurement.
 */
class BenchLiveCommandITCase {

    @TempDir Path dir;

    @Test
    void benchLiveVerifiesTheKlinesOnTheTopicAndPrintsEveryFigureAsJson() throws Exception {
        Path data = HandCheckedWorkload.write(dir.resolve("workload"));

        CliRun bench = CliRun.run("bench", "live", "--data", data.toString(),
                "--config", Paths.get("../config/kafka-jobs.yaml").toAbsolutePath().toString(),
                "--deliveries", "at-least-once", "--rate", "500", "--instruments", "3",
                "--duration", "2s", "--warm-up", "0s", "--checkpoint-interval", "1s",
                "--work", dir.resolve("work").toString(), "--json");

        assertThat(bench.exitCode()).as(bench.err()).isZero();
        JsonNode result = new ObjectMapper().readTree(bench.out());
        assertThat(result.path("checkpointIntervalMs").asLong()).isEqualTo(1_000);
        assertThat(result.path("trades").asLong()).isEqualTo(5);
        JsonNode run = result.path("throughput").path(0);
        // every field of the expected klines, all equal on the topic
        assertThat(run.path("verification").path("totalFields").asLong()).isEqualTo(HandCheckedWorkload.FIELDS);
        assertThat(run.path("verification").path("matchedFields").asLong()).isEqualTo(HandCheckedWorkload.FIELDS);
        assertThat(run.path("verification").path("exact").asBoolean()).isTrue();
        for (String field : new String[] {"jobWallSeconds", "jobCpuSeconds", "brokerCpuSeconds",
                "processCpuSeconds"}) {
            assertThat(run.path("job").path(field).asDouble()).as(field).isPositive();
        }
        assertThat(run.path("job").path("peakRssMb").asLong()).isPositive();
        assertThat(run.path("tradesPerJobCpuSecond").asDouble()).isPositive();
        assertThat(result.path("medianThroughput").path("run").asInt()).isEqualTo(1);

        JsonNode latency = result.path("latency").path(0);
        assertThat(latency.path("targetPositionsDelivery").asText()).isEqualTo("at-least-once");
        assertThat(latency.path("sent").path("trades").asLong()).isPositive();
        assertThat(latency.path("outOfOrdernessMs").asLong()).isEqualTo(1_000);
        for (String output : new String[] {"klines", "targetPositions"}) {
            assertThat(latency.path(output).has("p99Ms")).as(output).isTrue();
            assertThat(latency.path(output).has("bars")).as(output).isTrue();
        }
        assertThat(latency.path("job").path("brokerCpuSeconds").asDouble()).isPositive();
        assertThat(bench.err()).contains("Kafka broker at localhost:");
    }
}
