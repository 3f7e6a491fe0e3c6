package io.quantstream.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantstream.connectors.kafka.KafkaBrokerExtension;
import io.quantstream.connectors.kafka.TopicDump;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator does to {@code PipelineJob} on a real standalone cluster (a JobManager and two
 * TaskManager JVMs from {@code bin/flink-cluster}, RocksDB, checkpoints every second), with the
 * real {@code bin/flink}: savepoint, cancel and {@code run -s}; stop-with-savepoint and an upgrade
 * to one more factor; a TaskManager killed with {@code kill -9}. Each run reads the USD-M BTCUSDT
 * and ETHUSDT captures from topics of its own, replayed in parts of 8,000 trades in event-time
 * order (the next part after each disturbance, so every one lands mid-stream), and ends with
 * {@code stop --drain}; its output topics, read {@code read_committed},
 * must equal what {@code FileJob} wrote from the capture files in one undisturbed run on the same
 * cluster: every kline, factor vector and target position, none missing, none twice. Logs in
 * {@code target/cluster-operations-it/}.
 */
class ClusterOperationsJarIT {

    private static final Path LOG_DIR = Paths.get("target", "cluster-operations-it").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A part of the replay: about a third of the captures' ~24,000 trades. */
    private static final long PART = 8_000;
    /** The factor added on restore: a TA-Lib EMA over 2 bars, a node of its own in the factor state. */
    private static final String NEW_FACTOR = "ema_2";

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir static Path work;

    private static StandaloneCluster cluster;
    /** FileJob's output on the captures: kline CSVs, factors.jsonl, target-positions.jsonl. */
    private static Path reference;

    /** When this class started: files of earlier runs stay in the log folder. */
    private static FileTime started;

    @BeforeAll
    static void startClusterAndRunTheFileJob() throws Exception {
        started = FileTime.from(Instant.now().minusSeconds(1));
        // a dead TaskManager is noticed after two failed heartbeats (the default interval is 10 s)
        cluster = StandaloneCluster.start(LOG_DIR, 2, "heartbeat.interval=1000", "heartbeat.timeout=20000");
        PipelineOnCluster file = new PipelineOnCluster(cluster, KAFKA, work, "reference");
        cluster.flink("run", "-c", "io.quantstream.jobs.FileJob", System.getProperty("quantstream.jobJar"),
                "--config", file.config("file", PipelineOnCluster.FACTORS).toString());
        reference = file.dir().resolve("file-job");
        assertThat(csvFiles(reference)).contains("BTCUSDT-1m.csv", "ETHUSDT-15m.csv");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.stop();
    }

    @Test
    void everyProcessWorksInTheClusterFolderNotInAWorkingDirectoryOfTmpThatClustersShare() {
        // Flink's default /tmp/tm_<resource id> is one folder for every cluster's taskmanager-1
        assertThat(LOG_DIR.resolve("work").resolve("tm_taskmanager-1")).isDirectory();
        assertThat(LOG_DIR.resolve("work").resolve("tm_taskmanager-2")).isDirectory();
    }

    /**
     * RocksDB's LOG of every state instance of the file job goes to state.backend.rocksdb.log.dir
     * of flink-conf/config.yaml, not to the cluster folder. Before: Flink put each beside the
     * TaskManager's log, in the cluster folder, one file per stateful subtask and run.
     */
    @Test
    void rocksDbLogsStayOutOfTheClusterFolder() throws IOException {
        try (Stream<Path> files = Files.list(LOG_DIR)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith("_LOG"))
                    .filter(f -> f.toFile().lastModified() >= started.toMillis()))
                    .as("RocksDB logs written by this run in %s", LOG_DIR).isEmpty();
        }
        try (Stream<Path> files = Files.list(Paths.get("/tmp/quantstream/rocksdb-logs"))) {
            assertThat(files.filter(f -> f.getFileName().toString().contains("_op_KlineAggregator_"))
                    .filter(f -> f.toFile().lastModified() >= started.toMillis()))
                    .as("the kline aggregators' RocksDB logs").isNotEmpty();
        }
    }

    @Test
    void savepointCancelRunFromTheSavepointThenATaskManagerKilledMidRunLoseNothingAndRepeatNothing() throws Exception {
        PipelineOnCluster run = new PipelineOnCluster(cluster, KAFKA, work, "operate");
        Path config = run.config("job", PipelineOnCluster.FACTORS);
        run.replay(PART);
        String first = run.submit(config);
        long beforeSavepoint = run.awaitCheckpointWithKlines(first, 0);

        String savepoint = run.savepoint(first);
        run.cancel(first);
        long atCancel = run.committed("klines");
        run.replay(PART);
        String second = run.submit(config, "-s", savepoint);
        assertThat(run.checkpoints(second).path("latest").path("restored").path("external_path").asText())
                .as("the second job started from the savepoint").isEqualTo(savepoint);
        long beforeKill = run.awaitCheckpointWithKlines(second, atCancel);

        cluster.killTaskManager(taskManagerRunning(second));
        run.replay(Long.MAX_VALUE);
        run.awaitAllTradesRead();
        JsonNode recovered = run.checkpoints(second).path("latest").path("restored");
        run.stop(second, true);

        assertThat(recovered.path("is_savepoint").asBoolean()).as("recovered from a checkpoint: %s", recovered)
                .isFalse();
        assertThat(recovered.path("external_path").asText()).as("recovered from its own checkpoint")
                .contains(second + "/chk-");
        long klines = assertSameOutputAsTheFileJob(run, true);
        assertThat(List.of(beforeSavepoint, atCancel, beforeKill)).as("klines committed at each step: mid-stream")
                .allMatch(n -> n > 0 && n < klines);
    }

    @Test
    void stopWithSavepointThenRestoreWithOneMoreFactorKeepsTheFactorsWarmAndStartsTheNewOne() throws Exception {
        PipelineOnCluster run = new PipelineOnCluster(cluster, KAFKA, work, "upgrade");
        run.replay(PART);
        String first = run.submit(run.config("v1", PipelineOnCluster.FACTORS));
        run.awaitCheckpointWithKlines(first, 0);

        String savepoint = run.stop(first, false);
        int before = run.values("factors").size();
        run.replay(Long.MAX_VALUE);
        String second = run.submit(run.config("v2", PipelineOnCluster.FACTORS + ",ema(2)"), "-s", savepoint);
        run.awaitAllTradesRead();
        run.stop(second, true);

        List<String> factors = run.values("factors");
        assertThat(before).as("factor vectors written before the stop").isPositive().isLessThan(factors.size());
        Map<String, Map<String, Double>> expected = byBar(Files.readAllLines(reference.resolve("factors.jsonl")));
        Map<String, Map<String, Double>> actual = byBar(factors);
        assertThat(actual.keySet()).as("one factor vector per bar, none twice").hasSize(factors.size())
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (String symbol : List.of("BTCUSDT", "ETHUSDT")) {
            // by open time: the new factor's value, null in the vectors of the first job
            Map<Long, Double> added = new TreeMap<>();
            actual.forEach((bar, values) -> {
                if (bar.startsWith("USDM " + symbol + " 1m ")) {
                    added.put(Long.parseLong(bar.substring(bar.lastIndexOf(' ') + 1)), values.get(NEW_FACTOR));
                }
            });
            List<Long> times = new ArrayList<>(added.keySet());
            int firstNew = times.indexOf(times.stream().filter(t -> added.get(t) != null).findFirst()
                    .orElseThrow(() -> new AssertionError(symbol + " has no " + NEW_FACTOR)));
            assertThat(firstNew).as("%s bars before the restore", symbol).isPositive();
            assertThat(times.subList(firstNew, times.size())).as("%s: %s on every bar after the restore", symbol, NEW_FACTOR)
                    .allMatch(t -> added.get(t) != null);
            // it starts from nothing: NaN on the first bar after the restore, then seeded with the
            // mean of the first two closes and smoothed with α = 2/3 (TA-Lib's EMA), by hand from
            // FileJob's klines
            Map<Long, Double> closes = closes(reference.resolve(symbol + "-1m.csv"));
            assertThat(times.size() - firstNew).as("%s bars after the restore", symbol).isGreaterThanOrEqualTo(3);
            assertThat(added.get(times.get(firstNew))).as("%s first %s", symbol, NEW_FACTOR).isNaN();
            double ema = (closes.get(times.get(firstNew)) + closes.get(times.get(firstNew + 1))) / 2;
            for (int i = firstNew + 1; i < times.size(); i++) {
                if (i > firstNew + 1) {
                    ema = 2.0 / 3 * closes.get(times.get(i)) + (1 - 2.0 / 3) * ema;
                }
                assertThat(added.get(times.get(i))).as("%s %s at %d", symbol, NEW_FACTOR, times.get(i))
                        .isCloseTo(ema, within(1e-9));
            }
        }
        assertSameOutputAsTheFileJob(run, false);
    }

    /**
     * Asserts that the run's klines, target positions and (with {@code sameFactors}) factor
     * vectors are FileJob's, none twice, and that nothing became a dead letter; returns the number
     * of klines.
     */
    private static long assertSameOutputAsTheFileJob(PipelineOnCluster run, boolean sameFactors) throws IOException {
        TopicDump.Result dump = run.klines("final");
        Path klines = run.dir().resolve("final-klines");
        List<String> files = csvFiles(reference);
        assertThat(csvFiles(klines)).containsExactlyElementsOf(files);
        long rows = 0;
        for (String file : files) {
            List<String> expected = Files.readAllLines(reference.resolve(file));
            assertThat(Files.readAllLines(klines.resolve(file))).as(file).isEqualTo(expected);
            rows += expected.size() - 1;
        }
        assertThat(dump.records()).as("klines on the topic, none twice").isEqualTo(rows);
        assertSameRecords(run, "target-positions");
        if (sameFactors) {
            assertSameRecords(run, "factors");
        }
        assertThat(run.values("dead-letters")).isEmpty();
        return rows;
    }

    private static void assertSameRecords(PipelineOnCluster run, String name) throws IOException {
        List<String> expected = new ArrayList<>(Files.readAllLines(reference.resolve(name + ".jsonl")));
        List<String> actual = new ArrayList<>(run.values(name));
        assertThat(expected).as(name).isNotEmpty();
        expected.sort(null);
        actual.sort(null);
        assertThat(actual).as(name).isEqualTo(expected);
    }

    /** The number of the TaskManager that runs tasks of {@code job} (it has a slot taken). */
    private static int taskManagerRunning(String job) throws Exception {
        for (JsonNode tm : JSON.readTree(cluster.rest("/taskmanagers")).path("taskmanagers")) {
            if (tm.path("freeSlots").asInt() < tm.path("slotsNumber").asInt()) {
                return Integer.parseInt(tm.path("id").asText().substring("taskmanager-".length()));
            }
        }
        throw new AssertionError("no TaskManager runs " + job);
    }

    /** Factor vectors by {@code MARKET SYMBOL interval openTime}: each factor's value (NaN for null). */
    private static Map<String, Map<String, Double>> byBar(List<String> vectors) throws IOException {
        Map<String, Map<String, Double>> bars = new HashMap<>();
        for (String line : vectors) {
            JsonNode v = JSON.readTree(line);
            Map<String, Double> values = new HashMap<>();
            for (int i = 0; i < v.path("names").size(); i++) {
                JsonNode value = v.path("values").get(i);
                values.put(v.path("names").get(i).asText(), value.isNumber() ? value.asDouble() : Double.NaN);
            }
            bars.put(v.path("market").asText() + " " + v.path("symbol").asText() + " "
                    + v.path("interval").asText() + " " + v.path("openTime").asLong(), values);
        }
        return bars;
    }

    /** The close of each bar of a kline CSV, by open time. */
    private static Map<Long, Double> closes(Path csv) throws IOException {
        Map<Long, Double> closes = new HashMap<>();
        for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
            String[] fields = line.split(",");
            closes.put(Long.parseLong(fields[0]), Double.parseDouble(fields[4]));
        }
        return closes;
    }

    private static List<String> csvFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv")).sorted().toList();
        }
    }
}
