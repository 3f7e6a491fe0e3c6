package io.quantstream.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A standalone session cluster started with {@code bin/flink-cluster} on free ports, its logs and
 * the output of every script run against it in {@code logDir}. One per test class.
 */
final class StandaloneCluster {

    private final Path logDir;
    private final Map<String, String> environment = new HashMap<>();

    private StandaloneCluster(Path logDir) throws IOException {
        this.logDir = logDir;
        environment.put("FLINK_HOME", System.getProperty("quantstream.flinkHome"));
        environment.put("FLINK_LOG_DIR", logDir.toString());
        environment.put("FLINK_REST_PORT", String.valueOf(freePort()));
        environment.put("FLINK_RPC_PORT", String.valueOf(freePort()));
    }

    /** Starts the cluster; returns once its TaskManager has registered. */
    static StandaloneCluster start(Path logDir) throws Exception {
        StandaloneCluster cluster = new StandaloneCluster(logDir);
        assertThat(cluster.flinkCluster(List.of("start"), 90)).as("bin/flink-cluster start").isZero();
        return cluster;
    }

    void stop() throws Exception {
        flinkCluster(List.of("stop"), 60);
    }

    Path logDir() {
        return logDir;
    }

    /** Runs {@code bin/flink-cluster ARGS} with the cluster's ports; returns its exit code. */
    int flinkCluster(List<String> args, int timeoutSeconds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("quantstream.flinkCluster"));
        command.addAll(args);
        return run(command, Map.of(), logDir.resolve("flink-cluster.out"), timeoutSeconds);
    }

    /**
     * Runs {@code command} with the cluster's environment plus {@code extra}, its output appended
     * to {@code output}; returns its exit code.
     */
    int run(List<String> command, Map<String, String> extra, Path output, int timeoutSeconds)
            throws IOException, InterruptedException {
        Files.createDirectories(logDir);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().putAll(environment);
        builder.environment().putAll(extra);
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command.get(0) + " took over " + timeoutSeconds + " s; see " + logDir);
        }
        return process.exitValue();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
