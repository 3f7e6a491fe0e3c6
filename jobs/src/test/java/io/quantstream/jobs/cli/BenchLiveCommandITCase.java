package io.quantstream.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bin/quantstream bench live} as a user runs it, on a tiny hand-made peerbench folder:
 * the command starts its own broker (a JVM of its own), fills the trades topic, runs
 * MarketDataJob and a short at-least-once latency run of PipelineJob in job processes of their
 * own, and prints its figures as JSON. A check of the plumbing, not a measurement.
 */
class BenchLiveCommandITCase {

    private static final String HEADER = "open_time,open,high,low,close,volume,close_time,"
            + "quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore";

    @TempDir Path dir;

    @Test
    void benchLiveVerifiesTheKlinesOnTheTopicAndPrintsEveryFigureAsJson() throws Exception {
        Path data = workload();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = QuantstreamCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("bench", "live", "--data", data.toString(),
                "--config", Paths.get("../config/kafka-jobs.yaml").toAbsolutePath().toString(),
                "--deliveries", "at-least-once", "--rate", "500", "--instruments", "3",
                "--duration", "2s", "--warm-up", "0s", "--checkpoint-interval", "1s",
                "--work", dir.resolve("work").toString(), "--json");

        assertThat(exit).as(err.toString()).isZero();
        JsonNode result = new ObjectMapper().readTree(out.toString());
        assertThat(result.path("checkpointIntervalMs").asLong()).isEqualTo(1_000);
        assertThat(result.path("trades").asLong()).isEqualTo(5);
        JsonNode run = result.path("throughput").path(0);
        // 4 expected klines (2 per symbol) x 11 fields, all equal on the topic
        assertThat(run.path("verification").path("totalFields").asLong()).isEqualTo(44);
        assertThat(run.path("verification").path("matchedFields").asLong()).isEqualTo(44);
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
        assertThat(err.toString()).contains("Kafka broker at localhost:");
    }

    /**
     * Two instruments, five trades over three minutes (a minute without ALGOUSDT trades, gap
     * filled), and their klines computed by hand, in the layout of peerbench gen.
     */
    private Path workload() throws Exception {
        Path data = Files.createDirectories(dir.resolve("workload"));
        // agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker,is_best_match
        Files.writeString(data.resolve("ALGOUSDT-aggTrades-2026-02.csv"),
                "1,0.2500,10.0,1,1,1769904000100,false,true\n"
                        + "2,0.2600,5.0,2,2,1769904030000,true,true\n"
                        + "3,0.2400,2.0,3,3,1769904150000,true,true\n");
        Files.writeString(data.resolve("LTCUSDT-aggTrades-2026-02.csv"),
                "10,60.00,1.000,10,10,1769904001000,false,true\n"
                        + "11,61.00,0.500,11,11,1769904070000,false,true\n");
        // quote = Σ price × quantity; taker buy = trades whose buyer is not the maker
        Files.writeString(data.resolve("ALGOUSDT-1m-expected.csv"), HEADER + "\n"
                + "1769904000000,0.2500,0.2600,0.2500,0.2600,15.0,1769904059999,3.80,2,10.0,2.50,0\n"
                + "1769904120000,0.2400,0.2400,0.2400,0.2400,2.0,1769904179999,0.48,1,0,0,0\n");
        Files.writeString(data.resolve("LTCUSDT-1m-expected.csv"), HEADER + "\n"
                + "1769904000000,60.00,60.00,60.00,60.00,1.000,1769904059999,60.00,1,1.000,60.00,0\n"
                + "1769904060000,61.00,61.00,61.00,61.00,0.500,1769904119999,30.50,1,0.500,30.50,0\n");
        Files.writeString(data.resolve("manifest.json"), "{\"trades\": 5}\n");
        return data;
    }
}
