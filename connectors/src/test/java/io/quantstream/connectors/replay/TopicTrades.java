package io.quantstream.connectors.replay;

import io.quantstream.connectors.kafka.Decoded;
import io.quantstream.connectors.kafka.JsonRecords;
import io.quantstream.connectors.kafka.StableOffsets;
import io.quantstream.model.Trade;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** What a trades topic holds, read {@code read_committed} to its end offsets, for tests. */
public final class TopicTrades {

    /** One record: where it is, its key and timestamp, and the trade its value decodes to. */
    public record Published(int partition, long offset, String key, long timestamp, Trade trade) {
        /** {@code key#id}, e.g. {@code usdm:BTCUSDT#4567}. */
        public String keyAndId() {
            return key + "#" + trade.aggTradeId;
        }
    }

    private TopicTrades() {}

    /** Every record of {@code topic}, partition by partition, in offset order. */
    public static List<Published> read(String bootstrapServers, String topic) {
        List<Published> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", bootstrapServers, "isolation.level", "read_committed",
                "enable.auto.commit", false), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = StableOffsets.await(consumer, bootstrapServers,
                    partitions, Duration.ofSeconds(10));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topic " + topic + " not read to " + end + " within 60 s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) {
                        continue;
                    }
                    Decoded<Trade> d = JsonRecords.TRADES.decode(r.value(), "test", r.timestamp());
                    if (d.value == null) {
                        throw new IllegalStateException("not a trade at " + r.partition() + "@" + r.offset()
                                + ": " + d.deadLetter);
                    }
                    records.add(new Published(r.partition(), r.offset(),
                            new String(r.key(), StandardCharsets.UTF_8), r.timestamp(), d.value));
                }
            }
        }
        records.sort(Comparator.comparingInt(Published::partition).thenComparingLong(Published::offset));
        return records;
    }

    /** The trades of one key, in offset order. */
    public static List<Published> ofKey(List<Published> records, String key) {
        return records.stream().filter(r -> r.key.equals(key)).collect(Collectors.toList());
    }
}
