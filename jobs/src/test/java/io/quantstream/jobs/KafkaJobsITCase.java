package io.quantstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.connectors.kafka.Decoded;
import io.quantstream.connectors.kafka.JsonRecords;
import io.quantstream.connectors.kafka.KafkaBrokerExtension;
import io.quantstream.connectors.kafka.TopicDump;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.topology.FileSinks;
import io.quantstream.jobs.topology.KafkaInput;
import io.quantstream.jobs.topology.KafkaSinks;
import io.quantstream.model.ControlCommand;
import io.quantstream.model.Trade;
import io.quantstream.testing.MiniClusters;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jobs on Kafka against a real broker give what the file job gives in BATCH for the same
 * input, record for record: the USD-M BTCUSDT and ETHUSDT websocket captures, produced to
 * {@code trades} in file order per instrument (key = instrument), read by the jobs in STREAMING
 * with RocksDB, 500 ms checkpoints and exactly-once sinks, the outputs read back
 * {@code read_committed}. The sources are bounded at the offsets of the start (as a test needs),
 * so the jobs end and their last transactions commit with the final checkpoint. The pipeline job
 * writes its target positions at least once ({@code kafka.targetPositionsDelivery}), the strategy
 * job exactly once (the default).
 *
 * <p>Universe: the two captured instruments, ranked every minute (a universe from the 2026-02
 * kline files cannot come through trades).
 */
class KafkaJobsITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir static Path work;

    /** The file job's output in BATCH: the expected records. */
    private static Path fileJob;
    private static List<Trade> trades;

    @BeforeAll
    static void runTheFileJobInBatch() throws Exception {
        fileJob = work.resolve("file-job");
        FileJobRuns.capturesInBatch(fileJob);
        trades = CaptureTrades.read();
    }

    @Test
    void marketDataFactorAndStrategyJobsChainedThroughKafkaWriteExactlyTheFileJobsRecords()
            throws Exception {
        JobConfig config = kafka("chain");
        produce(config, List.of());

        new MarketDataJob(config, KafkaInput.trades(config, MarketDataJob.NAME)
                .setBounded(OffsetsInitializer.latest()).build(),
                KafkaSinks.of(config, MarketDataJob.NAME)).execute();
        Path klines = work.resolve("chain-klines");
        CommittedTopics.awaitStable(KAFKA.bootstrapServers(), topics(config).klines.name);
        TopicDump.Result dump = TopicDump.klines(KAFKA.bootstrapServers(), topics(config).klines.name, klines);

        List<String> files = csvFiles(fileJob);
        assertThat(files).contains("BTCUSDT-1m.csv", "ETHUSDT-1m.csv", "BTCUSDT-15m.csv");
        assertThat(csvFiles(klines)).containsExactlyElementsOf(files);
        long rows = 0;
        for (String file : files) {
            List<String> expected = Files.readAllLines(fileJob.resolve(file));
            assertThat(Files.readAllLines(klines.resolve(file))).as(file).isEqualTo(expected);
            rows += expected.size() - 1;
        }
        assertThat(dump.records()).as("klines on the topic, none twice").isEqualTo(rows);
        assertThat(dump.deadLetters()).isZero();

        new FactorJob(config, KafkaInput.klines(config, FactorJob.NAME)
                .setBounded(OffsetsInitializer.latest()).build(),
                KafkaSinks.of(config, FactorJob.NAME)).execute();
        assertSameRecords(config, topics(config).factors.name, FileSinks.FACTORS);

        new StrategyJob(config, KafkaInput.factors(config, StrategyJob.NAME)
                .setBounded(OffsetsInitializer.latest()).build(),
                control(config, StrategyJob.NAME), KafkaSinks.of(config, StrategyJob.NAME))
                .execute();
        assertSameRecords(config, topics(config).crossSections.name, FileSinks.CROSS_SECTIONS);
        List<String> targets = assertSameRecords(config, topics(config).targetPositions.name,
                FileSinks.TARGET_POSITIONS);
        assertThat(targets).anyMatch(t -> t.contains("\"reason\":null"));
        assertThat(dump(config, topics(config).deadLetters.name)).isEmpty();
        assertThat(transactions(config, StrategyJob.NAME, topics(config).targetPositions.name))
                .as("exactly once by default").contains(TransactionState.COMPLETE_COMMIT);
    }

    @Test
    void pipelineJobWritesTheFileJobsRecordsAndBadTradesBecomeDeadLettersWithTheirReason()
            throws Exception {
        JobConfig config = kafka("pipeline");
        config.kafka.targetPositionsDelivery = JobConfig.Kafka.AT_LEAST_ONCE;
        Trade sample = trades.get(100);
        String json = new String(JsonRecords.TRADES.value(sample), StandardCharsets.UTF_8);
        Trade unknown = copy(sample);
        unknown.symbol = "XYZUSDT";
        Trade negative = copy(sample);
        negative.price = new BigDecimal("-1.5");
        List<String> bad = List.of(
                "{\"symbol\":\"BTCUSDT\",\"price\":",                                    // cut off
                json.replace("\"tradeTime\":" + sample.tradeTime, "\"tradeTime\":\"soon\""),  // wrong type
                new String(JsonRecords.TRADES.value(unknown), StandardCharsets.UTF_8),
                new String(JsonRecords.TRADES.value(negative), StandardCharsets.UTF_8));
        produce(config, bad);

        new PipelineJob(config, KafkaInput.trades(config, PipelineJob.NAME)
                .setBounded(OffsetsInitializer.latest()).build(),
                control(config, PipelineJob.NAME), KafkaSinks.of(config, PipelineJob.NAME))
                .execute();

        assertSameRecords(config, topics(config).factors.name, FileSinks.FACTORS);
        assertSameRecords(config, topics(config).crossSections.name, FileSinks.CROSS_SECTIONS);
        assertSameRecords(config, topics(config).targetPositions.name, FileSinks.TARGET_POSITIONS);
        assertThat(transactions(config, PipelineJob.NAME, topics(config).targetPositions.name))
                .as("targets at least once: no transactions").isEmpty();
        assertThat(transactions(config, PipelineJob.NAME, topics(config).klines.name))
                .contains(TransactionState.COMPLETE_COMMIT);
        List<String> deadLetters = dump(config, topics(config).deadLetters.name);
        assertThat(deadLetters).hasSize(4);
        assertThat(deadLetters).anyMatch(d -> d.contains("\"stage\":\"decode\",\"reason\":\"malformed\""));
        assertThat(deadLetters).anyMatch(d -> d.contains("\"stage\":\"decode\",\"reason\":\"bad-value\""));
        assertThat(deadLetters).anyMatch(d -> d.contains("\"stage\":\"validate\",\"reason\":\"unknown-symbol\""));
        assertThat(deadLetters).anyMatch(d -> d.contains("\"stage\":\"validate\",\"reason\":\"non-positive-price\""));
    }

    /** The stages' settings shared by the file job and the jobs on Kafka. */
    static JobConfig stages() {
        JobConfig config = new JobConfig();
        config.parallelism = 2;
        config.input.symbols = List.of("BTCUSDT", "ETHUSDT");
        config.klines.intervals = List.of("1m", "5m", "15m");
        config.factors = "ema(3),rsi(3),log_return(2),taker_buy_ratio";
        config.factorIntervals = List.of("1m");
        config.universe = new JobConfig.Universe();
        config.universe.name = "majors";
        config.universe.symbols = List.of("usdm:BTCUSDT", "usdm:ETHUSDT");
        config.crossSection = new JobConfig.CrossSectionConfig();
        config.crossSection.interval = "1m";
        config.crossSection.weights = Map.of("log_return_2", -1.0, "taker_buy_ratio", 0.5);
        config.strategy = new JobConfig.Strategy();
        config.strategy.name = "majors-reversal";
        config.strategy.maxWeight = 0.5;
        return config;
    }

    /**
     * {@link #stages} on this test's broker, its topics named {@code <test>-<topic>}, 2 partitions
     * each, created with {@link CaptureTrades#TOPIC_CONFIGS}.
     */
    private static JobConfig kafka(String test) {
        JobConfig config = stages();
        config.name = "kafka-jobs-" + test;
        config.kafka.bootstrapServers = KAFKA.bootstrapServers();
        config.flink.put("execution.checkpointing.interval", "500ms");
        for (JobConfig.Topic topic : topics(config).all()) {
            topic.name = test + "-" + topic.name;
            topic.partitions = 2;
            topic.configs.putAll(CaptureTrades.TOPIC_CONFIGS);
            KAFKA.createTopics(topic.spec());
        }
        return config;
    }

    /** The (empty) control topic, bounded: without commands the targets are the file job's. */
    private static KafkaSource<Decoded<ControlCommand>> control(JobConfig config, String job) {
        return KafkaInput.control(config, job).setBounded(OffsetsInitializer.latest()).build();
    }

    private static JobConfig.Topics topics(JobConfig config) {
        return config.kafka.topics;
    }

    /** The captures to the trades topic, and after the 101st trade the {@code bad} values. */
    private static void produce(JobConfig config, List<String> bad) {
        try (CaptureTrades.Producer producer =
                new CaptureTrades.Producer(KAFKA.bootstrapServers(), topics(config).trades.name)) {
            for (int i = 0; i < trades.size(); i++) {
                producer.send(trades.get(i));
                if (i == 100) {
                    Trade t = trades.get(i);
                    for (String value : bad) {
                        producer.sendRaw(JsonRecords.TRADES.key(t), value, t.tradeTime);
                    }
                }
            }
        }
    }

    /**
     * Asserts that {@code topic} holds the lines of the file job's {@code <file>.jsonl}, each as
     * often as there (in any order: partitions and subtasks interleave), and returns them.
     */
    private static List<String> assertSameRecords(JobConfig config, String topic, String file)
            throws IOException {
        List<String> expected = new ArrayList<>(Files.readAllLines(fileJob.resolve(file + ".jsonl")));
        List<String> actual = dump(config, topic);
        assertThat(expected).as(file).isNotEmpty();
        expected.sort(null);
        assertThat(actual).as(topic).isEqualTo(expected);
        return actual;
    }

    /** The values of {@code topic}, read {@code read_committed}, sorted. */
    private static List<String> dump(JobConfig config, String topic) throws IOException {
        return CommittedTopics.sortedValues(KAFKA.bootstrapServers(), topic,
                work.resolve(config.name + "-" + topic));
    }

    /** The states of the transactions of {@code job}'s sink to {@code topic}. */
    private static List<TransactionState> transactions(JobConfig config, String job, String topic)
            throws Exception {
        String prefix = config.name + "." + job + "." + topic + "-";
        return KAFKA.admin().listTransactions().all().get().stream()
                .filter(t -> t.transactionalId().startsWith(prefix))
                .map(TransactionListing::state).toList();
    }

    private static Trade copy(Trade trade) {
        Decoded<Trade> copy = JsonRecords.TRADES.decode(JsonRecords.TRADES.value(trade), "copy", 0);
        return copy.value;
    }

    private static List<String> csvFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv"))
                    .sorted().toList();
        }
    }
}
