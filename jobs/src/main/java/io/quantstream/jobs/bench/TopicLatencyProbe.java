package io.quantstream.jobs.bench;

import io.quantstream.connectors.kafka.Decoded;
import io.quantstream.connectors.kafka.JsonRecords;
import io.quantstream.model.Interval;
import io.quantstream.model.Kline;
import io.quantstream.model.TargetPosition;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads an output topic {@code read_committed} from its beginning, in a thread of its own, and
 * records when each bar's record arrived ({@link BarLatencies#received}): the receive time is
 * the wall clock when {@code poll} returned it.
 *
 * <pre>{@code
 * try (TopicLatencyProbe<Kline> klines = TopicLatencyProbe.klines(bootstrap, "klines", latencies)) { … }
 * }</pre>
 */
final class TopicLatencyProbe<T> implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final JsonRecords<T> records;
    private final Predicate<T> measured;
    private final ToLongFunction<T> barEnd;
    private final BarLatencies latencies;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Exception failure;
    private volatile long undecodable;

    private TopicLatencyProbe(String bootstrapServers, String topic, JsonRecords<T> records,
            Predicate<T> measured, ToLongFunction<T> barEnd, BarLatencies latencies) {
        this.records = records;
        this.measured = measured;
        this.barEnd = barEnd;
        this.latencies = latencies;
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", bootstrapServers);
        config.put("isolation.level", "read_committed");
        config.put("enable.auto.commit", false);
        consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::read, "latency-probe-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    /** Arrivals of the 1m klines on {@code topic}; key = instrument, bar end = close time + 1 ms. */
    static TopicLatencyProbe<Kline> klines(String bootstrapServers, String topic,
            BarLatencies latencies) {
        return new TopicLatencyProbe<>(bootstrapServers, topic, JsonRecords.KLINES,
                k -> Interval.ONE_MINUTE.label().equals(k.interval), k -> k.closeTime + 1, latencies);
    }

    /**
     * Arrivals of the target positions on {@code topic}; key = {@code reference|instrument}, bar
     * end = decision time (the bar's close time) + 1 ms.
     */
    static TopicLatencyProbe<TargetPosition> targetPositions(String bootstrapServers, String topic,
            BarLatencies latencies) {
        return new TopicLatencyProbe<>(bootstrapServers, topic, JsonRecords.TARGET_POSITIONS,
                t -> true, t -> t.time + 1, latencies);
    }

    private void read() {
        try {
            while (running) {
                ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(50));
                long now = System.currentTimeMillis();
                for (ConsumerRecord<byte[], byte[]> r : polled) {
                    Decoded<T> d = records.decode(r.value(), r.topic() + "/" + r.partition() + "@" + r.offset(), r.timestamp());
                    if (d.value == null) {
                        undecodable++;
                    } else if (measured.test(d.value)) {
                        latencies.received(records.key(d.value), barEnd.applyAsLong(d.value), now);
                    }
                }
            }
        } catch (Exception e) {
            failure = e;
        }
    }

    /** Records that did not decode so far. */
    long undecodable() {
        return undecodable;
    }

    /**
     * Stops reading.
     *
     * @throws IllegalStateException if reading failed
     */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
        consumer.close();
        if (failure != null) {
            throw new IllegalStateException("reading the output topic failed: " + failure.getMessage(),
                    failure);
        }
    }
}
