package io.quantstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.connectors.kafka.Decoded;
import io.quantstream.connectors.kafka.JsonRecords;
import io.quantstream.connectors.kafka.KafkaBrokerExtension;
import io.quantstream.connectors.kafka.TopicDump;
import io.quantstream.connectors.kafka.TopicSpec;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.topology.KafkaInput;
import io.quantstream.jobs.topology.KafkaSinks;
import io.quantstream.model.Trade;
import io.quantstream.testing.MiniClusters;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MarketDataJob} cancelled twice while it reads the captures and resubmitted each time from
 * its latest retained checkpoint ({@code execution.state-recovery.path}) writes the same
 * {@code klines} and {@code dead-letters} as the same job run undisturbed, and the klines of the
 * file job in BATCH: record for record, none missing, none twice.
 *
 * <p>Both runs: STREAMING, RocksDB with incremental checkpoints every 200 ms, retained on
 * cancellation, exactly-once sinks, on the USD-M BTCUSDT and ETHUSDT captures in one
 * {@code trades} topic (2 partitions, key = instrument) with two bad trades in the middle; the
 * source bounded at the end offsets of the start. The disturbed run reads through a
 * {@link ThrottledSource} so that each cancellation lands mid-stream: after a checkpoint of the
 * running job completed and some klines were committed, before all of them were.
 */
class MarketDataJobRestoreITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    /**
     * Trades per second per source reader in the disturbed run: the ~24,000 trades of the captures
     * in about 14 s, so both kills land while trades are still read. (A bounded Kafka source
     * restored after all its splits finished never ends; an unbounded one has no such state.)
     */
    private static final int THROTTLE = 1_000;

    private static final int KILLS = 2;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String TRADES = "restore-trades";

    @TempDir static Path work;

    private static Path fileJob;

    @BeforeAll
    static void runTheFileJobInBatchAndProduceTheCaptures() throws Exception {
        fileJob = work.resolve("file-job");
        FileJobRuns.capturesInBatch(fileJob);

        KAFKA.createTopics(new TopicSpec(TRADES, 2, CaptureTrades.TOPIC_CONFIGS));
        List<Trade> trades = CaptureTrades.read();
        try (CaptureTrades.Producer producer = new CaptureTrades.Producer(KAFKA.bootstrapServers(), TRADES)) {
            for (int i = 0; i < trades.size(); i++) {
                producer.send(trades.get(i));
                if (i == trades.size() / 2) {
                    Trade t = trades.get(i);
                    Trade negative = JsonRecords.TRADES.decode(JsonRecords.TRADES.value(t), "copy", 0).value;
                    negative.price = new BigDecimal("-1.5");
                    producer.sendRaw(JsonRecords.TRADES.key(t), "{\"symbol\":\"BTCUSDT\",\"price\":",
                            t.tradeTime);
                    producer.sendRaw(JsonRecords.TRADES.key(t),
                            new String(JsonRecords.TRADES.value(negative), StandardCharsets.UTF_8),
                            t.tradeTime);
                }
            }
        }
    }

    @Test
    void killedAndRestoredFromItsLatestCheckpointTwiceMidStreamItWritesWhatTheUndisturbedRunWrites()
            throws Exception {
        JobConfig undisturbed = kafka("undisturbed");
        submit(undisturbed, false).getJobExecutionResult().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        JobConfig restored = kafka("restored");
        List<String> expectedFiles = CommittedTopics.csvFiles(fileJob);
        long expectedKlines = 0;
        for (String file : expectedFiles) {
            expectedKlines += Files.readAllLines(fileJob.resolve(file)).size() - 1;
        }
        JobClient job = submit(restored, true);
        long committed = 0;
        for (int kill = 1; kill <= KILLS; kill++) {
            Path checkpoints = checkpointDir(restored).resolve(job.getJobID().toHexString());
            committed = awaitProgress(restored, job, checkpoints, committed);
            job.cancel().get();
            awaitStatus(job, JobStatus.CANCELED);
            long atKill = committedKlines(restored);
            assertThat(atKill).as("klines committed at kill " + kill + ": mid-stream")
                    .isGreaterThanOrEqualTo(committed).isLessThan(expectedKlines);
            committed = atKill;
            Path latest = latestCheckpoint(checkpoints)
                    .orElseThrow(() -> new AssertionError("no retained checkpoint in " + checkpoints));
            restored.flink.put("execution.state-recovery.path", latest.toUri().toString());
            job = submit(restored, true);
        }
        job.getJobExecutionResult().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        Path klines = work.resolve("restored-klines");
        CommittedTopics.awaitStable(KAFKA.bootstrapServers(), restored.kafka.topics.klines.name);
        TopicDump.Result dump =
                TopicDump.klines(KAFKA.bootstrapServers(), restored.kafka.topics.klines.name, klines);
        assertThat(CommittedTopics.csvFiles(klines)).containsExactlyElementsOf(expectedFiles);
        for (String file : expectedFiles) {
            assertThat(Files.readAllLines(klines.resolve(file))).as(file)
                    .isEqualTo(Files.readAllLines(fileJob.resolve(file)));
        }
        assertThat(dump.records()).as("klines on the topic, none twice").isEqualTo(expectedKlines);
        assertThat(dump(restored, restored.kafka.topics.klines.name))
                .isEqualTo(dump(undisturbed, undisturbed.kafka.topics.klines.name));
        List<String> deadLetters = dump(restored, restored.kafka.topics.deadLetters.name);
        assertThat(deadLetters).hasSize(2)
                .isEqualTo(dump(undisturbed, undisturbed.kafka.topics.deadLetters.name));
    }

    /**
     * Submits the job without waiting for it, from {@code execution.state-recovery.path} when the
     * config has one, its source throttled or not.
     */
    static JobClient submit(JobConfig config, boolean throttled) throws Exception {
        KafkaSource<Decoded<Trade>> trades = KafkaInput.trades(config, MarketDataJob.NAME)
                .setBounded(OffsetsInitializer.latest()).build();
        Source<Decoded<Trade>, ?, ?> source = throttled ? new ThrottledSource<>(trades, THROTTLE) : trades;
        MarketDataJob job = new MarketDataJob(config, source, KafkaSinks.of(config, MarketDataJob.NAME));
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(JobEnvironment.kafkaJob(config));
        job.define(env);
        return env.executeAsync(config.name + " " + MarketDataJob.NAME);
    }

    /**
     * Waits until {@code job} has a completed checkpoint of its own and more klines are committed
     * than {@code before}; returns how many are.
     */
    private static long awaitProgress(JobConfig config, JobClient job, Path checkpoints, long before)
            throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(job.getJobStatus().get().isGloballyTerminalState())
                    .as("the job ended before it could be killed mid-stream").isFalse();
            if (latestCheckpoint(checkpoints).isPresent()) {
                long committed = committedKlines(config);
                if (committed > before) {
                    return committed;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no checkpoint with new klines in " + TIMEOUT);
    }

    static void awaitStatus(JobClient job, JobStatus status) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (job.getJobStatus().get() != status) {
            assertThat(System.nanoTime()).as("job status " + status).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** The completed checkpoint {@code chk-N} (it has its {@code _metadata}) with the highest N. */
    static Optional<Path> latestCheckpoint(Path checkpoints) throws IOException {
        if (!Files.isDirectory(checkpoints)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(checkpoints)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("chk-"))
                    .filter(d -> Files.exists(d.resolve("_metadata")))
                    .max((a, b) -> Long.compare(id(a), id(b)));
        }
    }

    private static long id(Path checkpoint) {
        return Long.parseLong(checkpoint.getFileName().toString().substring("chk-".length()));
    }

    private static long committedKlines(JobConfig config) throws IOException {
        Path dir = Files.createTempDirectory(work, "committed");
        return TopicDump.jsonLines(KAFKA.bootstrapServers(), config.kafka.topics.klines.name, dir).records();
    }

    /**
     * {@link KafkaJobsITCase#stages} on this test's broker reading {@link #TRADES}, its other topics named
     * {@code <run>-<topic>}, with checkpoints every 200 ms into {@code <work>/<run>-checkpoints},
     * retained when the job is cancelled.
     */
    private static JobConfig kafka(String run) {
        String name = "restore-" + run;
        return restorable(KAFKA, name, TRADES, run, work.resolve(name + "-checkpoints"));
    }

    /**
     * {@link KafkaJobsITCase#stages} named {@code name} on {@code broker} reading {@code trades},
     * its other topics named {@code <prefix>-<topic>} and created there, 2 partitions each, with
     * checkpoints every 200 ms into {@code checkpoints}, retained when the job is cancelled, and
     * no restarts.
     */
    static JobConfig restorable(KafkaBrokerExtension broker, String name, String trades, String prefix,
            Path checkpoints) {
        JobConfig config = KafkaJobsITCase.stages();
        config.name = name;
        config.kafka.bootstrapServers = broker.bootstrapServers();
        config.flink.put("execution.checkpointing.interval", "200ms");
        config.flink.put("restart-strategy.type", "none");
        config.flink.put("execution.checkpointing.storage", "filesystem");
        config.flink.put("execution.checkpointing.dir", checkpoints.toUri().toString());
        config.flink.put("execution.checkpointing.externalized-checkpoint-retention",
                "RETAIN_ON_CANCELLATION");
        for (JobConfig.Topic topic : config.kafka.topics.all()) {
            topic.partitions = 2;
            topic.configs.putAll(CaptureTrades.TOPIC_CONFIGS);
            if (topic == config.kafka.topics.trades) {
                topic.name = trades;
            } else {
                topic.name = prefix + "-" + topic.name;
                broker.createTopics(topic.spec());
            }
        }
        return config;
    }

    private static Path checkpointDir(JobConfig config) {
        return work.resolve(config.name + "-checkpoints");
    }

    /** The values of {@code topic}, read {@code read_committed}, sorted. */
    private static List<String> dump(JobConfig config, String topic) throws IOException {
        return CommittedTopics.sortedValues(KAFKA.bootstrapServers(), topic, work.resolve(config.name + "-" + topic));
    }
}
