package io.quantstream.connectors.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * End offsets a {@code read_committed} reader can rely on. {@code commitTransaction()} returns once
 * the coordinator has decided the commit; the markers that make the records visible reach the
 * partitions a moment later. Until then a partition's last stable offset (what
 * {@code endOffsets} returns to a {@code read_committed} consumer) still stops before the
 * committed records, and a reader that starts right after a commit sees the partition short.
 */
public final class StableOffsets {

    private StableOffsets() {}

    /**
     * The {@code read_committed} end offsets of {@code partitions} once no transaction is open on
     * them (last stable offset = log end offset), or what is stable when {@code timeout} passes
     * first (another producer keeps a transaction open).
     *
     * @param readCommitted a consumer with {@code isolation.level=read_committed}
     */
    public static Map<TopicPartition, Long> await(Consumer<?, ?> readCommitted,
            String bootstrapServers, Collection<TopicPartition> partitions, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> uncommitted = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", bootstrapServers, "isolation.level", "read_uncommitted",
                "enable.auto.commit", false), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            while (true) {
                Map<TopicPartition, Long> stable = readCommitted.endOffsets(partitions);
                if (stable.equals(uncommitted.endOffsets(partitions))
                        || System.nanoTime() > deadline) {
                    return stable;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return stable;
                }
            }
        }
    }

    /**
     * {@link #await} for every partition of {@code topic}, with a {@code read_committed} consumer
     * of its own.
     */
    public static Map<TopicPartition, Long> await(String bootstrapServers, String topic, Duration timeout) {
        try (KafkaConsumer<byte[], byte[]> readCommitted = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", bootstrapServers, "isolation.level", "read_committed",
                "enable.auto.commit", false), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = readCommitted.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return await(readCommitted, bootstrapServers, partitions, timeout);
        }
    }
}
