package io.quantstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.connectors.kafka.KafkaBrokerExtension;
import io.quantstream.connectors.kafka.TopicDump;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.local.GroupBacklog;
import io.quantstream.jobs.topology.KafkaInput;
import io.quantstream.jobs.topology.KafkaSinks;
import io.quantstream.model.Trade;
import io.quantstream.testing.MiniClusters;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrade compatibility: a savepoint of {@link PipelineJob} taken with an earlier version of the
 * code, committed in {@code src/test/resources/savepoints/pipeline/} (canonical format), restores
 * into the current code and the job continues where it stopped. When a change breaks the state
 * of an operator of {@code savepoints/README.md} (a state class's field changes type, an operator
 * with state loses its uid, a key type changes), this test fails until a migration is written or
 * the change is undone; a deliberate break regenerates the fixture ({@code savepoints/regenerate-fixture}).
 *
 * <p>The savepoint: {@link KafkaJobsITCase#stages} on topics {@code fixture-*} (2 partitions),
 * stopped with a savepoint (no drain) after reading the first {@value #FIRST_PART} trades of the
 * USD-M BTCUSDT and ETHUSDT captures in trade time order, written by a plain producer, and once
 * every output was committed (no Kafka transaction with records is open in it). The restore:
 * the same trades on a broker of its own, so the Kafka source's offsets in the savepoint point
 * at trade {@value #FIRST_PART}, then the rest; drained at the end. Its output must be the file
 * job's from the bars open at the savepoint on: each kline file a suffix of the file job's
 * (the first bar holds trades from before the savepoint, so it is only right if the open bars
 * were restored), every factor vector of those bars equal to the file job's (warm factor
 * histories restored), none twice.
 */
class PipelineSavepointFixtureITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    /** Trades read before the savepoint: a third of the captures, inside a minute. */
    static final int FIRST_PART = 8_000;

    private static final Path FIXTURE = Paths.get("src", "test", "resources", "savepoints", "pipeline");
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir static Path work;

    private static List<Trade> trades;

    @BeforeAll
    static void readTheCaptures() {
        // in trade time order (each instrument's stays in id order), as the live path writes them
        trades = CaptureTrades.read().stream().sorted(Comparator.comparingLong(t -> t.tradeTime)).toList();
    }

    @Test
    void theCommittedSavepointRestoresAndThePipelineContinuesWhereItStopped() throws Exception {
        assertThat(FIXTURE.resolve("_metadata")).as("the committed savepoint").exists();
        JobConfig config = config();
        produce(config, 0, trades.size());
        config.flink.put("execution.state-recovery.path", FIXTURE.toAbsolutePath().toUri().toString());

        JobClient job = submit(config);
        awaitRead(config, job);
        job.stopWithSavepoint(true, work.resolve("drained").toUri().toString(), SavepointFormatType.CANONICAL)
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        Path fileJob = FileJobRuns.capturesInBatch(work.resolve("file-job"));
        Path klines = work.resolve("restored-klines");
        CommittedTopics.awaitStable(KAFKA.bootstrapServers(), config.kafka.topics.klines.name);
        TopicDump.Result dump = TopicDump.klines(KAFKA.bootstrapServers(), config.kafka.topics.klines.name, klines);
        long firstNewTrade = trades.get(FIRST_PART).tradeTime;
        long rows = 0;
        for (String file : CommittedTopics.csvFiles(fileJob)) {
            List<String> expected = Files.readAllLines(fileJob.resolve(file));
            List<String> restored = Files.readAllLines(klines.resolve(file));
            List<String> suffix = expected.subList(expected.size() - (restored.size() - 1), expected.size());
            assertThat(restored.size()).as(file + ": bars from the savepoint on").isGreaterThan(1);
            // the bar open at the savepoint: its Binance columns are exact; the fixture's state is
            // from before klines carried trade statistics, and such a bar has none (README)
            assertThat(binanceColumns(restored.get(1))).as(file + ": the bar open at the savepoint")
                    .isEqualTo(binanceColumns(suffix.get(0)));
            assertThat(restored.subList(2, restored.size())).as(file + ": the file job's bars after it")
                    .isEqualTo(suffix.subList(1, suffix.size()));
            assertThat(restored.size()).as(file + ": bars closed before the savepoint are not written again")
                    .isLessThan(expected.size());
            assertThat(Long.parseLong(restored.get(1).split(",")[0])).as(file + ": first bar open at the savepoint")
                    .isLessThanOrEqualTo(firstNewTrade);
            rows += restored.size() - 1;
        }
        assertThat(dump.records()).as("klines on the topic, none twice").isEqualTo(rows);

        List<String> expectedFactors = Files.readAllLines(fileJob.resolve("factors.jsonl"));
        List<String> factors = CommittedTopics.sortedValues(KAFKA.bootstrapServers(),
                config.kafka.topics.factors.name, work.resolve("restored-factors"));
        assertThat(factors).as("factor vectors from the savepoint on, each the file job's, none twice")
                .isNotEmpty().doesNotHaveDuplicates().isSubsetOf(expectedFactors)
                .hasSizeLessThan(expectedFactors.size());
        assertThat(CommittedTopics.sortedValues(KAFKA.bootstrapServers(), config.kafka.topics.deadLetters.name,
                work.resolve("restored-dead-letters"))).isEmpty();
    }

    /** The first twelve columns of a kline CSV line: Binance's. */
    private static String binanceColumns(String line) {
        return String.join(",", Arrays.asList(line.split(",", -1)).subList(0, 12));
    }

    /**
     * Writes the fixture (run by {@code savepoints/regenerate-fixture}): the first
     * {@value #FIRST_PART} trades, {@link PipelineJob} until they are read and its output
     * committed, stop with a canonical savepoint, copied to {@code src/test/resources/savepoints/pipeline}.
     */
    @Test
    @EnabledIfSystemProperty(named = "quantstream.writeSavepointFixture", matches = "true")
    void writeTheFixture() throws Exception {
        JobConfig config = config();
        produce(config, 0, FIRST_PART);
        JobClient job = submit(config);
        awaitRead(config, job);
        // two more checkpoints: every record of the part is in a committed transaction, none open
        long completed = completedCheckpoints(job);
        while (completedCheckpoints(job) < completed + 2) {
            Thread.sleep(100);
        }
        Path savepoint = Paths.get(URI.create(job.stopWithSavepoint(false,
                work.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)));
        if (Files.exists(FIXTURE)) {
            try (Stream<Path> old = Files.list(FIXTURE)) {
                for (Path file : (Iterable<Path>) old::iterator) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(FIXTURE);
        try (Stream<Path> files = Files.list(savepoint)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, FIXTURE.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /**
     * {@link KafkaJobsITCase#stages} as {@code PipelineJob} on this test's broker, topics
     * {@code fixture-<topic>} with 2 partitions (names, partitions and the config's name are in
     * the savepoint: source splits, transactional ids), checkpoints every 500 ms.
     */
    private static JobConfig config() {
        return MarketDataJobRestoreITCase.restorable(KAFKA, "fixture", "fixture-trades", "fixture",
                work.resolve("checkpoints"));
    }

    /** Trades {@code from} (inclusive) to {@code to} onto the trades topic (same order, same offsets every time). */
    private static void produce(JobConfig config, int from, int to) {
        KAFKA.createTopics(config.kafka.topics.trades.spec());
        try (CaptureTrades.Producer producer = new CaptureTrades.Producer(KAFKA.bootstrapServers(),
                config.kafka.topics.trades.name)) {
            for (Trade trade : trades.subList(from, to)) {
                producer.send(trade);
            }
        }
    }

    private static JobClient submit(JobConfig config) throws Exception {
        config.flink.put("execution.checkpointing.interval", "500ms");
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(JobEnvironment.kafkaJob(config));
        new PipelineJob(config, KafkaInput.trades(config, PipelineJob.NAME).build(),
                KafkaInput.control(config, PipelineJob.NAME).build(), KafkaSinks.of(config, PipelineJob.NAME))
                .define(env);
        return env.executeAsync(config.name + " " + PipelineJob.NAME);
    }

    /** Waits until the job's sources committed offsets past every trade. */
    private static void awaitRead(JobConfig config, JobClient job) throws Exception {
        try (GroupBacklog backlog = new GroupBacklog(KAFKA.bootstrapServers())) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!backlog.isRead(KafkaInput.groupId(config, PipelineJob.NAME),
                    List.of(config.kafka.topics.trades.name))) {
                if (job.getJobStatus().get().isGloballyTerminalState()) {
                    try {
                        job.getJobExecutionResult().get();
                    } catch (ExecutionException e) {
                        throw new AssertionError("the job failed (a restore of incompatible state fails here)", e);
                    }
                    throw new AssertionError("the job ended before it read every trade");
                }
                assertThat(System.nanoTime()).as("trades read within " + TIMEOUT).isLessThan(deadline);
                Thread.sleep(200);
            }
        }
    }

    private static long completedCheckpoints(JobClient job) throws Exception {
        return MarketDataJobRestoreITCase.latestCheckpoint(work.resolve("checkpoints").resolve(job.getJobID().toHexString()))
                .map(p -> Long.parseLong(p.getFileName().toString().substring("chk-".length()))).orElse(0L);
    }
}
