package io.quantstream.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.jobs.bench.KlineVerifier;
import io.quantstream.testing.SharedData;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

    private static final Map<String, String> environment = new HashMap<>();

    @BeforeAll
    static void startCluster() throws Exception {
        environment.put("FLINK_HOME", System.getProperty("quantstream.flinkHome"));
        environment.put("FLINK_LOG_DIR", LOG_DIR.toString());
        environment.put("FLINK_REST_PORT", String.valueOf(freePort()));
        environment.put("FLINK_RPC_PORT", String.valueOf(freePort()));
        assertThat(flinkCluster(List.of("start"), 90)).as("bin/flink-cluster start").isZero();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        flinkCluster(List.of("stop"), 60);
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

        int exit = flinkCluster(List.of("run", "-c", "io.quantstream.jobs.FileJob",
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
        assertThat(Files.readString(LOG_DIR.resolve("taskmanager.log")))
                .contains("EmbeddedRocksDBStateBackend");
    }

    /** Runs {@code bin/flink-cluster} with the test's ports; output goes to the log folder. */
    private static int flinkCluster(List<String> args, int timeoutSeconds)
            throws IOException, InterruptedException {
        Files.createDirectories(LOG_DIR);
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("quantstream.flinkCluster"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(LOG_DIR.resolve("flink-cluster.out").toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bin/flink-cluster " + args.get(0) + " took over "
                    + timeoutSeconds + " s; see " + LOG_DIR);
        }
        return process.exitValue();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
