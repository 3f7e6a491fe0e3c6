package io.quantstream.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantstream.jobs.bench.KlineVerifier;
import io.quantstream.testing.HandKama;
import io.quantstream.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user gets from {@code bin/flink-cluster}: a standalone session cluster (JobManager and
 * TaskManager processes of the Flink home assembled from Maven Central, RocksDB state backend)
 * runs the shaded job jar submitted with the real {@code flink run}. Runs after {@code package}
 * (failsafe); logs of the cluster stay in {@code target/standalone-cluster-it/}.
 */
class StandaloneClusterJarIT {

    private static final Path LOG_DIR = Paths.get("target", "standalone-cluster-it").toAbsolutePath();

    private static StandaloneCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = StandaloneCluster.start(LOG_DIR);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.stop();
    }

    @Test
    void flinkRunOfFileJobMatchesOfficialKlines(@TempDir Path dir) throws Exception {
        Path official = SharedData.require("binance/expected/BTCUSDT-1m-USDM-2024-07-18T2356.csv");
        Path out = dir.resolve("out");
        Path config = dir.resolve("btcusdt.yaml");
        Files.writeString(config, String.join("\n",
                "name: standalone cluster test",
                "mode: streaming",
                "input:",
                "  paths:",
                "    - " + SharedData.require("binance/ws/usdm/btcusdt_20240718.gz"),
                "    - " + SharedData.require("binance/ws/usdm/btcusdt_20240719.gz"),
                "  market: usdm",
                "output: " + out,
                "klines:",
                "  intervals: [1m]",
                ""));

        int exit = cluster.flinkCluster(List.of("run", "-c", "io.quantstream.jobs.FileJob",
                System.getProperty("quantstream.jobJar"), "--config", config.toString()), 120);

        assertThat(exit).as("flink run exit code; cluster logs in %s", LOG_DIR).isZero();
        Map<Long, String[]> expected = KlineVerifier.rows(official);
        Map<Long, String[]> actual = KlineVerifier.rows(out.resolve("BTCUSDT-1m.csv"));
        for (long open = 1721347080000L; open <= 1721347440000L; open += 60_000) {
            assertThat(actual).as("bar %d", open).containsKey(open);
            assertThat(KlineVerifier.differences(expected.get(open), actual.get(open)))
                    .as("bar %d", open).isEmpty();
        }
        // the keyed state lived where a user's does: RocksDB, from conf/config.yaml
        assertThat(Files.readString(cluster.taskManagerLog(1)))
                .contains("EmbeddedRocksDBStateBackend");
    }

    /**
     * {@code flink run -C file:///…/quantstream-example-plugin.jar} of the file job with
     * {@code config/plugin-example.yaml}: the client's user-code class loader finds the plug-in's
     * factor and weighting when the job graph is built, the task managers load its classes from
     * the same URL, and the factor's values equal KAMA recomputed from scratch.
     */
    @Test
    void flinkRunWithThePluginJarAddedComputesItsFactorFromTheConfig(@TempDir Path dir)
            throws Exception {
        Path plugin = Paths.get(System.getProperty("quantstream.examplePluginJar"));
        Path out = dir.resolve("out");

        int exit = cluster.flinkCluster(List.of("run", "-C", plugin.toUri().toString(),
                "-c", "io.quantstream.jobs.FileJob", System.getProperty("quantstream.jobJar"),
                "--config", Paths.get(System.getProperty("quantstream.configDir"),
                        "plugin-example.yaml").toString(),
                "--input.dataDir", SharedData.root().toString(), "--output", out.toString()), 180);

        assertThat(exit).as("flink run exit code; cluster logs in %s", LOG_DIR).isZero();
        ObjectMapper json = new ObjectMapper();
        for (String symbol : List.of("DOTUSDT", "LINKUSDT", "LTCUSDT")) {
            Map<Long, Double> expected = HandKama.hourlyFebruary2026(symbol, 10, 2, 30);
            Map<Long, Double> actual = new TreeMap<>();
            for (String line : Files.readAllLines(out.resolve("factors.jsonl"))) {
                JsonNode v = json.readTree(line);
                if (v.get("symbol").asText().equals(symbol)
                        && !v.get("values").get(0).asText().equals("NaN")) {
                    assertThat(v.get("names").get(0).asText()).isEqualTo("kama_10");
                    actual.put(v.get("openTime").asLong(), v.get("values").get(0).asDouble());
                }
            }
            assertThat(actual.keySet()).as(symbol).isEqualTo(expected.keySet());
            expected.forEach((hour, kama) -> assertThat(actual.get(hour))
                    .as("%s %d", symbol, hour).isCloseTo(kama, within(1e-9 * kama)));
        }
        assertThat(Files.readAllLines(out.resolve("target-positions.jsonl"))).hasSize(3 * 672);
    }
}
