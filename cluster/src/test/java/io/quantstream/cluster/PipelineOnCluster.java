package io.quantstream.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantstream.connectors.kafka.KafkaBrokerExtension;
import io.quantstream.connectors.kafka.StableOffsets;
import io.quantstream.connectors.kafka.TopicDump;
import io.quantstream.connectors.kafka.TopicSpec;
import io.quantstream.connectors.replay.ReplayClock;
import io.quantstream.connectors.replay.ReplayInputs;
import io.quantstream.connectors.replay.Replayer;
import io.quantstream.jobs.local.GroupBacklog;
import io.quantstream.model.Market;
import io.quantstream.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of {@code PipelineJob} on a {@link StandaloneCluster}, as an operator runs it: a job
 * config file, topics of its own on the test's broker ({@code <run>-trades}, {@code <run>-klines}
 * …, 2 partitions, nothing ever deleted), the USD-M BTCUSDT and ETHUSDT captures replayed onto its
 * trades topic (in event-time order, in two parts), and {@code bin/flink run -d}, {@code savepoint},
 * {@code stop}, {@code cancel} of the real CLI. The same config runs {@code FileJob} on the
 * captures: the undisturbed reference.
 */
final class PipelineOnCluster {

    static final String JOB = "io.quantstream.jobs.PipelineJob";
    static final String CAPTURES = "binance/ws/usdm";
    static final String FACTORS = "ema(3),rsi(3),log_return(2),taker_buy_ratio";
    static final List<String> TOPICS = List.of("trades", "trade-gaps", "klines", "factors", "cross-sections",
            "target-positions", "target-deltas", "control", "control-actions", "dead-letters");

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern JOB_ID = Pattern.compile("JobID ([0-9a-f]{32})");
    private static final Pattern SAVEPOINT = Pattern.compile("Savepoint completed\\. Path: (\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StandaloneCluster cluster;
    private final KafkaBrokerExtension kafka;
    private final String run;
    private final Path dir;

    PipelineOnCluster(StandaloneCluster cluster, KafkaBrokerExtension kafka, Path work, String run) throws IOException {
        this.cluster = cluster;
        this.kafka = kafka;
        this.run = run;
        this.dir = Files.createDirectories(work.resolve(run));
        for (String topic : TOPICS) {
            kafka.createTopics(new TopicSpec(topic(topic), 2,
                    Map.of("retention.ms", "-1", "segment.ms", "3153600000000")));
        }
    }

    String topic(String name) {
        return run + "-" + name;
    }

    Path dir() {
        return dir;
    }

    /**
     * Writes the job config {@code <run>-<label>.yaml} with the factor set {@code factors}: the
     * stages of the jobs' integration tests (1m/5m/15m klines, factors on 1m, a two-instrument
     * cross-section, a dollar-neutral strategy), the captures as the file job's input, checkpoints
     * every second, without the cluster's pause between them, into the run's folder.
     */
    Path config(String label, String factors) throws IOException {
        StringBuilder topics = new StringBuilder();
        for (String topic : TOPICS) {
            topics.append("    ").append(camel(topic)).append(": {name: ").append(topic(topic))
                    .append(", partitions: 2}\n");
        }
        String yaml = """
                name: %s
                mode: streaming
                parallelism: 2
                input:
                  paths: [%s]
                  market: usdm
                  symbols: [BTCUSDT, ETHUSDT]
                output: %s
                klines:
                  intervals: [1m, 5m, 15m]
                factors: %s
                factorIntervals: [1m]
                universe:
                  name: majors
                  symbols: [usdm:BTCUSDT, usdm:ETHUSDT]
                crossSection:
                  interval: 1m
                  weights: {log_return_2: -1.0, taker_buy_ratio: 0.5}
                strategy:
                  name: majors-reversal
                  maxWeight: 0.5
                kafka:
                  bootstrapServers: %s
                  topics:
                %sflink:
                  execution.checkpointing.interval: 1s
                  execution.checkpointing.min-pause: 0s
                  execution.checkpointing.dir: %s
                """.formatted(run, SharedData.require(CAPTURES), dir.resolve("file-job"), factors,
                kafka.bootstrapServers(), topics, dir.resolve("checkpoints").toUri());
        return Files.writeString(dir.resolve(run + "-" + label + ".yaml"), yaml);
    }

    /** Replays the next {@code limit} trades of the captures (all that are left: {@code Long.MAX_VALUE}). */
    void replay(long limit) throws InterruptedException {
        new Replayer(Replayer.Options.of(kafka.bootstrapServers(), topic("trades")).withLimit(limit),
                ReplayClock.SYSTEM, progress -> {})
                .replay(ReplayInputs.discover(List.of(SharedData.require(CAPTURES)), Market.USDM, null).trades());
    }

    /** {@code flink run -d [-s savepoint] -c PipelineJob jar --config config}: the new job's id. */
    String submit(Path config, String... restoreOptions) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "-d"));
        args.addAll(List.of(restoreOptions));
        args.addAll(List.of("-c", JOB, System.getProperty("quantstream.jobJar"), "--config", config.toString()));
        String out = cluster.flink(args.toArray(String[]::new));
        Matcher id = JOB_ID.matcher(out);
        assertThat(id.find()).as("job id in: %s", out).isTrue();
        String job = id.group(1);
        awaitState(job, "RUNNING");
        return job;
    }

    /** {@code flink savepoint JOB DIR}: the savepoint's path. */
    String savepoint(String job) throws Exception {
        return savepointPath(cluster.flink("savepoint", job, dir.resolve("savepoints").toUri().toString()));
    }

    /** {@code flink stop [--drain] -p DIR JOB} (stop-with-savepoint): the savepoint's path, once the job is FINISHED. */
    String stop(String job, boolean drain) throws Exception {
        List<String> args = new ArrayList<>(List.of("stop"));
        if (drain) {
            args.add("--drain");
        }
        args.addAll(List.of("-p", dir.resolve("savepoints").toUri().toString(), job));
        String path = savepointPath(cluster.flink(args.toArray(String[]::new)));
        awaitState(job, "FINISHED");
        return path;
    }

    /** {@code flink cancel JOB}, once the job is CANCELED. */
    void cancel(String job) throws Exception {
        cluster.flink("cancel", job);
        awaitState(job, "CANCELED");
    }

    /** Waits until the job's sources have committed offsets past every trade on the trades topic. */
    void awaitAllTradesRead() throws Exception {
        try (GroupBacklog backlog = new GroupBacklog(kafka.bootstrapServers())) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!backlog.isRead(run + ".pipeline", List.of(topic("trades")))) {
                assertThat(System.nanoTime()).as("%s read to its end", topic("trades")).isLessThan(deadline);
                Thread.sleep(200);
            }
        }
    }

    /** Waits until {@code job} has a completed checkpoint and more than {@code before} klines are committed; returns how many. */
    long awaitCheckpointWithKlines(String job, long before) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (checkpoints(job).path("counts").path("completed").asLong() > 0) {
                long committed = committed("klines");
                if (committed > before) {
                    return committed;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no checkpoint with new klines within " + TIMEOUT);
    }

    /** The job's checkpoint statistics ({@code GET /jobs/:id/checkpoints}). */
    JsonNode checkpoints(String job) throws Exception {
        return JSON.readTree(cluster.rest("/jobs/" + job + "/checkpoints"));
    }

    /** The number of records on the output topic {@code name}, as a {@code read_committed} reader sees it now. */
    long committed(String name) throws IOException {
        return TopicDump.jsonLines(kafka.bootstrapServers(), topic(name),
                Files.createTempDirectory(dir, "count-")).records();
    }

    /** The klines topic as kline CSV files in {@code <run>/<label>-klines}; returns the dump's counts. */
    TopicDump.Result klines(String label) throws IOException {
        StableOffsets.await(kafka.bootstrapServers(), topic("klines"), Duration.ofSeconds(10));
        return TopicDump.klines(kafka.bootstrapServers(), topic("klines"), dir.resolve(label + "-klines"));
    }

    /** The values on the output topic {@code name}, read {@code read_committed}, in topic order per partition. */
    List<String> values(String name) throws IOException {
        StableOffsets.await(kafka.bootstrapServers(), topic(name), Duration.ofSeconds(10));
        Path out = Files.createTempDirectory(dir, name + "-");
        TopicDump.Result dump = TopicDump.jsonLines(kafka.bootstrapServers(), topic(name), out);
        assertThat(dump.deadLetters()).as("undecodable records on %s", topic(name)).isZero();
        return Files.readAllLines(out.resolve(topic(name) + ".jsonl"));
    }

    private void awaitState(String job, String state) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String now;
        while (!(now = JSON.readTree(cluster.rest("/jobs/" + job)).path("state").asText()).equals(state)) {
            assertThat(System.nanoTime()).as("job %s %s, still %s", job, state, now).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static String savepointPath(String cliOutput) {
        Matcher path = SAVEPOINT.matcher(cliOutput);
        assertThat(path.find()).as("savepoint path in: %s", cliOutput).isTrue();
        return path.group(1);
    }

    /** {@code trade-gaps} → {@code tradeGaps}: the topic's key in {@code kafka.topics}. */
    private static String camel(String topic) {
        StringBuilder key = new StringBuilder();
        for (String part : topic.split("-")) {
            key.append(key.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return key.toString();
    }
}
