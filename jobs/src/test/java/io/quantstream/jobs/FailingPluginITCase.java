package io.quantstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.topology.FileSinks;
import io.quantstream.testing.FlakyPlugins;
import io.quantstream.testing.MiniClusters;
import io.quantstream.testing.TestPlugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plug-ins that throw do not stop the job: the file job on the MiniCluster, with a factor plug-in
 * that fails at some bars and a weighting plug-in that fails at every cross-section, finishes; each
 * failure is a dead letter in the job's dead-letter output with its reason, the factor's other
 * bars have their values, and no target is emitted.
 *
 * <p>Input, generated: six hours of 1m klines of AAAUSDT (close 100 + the hour) and BBBUSDT (close
 * 50); {@code flaky_sum(2, above=102.5)} on the 1h roll-ups fails at AAAUSDT's hours 3, 4 and 5.
 */
class FailingPluginITCase {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

    /** 2026-03-01T00:00:00Z, epoch ms. */
    private static final long DAY = 1_772_323_200_000L;
    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;
    private static final int HOURS = 6;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path data;
    @TempDir Path out;
    @TempDir Path services;

    @Test
    void failingPluginsGiveDeadLettersAndTheJobFinishes() throws Exception {
        KlineCsvFiles.writeHourlyCloses(data, "AAAUSDT", DAY, HOURS, hour -> 100 + hour);
        KlineCsvFiles.writeHourlyCloses(data, "BBBUSDT", DAY, HOURS, hour -> 50);
        JobConfig config = config();
        TestPlugins.with(services, List.of(FlakyPlugins.FlakySumPlugin.class,
                FlakyPlugins.FailingWeightsPlugin.class), () -> {
            FileJobRuns.run(config);
            return null;
        });

        List<JsonNode> letters = jsonLines(FileSinks.DEAD_LETTERS);
        List<String> factorFailures = letters.stream()
                .filter(d -> d.path("reason").asText().equals("plugin-failed"))
                .map(d -> d.path("stage").asText() + " " + d.path("origin").asText() + " "
                        + d.path("eventTime").asLong())
                .sorted().toList();
        List<String> expected = new ArrayList<>();
        for (int hour = 3; hour < HOURS; hour++) {
            expected.add("factors key USDM:AAAUSDT:1h " + (DAY + (hour + 1) * HOUR - 1));
        }
        assertThat(factorFailures).isEqualTo(expected);
        assertThat(letters).filteredOn(d -> d.path("reason").asText().equals("plugin-failed"))
                .allSatisfy(d -> assertThat(d.path("detail").asText()).contains(
                        "factor flaky_sum(window=2,above=102.5,volume=0)",
                        "java.lang.IllegalStateException: close 10"));
        assertThat(letters).filteredOn(d -> d.path("reason").asText().equals("plugin-failed"))
                .anySatisfy(d -> assertThat(d.path("detail").asText()).contains(
                        "at the bar opening " + Instant.ofEpochMilli(DAY + 3 * HOUR),
                        FlakyPlugins.message(103, 102.5)));

        // S by hand: the sum of the last two 1h closes the plug-in took
        Map<Long, Double> aaa = factorValues("AAAUSDT");
        assertThat(aaa.get(DAY + HOUR)).isEqualTo(201.0);
        assertThat(aaa.get(DAY + 2 * HOUR)).isEqualTo(203.0);
        assertThat(aaa.get(DAY + 3 * HOUR)).isNaN();
        assertThat(factorValues("BBBUSDT").get(DAY + 5 * HOUR)).isEqualTo(100.0);

        List<JsonNode> sections = jsonLines(FileSinks.CROSS_SECTIONS);
        assertThat(sections).hasSize(HOURS);
        assertThat(letters).filteredOn(d -> d.path("reason").asText().equals("weighting-failed"))
                .hasSize(HOURS).allSatisfy(d -> {
                    assertThat(d.path("stage").asText()).isEqualTo("portfolio");
                    assertThat(d.path("detail").asText()).contains(
                            "threw java.lang.ArithmeticException: no weights today");
                });
        assertThat(jsonLines(FileSinks.TARGET_POSITIONS)).isEmpty();
    }

    private JobConfig config() {
        JobConfig config = new JobConfig();
        config.mode = "batch";
        config.input.paths = new ArrayList<>(List.of(data.toString()));
        config.input.market = "usdm";
        config.output = out.toString();
        config.klines.intervals = List.of("1m", "1h");
        config.factors = "S=flaky_sum(2, above=102.5)";
        config.factorIntervals = List.of("1h");
        config.universe = new JobConfig.Universe();
        config.universe.name = "flaky";
        config.universe.symbols = List.of("AAAUSDT", "BBBUSDT");
        config.crossSection = new JobConfig.CrossSectionConfig();
        config.crossSection.interval = "1h";
        config.crossSection.maxWait = "0s";
        config.crossSection.weights = Map.of("S", 1.0);
        config.strategy = new JobConfig.Strategy();
        config.strategy.weighting = "failing_weights";
        return config;
    }

    /** The factor S of {@code symbol} by bar open time. */
    private Map<Long, Double> factorValues(String symbol) throws IOException {
        Map<Long, Double> values = new java.util.TreeMap<>();
        for (JsonNode v : jsonLines(FileSinks.FACTORS)) {
            if (v.path("symbol").asText().equals(symbol)) {
                JsonNode value = v.path("values").get(0);
                values.put(v.path("openTime").asLong(),
                        value.isNumber() ? value.asDouble() : Double.parseDouble(value.asText()));
            }
        }
        return values;
    }

    private List<JsonNode> jsonLines(String name) throws IOException {
        Path file = out.resolve(name + ".jsonl");
        List<JsonNode> nodes = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }
}
