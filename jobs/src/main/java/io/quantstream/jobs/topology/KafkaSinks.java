package io.quantstream.jobs.topology;

import io.quantstream.connectors.kafka.JsonRecords;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.model.TargetPosition;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/**
 * The Kafka sinks of a job on Kafka, one per output topic of {@code kafka.topics}.
 *
 * <pre>{@code
 * OutputSinks sinks = KafkaSinks.of(config, "market-data");
 * }</pre>
 *
 * <p>Every sink is exactly once ({@link JsonRecords#exactlyOnceSink}: Kafka transactions
 * committed when a checkpoint completes, {@code transaction.timeout.ms} 15 min, within the
 * broker's {@code transaction.max.timeout.ms}) with its own transactional-id prefix
 * {@code <name>.<job>.<topic>}, stable across restarts and unique per sink as long as two
 * deployments of one job do not share a config {@code name}. The target-positions sink may be
 * at least once instead ({@code kafka.targetPositionsDelivery}): target positions are states
 * on a compacted topic, so a record written again after a restore repeats the state it had.
 * Target deltas and control actions are events, not states: always exactly once.
 */
public final class KafkaSinks {

    private KafkaSinks() {}

    /**
     * @param job the job's name in the transactional ids, e.g. {@code market-data}
     * @throws IllegalArgumentException if {@code kafka.targetPositionsDelivery} is not a guarantee
     */
    public static OutputSinks of(JobConfig config, String job) {
        JobConfig.Topics topics = config.kafka.topics;
        return new OutputSinks(
                exactlyOnce(JsonRecords.KLINES, topics.klines, config, job),
                exactlyOnce(JsonRecords.FACTORS, topics.factors, config, job),
                exactlyOnce(JsonRecords.CROSS_SECTIONS, topics.crossSections, config, job),
                targetPositions(config, job),
                exactlyOnce(JsonRecords.TARGET_DELTAS, topics.targetDeltas, config, job),
                exactlyOnce(JsonRecords.CONTROL_ACTIONS, topics.controlActions, config, job),
                exactlyOnce(JsonRecords.DEAD_LETTERS, topics.deadLetters, config, job));
    }

    /**
     * Transactional-id prefix of {@code job}'s sink to {@code topic}: {@code <name>.<job>.<topic>}
     * with the config's name in lower case ({@code quantstream.market-data.klines}).
     */
    static String transactionalIdPrefix(JobConfig config, String job, String topic) {
        return KafkaInput.name(config) + "." + job + "." + topic;
    }

    private static KafkaSink<TargetPosition> targetPositions(JobConfig config, String job) {
        JobConfig.Topic topic = config.kafka.topics.targetPositions;
        String delivery = config.kafka.targetPositionsDelivery;
        if (JobConfig.Kafka.EXACTLY_ONCE.equals(delivery)) {
            return exactlyOnce(JsonRecords.TARGET_POSITIONS, topic, config, job);
        }
        if (!JobConfig.Kafka.AT_LEAST_ONCE.equals(delivery)) {
            throw new IllegalArgumentException("kafka.targetPositionsDelivery: '" + delivery
                    + "' is not a delivery guarantee");
        }
        return KafkaSink.<TargetPosition>builder()
                .setBootstrapServers(config.kafka.bootstrapServers)
                .setRecordSerializer(JsonRecords.TARGET_POSITIONS.serializer(topic.name))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    private static <T> KafkaSink<T> exactlyOnce(JsonRecords<T> records, JobConfig.Topic topic,
            JobConfig config, String job) {
        return records.exactlyOnceSink(config.kafka.bootstrapServers, topic.name,
                transactionalIdPrefix(config, job, topic.name));
    }
}
