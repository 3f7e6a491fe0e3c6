package io.quantstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.quantstream.connectors.kafka.JsonRecords;
import io.quantstream.connectors.kafka.KafkaBrokerExtension;
import io.quantstream.connectors.kafka.TopicDump;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.topology.FileSinks;
import io.quantstream.jobs.topology.KafkaInput;
import io.quantstream.jobs.topology.KafkaSinks;
import io.quantstream.model.ControlAction;
import io.quantstream.model.ControlCommand;
import io.quantstream.model.DeadLetter;
import io.quantstream.model.TargetDelta;
import io.quantstream.model.TargetPosition;
import io.quantstream.model.Trade;
import io.quantstream.testing.MiniClusters;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control topic drives the pipeline job's portfolio on a real broker: a FLAT and a RESUME
 * sent on {@code control} while the job runs change {@code target-positions} as documented, are
 * reported on {@code control-actions}, and every change of a target is on {@code target-deltas};
 * bad commands are dead letters and the job runs on.
 *
 * <p>Input: the USD-M BTCUSDT and ETHUSDT captures, 2024-07-18 23:57:02 to 2024-07-19 00:05:02
 * UTC, ranked every minute ({@link KafkaJobsITCase#stages}). A bar's decision time is its close,
 * {@code open + 59 999 ms}. The FLAT at 00:00:30 takes effect at the first bar closing after it,
 * 00:00 (close 00:00:59.999); the 00:01 bar (close 00:01:59.999) is frozen; the RESUME at 00:02:30
 * takes effect at the 00:02 bar (close 00:02:59.999). Outside the freeze the targets are those of
 * the file job (BATCH, no control).
 *
 * <p>Commands apply by their time, but one that arrives after a bar closing after its time was
 * decided takes effect late. So the commands are on the topic, and read by the job (its consumer
 * group committed past them on a checkpoint: the portfolio stage had them by then), before any
 * trade is produced; the trades source stops at the offsets the trades will have.
 */
class ControlTopicITCase {

    /** 2024-07-19 00:00:30 UTC. */
    private static final long FLAT_TIME = 1_721_347_230_000L;
    /** Close of the 00:00 bar. */
    private static final long FLAT_BAR = 1_721_347_259_999L;
    /** Close of the 00:01 bar: no targets, frozen. */
    private static final long FROZEN_BAR = 1_721_347_319_999L;
    /** 2024-07-19 00:02:30 UTC. */
    private static final long RESUME_TIME = 1_721_347_350_000L;
    /** Close of the 00:02 bar. */
    private static final long RESUME_BAR = 1_721_347_379_999L;
    private static final String STRATEGY = "majors-reversal";
    private static final List<String> INSTRUMENTS = List.of("USDM:BTCUSDT", "USDM:ETHUSDT");

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir static Path work;

    /** The file job's targets in BATCH, without control. */
    private static List<TargetPosition> uncontrolled;
    private static List<Trade> trades;

    @BeforeAll
    static void runTheFileJobInBatch() throws Exception {
        Path fileJob = work.resolve("file-job");
        FileJobRuns.capturesInBatch(fileJob);
        uncontrolled = decode(JsonRecords.TARGET_POSITIONS,
                Files.readAllLines(fileJob.resolve(FileSinks.TARGET_POSITIONS + ".jsonl")));
        trades = CaptureTrades.read();
    }

    @Test
    void flatAndResumeOnTheControlTopicZeroTheTargetsBetweenThemWithActionsDeltasAndDeadLetters()
            throws Exception {
        JobConfig config = kafka("control");
        JobConfig.Topics topics = config.kafka.topics;
        try (CaptureTrades.Producer control =
                new CaptureTrades.Producer(KAFKA.bootstrapServers(), topics.control.name)) {
            command(control, ControlCommand.of(ControlCommand.FLAT, STRATEGY, FLAT_TIME, "desk",
                    "test"));
            command(control, ControlCommand.of(ControlCommand.RESUME, null, RESUME_TIME, "desk",
                    null));
            command(control, ControlCommand.of("PANIC", STRATEGY, RESUME_TIME, "desk", null));
        }
        PipelineJob job = new PipelineJob(config,
                KafkaInput.trades(config, PipelineJob.NAME)
                        .setBounded(OffsetsInitializer.offsets(tradeOffsets(topics.trades.name)))
                        .build(),
                KafkaInput.control(config, PipelineJob.NAME)
                        .setBounded(OffsetsInitializer.offsets(
                                Map.of(new TopicPartition(topics.control.name, 0), 4L)))
                        .build(),
                KafkaSinks.of(config, PipelineJob.NAME));
        CompletableFuture<?> run = CompletableFuture.runAsync(() -> {
            try {
                job.execute();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        awaitCommitted(config.name + "." + PipelineJob.NAME,
                new TopicPartition(topics.control.name, 0), 3, run);
        try (CaptureTrades.Producer producer =
                new CaptureTrades.Producer(KAFKA.bootstrapServers(), topics.trades.name);
                CaptureTrades.Producer control =
                        new CaptureTrades.Producer(KAFKA.bootstrapServers(), topics.control.name)) {
            control.sendRaw("*", "{\"action\":\"FLAT\",", FLAT_TIME);
            trades.forEach(producer::send);
        }
        run.get(5, TimeUnit.MINUTES);

        List<TargetPosition> targets =
                read(JsonRecords.TARGET_POSITIONS, config, topics.targetPositions.name);
        assertThat(uncontrolled).as("the file job has a non-zero target at the FLAT's bar")
                .anyMatch(t -> t.time == FLAT_BAR && t.weight != 0);
        assertThat(uncontrolled).anyMatch(t -> t.time == FROZEN_BAR);
        Predicate<TargetPosition> outsideFreeze = t -> t.time < FLAT_BAR || t.time >= RESUME_BAR;
        assertThat(json(JsonRecords.TARGET_POSITIONS, targets, outsideFreeze))
                .as("outside the freeze: the targets without control")
                .isEqualTo(json(JsonRecords.TARGET_POSITIONS, uncontrolled, outsideFreeze));
        List<TargetPosition> flat = targets.stream().filter(t -> t.time == FLAT_BAR).toList();
        assertThat(flat).extracting(ControlTopicITCase::instrument)
                .containsExactlyInAnyOrderElementsOf(INSTRUMENTS);
        assertThat(flat).allSatisfy(t -> {
            assertThat(t.weight).isZero();
            assertThat(t.quantity).isEqualByComparingTo(BigDecimal.ZERO);
            assertThat(t.reason).isEqualTo(TargetPosition.FLAT);
        });
        assertThat(targets).as("frozen until the RESUME's bar")
                .noneMatch(t -> t.time > FLAT_BAR && t.time < RESUME_BAR);

        List<ControlAction> actions =
                read(JsonRecords.CONTROL_ACTIONS, config, topics.controlActions.name);
        actions.sort(Comparator.comparingLong(a -> a.time));
        assertThat(actions).extracting(a -> a.action, a -> a.scope, a -> a.commandTime, a -> a.time,
                        a -> a.outcome, a -> a.late)
                .containsExactly(
                        tuple(ControlCommand.FLAT, STRATEGY, FLAT_TIME,
                                FLAT_BAR, ControlAction.APPLIED, false),
                        tuple(ControlCommand.RESUME, "*", RESUME_TIME,
                                RESUME_BAR, ControlAction.APPLIED, false));
        assertThat(actions.get(0).changed).as("FLAT: the instruments it took to zero")
                .containsExactlyElementsOf(nonZero(uncontrolled, FLAT_BAR - 60_000));
        assertThat(actions.get(1).changed).as("RESUME: the instruments it moved off zero")
                .containsExactlyElementsOf(nonZero(uncontrolled, RESUME_BAR));

        assertDeltasChainOnQuantity(targets,
                read(JsonRecords.TARGET_DELTAS, config, topics.targetDeltas.name));

        List<DeadLetter> deadLetters =
                read(JsonRecords.DEAD_LETTERS, config, topics.deadLetters.name);
        assertThat(deadLetters).extracting(d -> d.stage + " " + d.reason)
                .containsExactlyInAnyOrder("control unknown-action", "decode malformed");
    }

    /**
     * One delta per target whose quantity differs from the previous target of its key (the
     * first: from 0) and per {@code flat} target; each from the previous delta's quantity.
     */
    private static void assertDeltasChainOnQuantity(List<TargetPosition> targets,
            List<TargetDelta> deltas) {
        Map<String, List<TargetPosition>> byKey = targets.stream()
                .sorted(Comparator.comparingLong(t -> t.time))
                .collect(Collectors.groupingBy(ControlTopicITCase::instrument));
        List<String> expected = new ArrayList<>();
        byKey.forEach((key, list) -> {
            BigDecimal previous = BigDecimal.ZERO;
            for (TargetPosition t : list) {
                if (t.quantity.compareTo(previous) != 0 || TargetPosition.FLAT.equals(t.reason)) {
                    expected.add(key + " @" + t.time + " " + plain(previous) + " -> "
                            + plain(t.quantity));
                }
                previous = t.quantity;
            }
        });
        List<String> actual = new ArrayList<>();
        for (TargetDelta d : deltas) {
            assertThat(d.reference).isEqualTo(STRATEGY);
            assertThat(d.deltaQuantity).as(d.toString())
                    .isEqualByComparingTo(d.quantity.subtract(d.previousQuantity));
            actual.add(d.market + ":" + d.symbol + " @" + d.time + " "
                    + plain(d.previousQuantity) + " -> " + plain(d.quantity));
        }
        assertThat(expected).anyMatch(e -> e.contains("@" + FLAT_BAR + " ") && e.endsWith("-> 0"));
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static String plain(BigDecimal quantity) {
        return quantity.stripTrailingZeros().toPlainString();
    }

    /** The instruments with a non-zero target quantity at {@code time}, sorted. */
    private static List<String> nonZero(List<TargetPosition> targets, long time) {
        return targets.stream().filter(t -> t.time == time && t.quantity.signum() != 0)
                .map(ControlTopicITCase::instrument).sorted().toList();
    }

    private static String instrument(TargetPosition t) {
        return t.market + ":" + t.symbol;
    }

    private static void command(CaptureTrades.Producer producer, ControlCommand command) {
        producer.sendRaw(JsonRecords.CONTROL.key(command), new String(
                JsonRecords.CONTROL.value(command), StandardCharsets.UTF_8), command.time);
    }

    /**
     * Where the trades source stops: per partition of {@code topic} (2), the number of captured
     * trades the producer's partitioner puts there (murmur2 of the key, as Kafka's default).
     */
    private static Map<TopicPartition, Long> tradeOffsets(String topic) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        offsets.put(new TopicPartition(topic, 0), 0L);
        offsets.put(new TopicPartition(topic, 1), 0L);
        for (Trade t : trades) {
            byte[] key = JsonRecords.TRADES.key(t).getBytes(StandardCharsets.UTF_8);
            int partition = Utils.toPositive(Utils.murmur2(key)) % 2;
            offsets.merge(new TopicPartition(topic, partition), 1L, Long::sum);
        }
        return offsets;
    }

    /** Waits until {@code group} has committed {@code offset} on {@code partition}. */
    private static void awaitCommitted(String group, TopicPartition partition, long offset,
            CompletableFuture<?> run) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            OffsetAndMetadata committed = KAFKA.admin().listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get().get(partition);
            if (committed != null && committed.offset() >= offset) {
                return;
            }
            if (run.isDone()) {
                run.join();
            }
            assertThat(System.nanoTime()).as("the job read the commands in time")
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /**
     * {@link KafkaJobsITCase#stages} on this test's broker, topics {@code <test>-<topic>}, 2
     * partitions ({@code control}: 1).
     */
    private static JobConfig kafka(String test) {
        JobConfig config = KafkaJobsITCase.stages();
        config.name = "kafka-jobs-" + test;
        config.kafka.bootstrapServers = KAFKA.bootstrapServers();
        config.flink.put("execution.checkpointing.interval", "500ms");
        // the trades partitions wait empty until the commands are read: none may go idle then,
        // or the first to receive trades would run ahead of the other
        config.watermark.idleness = "10min";
        for (JobConfig.Topic topic : config.kafka.topics.all()) {
            topic.name = test + "-" + topic.name;
            topic.partitions = topic == config.kafka.topics.control ? 1 : 2;
            topic.configs.putAll(CaptureTrades.TOPIC_CONFIGS);
            KAFKA.createTopics(topic.spec());
        }
        return config;
    }

    /** The records of {@code topic}, read {@code read_committed}. */
    private static <T> List<T> read(JsonRecords<T> records, JobConfig config, String topic)
            throws IOException {
        Path dir = work.resolve(config.name + "-" + topic);
        TopicDump.Result result = TopicDump.jsonLines(KAFKA.bootstrapServers(), topic, dir);
        assertThat(result.deadLetters()).as("undecodable records on " + topic).isZero();
        return decode(records, Files.readAllLines(dir.resolve(topic + ".jsonl")));
    }

    private static <T> List<T> decode(JsonRecords<T> records, List<String> lines) {
        List<T> values = new ArrayList<>();
        for (String line : lines) {
            values.add(records.decode(line.getBytes(StandardCharsets.UTF_8), "test", 0).value);
        }
        return values;
    }

    /** The JSON of the {@code records} that pass {@code filter}, sorted. */
    private static <T> List<String> json(JsonRecords<T> records, List<T> values,
            Predicate<T> filter) {
        return values.stream().filter(filter)
                .map(v -> new String(records.value(v), StandardCharsets.UTF_8)).sorted().toList();
    }
}
