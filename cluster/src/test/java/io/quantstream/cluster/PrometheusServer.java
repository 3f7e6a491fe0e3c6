package io.quantstream.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Prometheus server (Debian's {@code prometheus} package, {@code /usr/bin/prometheus}) on
 * 127.0.0.1, on a free port of its own with its own data folder: never the system service. Its
 * HTTP API answers PromQL queries ({@code /api/v1/query}) and lists the loaded rules.
 */
final class PrometheusServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();

    private PrometheusServer(Process process, URI base) {
        this.process = process;
        this.base = base;
    }

    /**
     * The {@code prometheus} (or {@code promtool}) binary of the Debian package; skips the test
     * without it, fails it when {@code CI=true} ({@code .ci/run} installs the package).
     */
    static Path binary(String name) {
        Path binary = Paths.get("/usr/bin", name);
        if (!Files.isExecutable(binary)) {
            String message = binary + " not found: install the Debian package with"
                    + " `apt-get install -y prometheus`";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message);
            }
            Assumptions.abort(message);
        }
        return binary;
    }

    /**
     * Starts Prometheus on {@code config} (a {@code prometheus.yml}) with its data and log in
     * {@code dir}; returns once it answers {@code /-/ready}.
     */
    static PrometheusServer start(Path config, Path dir) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.createDirectories(dir);
        Process process = new ProcessBuilder(binary("prometheus").toString(),
                "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
        PrometheusServer server = new PrometheusServer(process, URI.create("http://127.0.0.1:" + port));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!server.ready()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                server.close();
                throw new AssertionError("prometheus did not start; see " + dir.resolve("prometheus.log"));
            }
            Thread.sleep(200);
        }
        return server;
    }

    private boolean ready() throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve("/-/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** The result of an instant query: the {@code data.result} array (a vector's samples). */
    JsonNode query(String promql) throws IOException, InterruptedException {
        JsonNode data = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        return data.get("result");
    }

    /** The groups of loaded rules ({@code /api/v1/rules}), each with its rules and their health. */
    JsonNode ruleGroups() throws IOException, InterruptedException {
        return get("/api/v1/rules").get("groups");
    }

    /** The scrape targets ({@code /api/v1/targets}): active ones with their health. */
    List<JsonNode> activeTargets() throws IOException, InterruptedException {
        return List.copyOf(JSON.convertValue(get("/api/v1/targets").get("activeTargets"),
                JSON.getTypeFactory().constructCollectionType(List.class, JsonNode.class)));
    }

    private JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asText()).as("%s: %s", pathAndQuery, response.body())
                .isEqualTo("success");
        return body.get("data");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
