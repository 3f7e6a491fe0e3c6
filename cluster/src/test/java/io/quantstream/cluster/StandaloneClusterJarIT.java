package io.quantstream.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.jobs.bench.KlineVerifier;
import io.quantstream.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
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
}
