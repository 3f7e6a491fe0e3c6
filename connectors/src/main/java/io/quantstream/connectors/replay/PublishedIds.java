package io.quantstream.connectors.replay;

import io.quantstream.connectors.kafka.Decoded;
import io.quantstream.connectors.kafka.JsonRecords;
import io.quantstream.connectors.kafka.StableOffsets;
import io.quantstream.model.Trade;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The last trade id per instrument already on a trades topic, read {@code read_committed} from
 * the tail of the instrument's partition.
 *
 * <p>The end offsets are taken once, when this opens (after the replay's producer has fenced an
 * earlier one, so an open transaction of a killed replay is aborted by then); what is written
 * afterwards is not read. A partition is read backwards in growing chunks (1,000 records, then
 * twice as many each time) until the instrument's latest record is found or the partition's
 * beginning is reached; every instrument seen on the way is remembered, so each record is read
 * at most once. The id is the {@code aggTradeId} of the instrument's latest record that decodes
 * as a trade (one that does not is passed over).
 */
final class PublishedIds implements AutoCloseable {

    /** No trade of the instrument on the topic. */
    static final long NONE = Long.MIN_VALUE;

    private static final int FIRST_CHUNK = 1_000;
    private static final Duration STALL = Duration.ofSeconds(30);

    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<Integer, Tail> tails = new HashMap<>();

    /** What is known of one partition: the offsets read, {@code [low, end)}, and the ids found there. */
    private static final class Tail {
        final long begin;
        final long end;
        long low;
        int chunk = FIRST_CHUNK;
        final Map<String, Long> lastIds = new HashMap<>();

        Tail(long begin, long end) {
            this.begin = begin;
            this.end = end;
            this.low = end;
        }
    }

    /** @throws IllegalArgumentException if the topic does not exist */
    PublishedIds(String bootstrapServers, String topic) {
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", bootstrapServers,
                "isolation.level", "read_committed",
                "enable.auto.commit", false,
                "max.poll.records", 5000), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            var infos = consumer.partitionsFor(topic);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalArgumentException("no topic " + topic);
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            // read_committed: the last stable offsets, once an earlier run's commit is visible
            Map<TopicPartition, Long> end = StableOffsets.await(consumer, bootstrapServers,
                    partitions, STALL);
            for (TopicPartition p : partitions) {
                tails.put(p.partition(), new Tail(begin.get(p), end.get(p)));
            }
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    /** Number of partitions of the topic. */
    int partitions() {
        return tails.size();
    }

    /** Records of the partitions read so far. */
    long recordsRead() {
        return tails.values().stream().mapToLong(t -> t.end - t.low).sum();
    }

    /**
     * The {@code aggTradeId} of the latest trade keyed {@code key} in {@code partition}, or
     * {@link #NONE}.
     *
     * @throws IllegalStateException if the broker stops returning records of the partition
     */
    long lastId(String key, int partition) {
        Tail tail = tails.get(partition);
        while (!tail.lastIds.containsKey(key) && tail.low > tail.begin) {
            readChunk(partition, tail);
        }
        return tail.lastIds.getOrDefault(key, NONE);
    }

    @Override
    public void close() {
        consumer.close();
    }

    private void readChunk(int partition, Tail tail) {
        long from = Math.max(tail.begin, tail.low - tail.chunk);
        long to = tail.low;
        TopicPartition tp = new TopicPartition(topic, partition);
        consumer.assign(List.of(tp));
        consumer.seek(tp, from);
        Map<String, Long> chunkIds = new HashMap<>(); // the chunk read forwards: the later record wins
        long lastProgress = System.nanoTime();
        while (consumer.position(tp) < to) {
            var records = consumer.poll(Duration.ofMillis(200));
            if (!records.isEmpty()) {
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
                throw new IllegalStateException("topic " + topic + " partition " + partition
                        + ": no records for " + STALL.toSeconds() + " s before offset " + to);
            }
            for (ConsumerRecord<byte[], byte[]> r : records) {
                if (r.offset() >= to || r.key() == null) {
                    continue;
                }
                String key = new String(r.key(), StandardCharsets.UTF_8);
                if (tail.lastIds.containsKey(key)) {
                    continue; // a later chunk has its latest record
                }
                Decoded<Trade> trade = JsonRecords.TRADES.decode(r.value(), "", r.timestamp());
                if (trade.value != null) {
                    chunkIds.put(key, trade.value.aggTradeId);
                }
            }
        }
        chunkIds.forEach(tail.lastIds::putIfAbsent);
        tail.low = from;
        tail.chunk = (int) Math.min(Integer.MAX_VALUE / 2, tail.chunk * 2L);
    }
}
