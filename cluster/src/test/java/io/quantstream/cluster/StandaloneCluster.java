package io.quantstream.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A standalone session cluster started with {@code bin/flink-cluster start --dir logDir} on free
 * REST and RPC ports (so test classes, and other clusters on the machine, never share one), its
 * logs and the output of every script run against it in {@code logDir}. One per test class.
 *
 * <pre>{@code
 * cluster = StandaloneCluster.start(LOG_DIR, 2, "heartbeat.interval=1000");
 * String out = cluster.flink("run", "-d", "-c", "io.quantstream.jobs.PipelineJob", jar, "--config", yaml);
 * cluster.killTaskManager(1);
 * }</pre>
 */
final class StandaloneCluster {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Path logDir;
    private final int restPort;
    private final int rpcPort;
    private final Map<String, String> environment = new HashMap<>();

    private StandaloneCluster(Path logDir) throws IOException {
        this.logDir = logDir;
        this.restPort = freePort();
        this.rpcPort = freePort();
        environment.put("FLINK_HOME", System.getProperty("quantstream.flinkHome"));
        // bin/flink and bin/sql-client find the cluster through the folder's cluster.env
        environment.put("FLINK_LOG_DIR", logDir.toString());
        environment.put("FLINK_REST_PORT", String.valueOf(restPort));
        environment.put("FLINK_RPC_PORT", String.valueOf(rpcPort));
    }

    /** Starts a cluster of one TaskManager; returns once it has registered. */
    static StandaloneCluster start(Path logDir) throws Exception {
        return start(logDir, 1);
    }

    /**
     * Starts a cluster of {@code taskManagers} TaskManagers (2 slots each, from
     * {@code flink-conf/config.yaml}) with the Flink options {@code key=value} on every process;
     * returns once all have registered.
     */
    static StandaloneCluster start(Path logDir, int taskManagers, String... flinkOptions) throws Exception {
        StandaloneCluster cluster = new StandaloneCluster(logDir);
        List<String> args = new ArrayList<>(List.of("start", "--taskmanagers", String.valueOf(taskManagers),
                "--rest-port", String.valueOf(cluster.restPort), "--rpc-port", String.valueOf(cluster.rpcPort)));
        for (String option : flinkOptions) {
            args.addAll(List.of("-D", option));
        }
        assertThat(cluster.flinkCluster(args, 120)).as("bin/flink-cluster start; see %s", logDir).isZero();
        return cluster;
    }

    void stop() throws Exception {
        flinkCluster(List.of("stop"), 60);
    }

    Path logDir() {
        return logDir;
    }

    /** The JobManager's REST API (and web UI), e.g. {@code http://localhost:41234}. */
    String restUrl() {
        return "http://localhost:" + restPort;
    }

    int rpcPort() {
        return rpcPort;
    }

    /** The log file of TaskManager {@code n} (1-based, as {@code taskmanager-n} of the REST API). */
    Path taskManagerLog(int n) {
        return logDir.resolve("taskmanager-" + n + ".log");
    }

    /** The process id of TaskManager {@code n}, from its pid file. */
    long taskManagerPid(int n) throws IOException {
        return Long.parseLong(Files.readString(logDir.resolve("taskmanager-" + n + ".pid")).strip());
    }

    /** Kills TaskManager {@code n} with {@code kill -9}: no shutdown hook, nothing flushed. */
    void killTaskManager(int n) throws Exception {
        ProcessHandle process = ProcessHandle.of(taskManagerPid(n))
                .orElseThrow(() -> new AssertionError("taskmanager-" + n + " is not running"));
        process.destroyForcibly();
        process.onExit().get(30, TimeUnit.SECONDS);
    }

    /** GET {@code path} of the REST API (e.g. {@code /jobs/overview}): the response body, status 200. */
    String rest(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(restUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return response.body();
    }

    /** Runs {@code bin/flink-cluster ARGS} with the cluster's folder; returns its exit code. */
    int flinkCluster(List<String> args, int timeoutSeconds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("quantstream.flinkCluster"));
        command.addAll(args);
        return run(command, Map.of(), logDir.resolve("flink-cluster.out"), timeoutSeconds);
    }

    /**
     * Runs {@code bin/flink ARGS} (Flink's CLI) against the cluster, within 180 s; returns what it
     * printed, also appended to {@code flink.out}.
     *
     * @throws AssertionError when it exits non-zero, with its output
     */
    String flink(String... args) throws IOException, InterruptedException {
        Path output = Files.createTempFile(Files.createDirectories(logDir), "flink-", ".out");
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("quantstream.flinkCluster")).resolveSibling("flink").toString());
        command.addAll(List.of(args));
        int exit = run(command, Map.of(), output, 180);
        String printed = Files.readString(output);
        Files.writeString(logDir.resolve("flink.out"), "$ flink " + String.join(" ", args) + "\n" + printed,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Files.delete(output);
        assertThat(exit).as("bin/flink %s exit code; output:%n%s", String.join(" ", args), printed).isZero();
        return printed;
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
