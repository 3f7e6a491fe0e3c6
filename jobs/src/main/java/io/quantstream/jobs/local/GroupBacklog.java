package io.quantstream.jobs.local;

import io.quantstream.connectors.kafka.StableOffsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Whether a consumer group has read topics to their end, as {@code read_committed} readers see
 * them: the job's Kafka sources commit the offset after the last record they read to their group
 * when a checkpoint completes, so a partition is read once no committed record lies at or after
 * that offset (what may follow it are transaction markers and aborted records, which a reader
 * skips). A partition the group has no offset for counts from its beginning.
 */
public final class GroupBacklog implements AutoCloseable {

    /** How long to wait for open transactions to land or a partition's tail to be read, s. */
    private static final long TIMEOUT_SECONDS = 10;
    private static final Duration TIMEOUT = Duration.ofSeconds(TIMEOUT_SECONDS);

    private final String bootstrapServers;
    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> consumer;

    public GroupBacklog(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers));
        this.consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers,
                "isolation.level", "read_committed", "enable.auto.commit", false,
                "max.poll.records", 1), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * {@code true} when {@code group} has committed offsets past every committed record of
     * {@code topics}; {@code false} when a record is left, or the tail could not be read within
     * {@value #TIMEOUT_SECONDS} s.
     */
    public boolean isRead(String group, Collection<String> topics) throws InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed;
        try {
            committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the offsets of consumer group " + group
                    + " at " + bootstrapServers + ": " + e.getCause().getMessage(), e);
        }
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        Map<TopicPartition, Long> end = StableOffsets.await(consumer, bootstrapServers, partitions, TIMEOUT);
        Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
        List<TopicPartition> behind = new ArrayList<>();
        for (TopicPartition p : partitions) {
            OffsetAndMetadata offset = committed.get(p);
            long position = offset != null ? offset.offset() : beginning.get(p);
            if (position < end.get(p)) {
                behind.add(p);
            }
        }
        if (behind.isEmpty()) {
            return true;
        }
        consumer.assign(behind);
        for (TopicPartition p : behind) {
            OffsetAndMetadata offset = committed.get(p);
            consumer.seek(p, offset != null ? offset.offset() : beginning.get(p));
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (behind.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            if (!consumer.poll(Duration.ofMillis(100)).isEmpty() || System.nanoTime() > deadline) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        consumer.close();
        admin.close();
    }
}
