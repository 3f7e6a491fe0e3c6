package io.quantstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.connectors.kafka.Decoded;
import io.quantstream.connectors.kafka.JsonRecords;
import io.quantstream.connectors.kafka.KafkaBrokerExtension;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.topology.KafkaInput;
import io.quantstream.jobs.topology.KafkaSinks;
import io.quantstream.model.Kline;
import io.quantstream.model.Trade;
import io.quantstream.testing.MiniClusters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A partition that stops receiving records does not stall the bars of the others, nor the quiet
 * minutes of its own instruments: {@code MarketDataJob} on an unbounded {@code trades} topic of
 * two partitions, USD-M BTCUSDT's capture on partition 0 and ETHUSDT's on partition 1. ETHUSDT's
 * trades stop after its third minute; BTCUSDT's keep coming, a batch every 200 ms. Once ETHUSDT's
 * partition has been quiet for the idleness (1 s), the watermark follows BTCUSDT alone: every
 * BTCUSDT minute the watermark passes is closed on the {@code klines} topic, and ETHUSDT gets an
 * empty bar (count 0, open = high = low = close = its last close) for each of those minutes. Run
 * with one source subtask reading both partitions (the split's idleness) and with one per
 * partition (the subtask's).
 */
class IdlePartitionITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final long MINUTE = 60_000L;

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2})
    void barsCloseWhileOnePartitionIsIdle(int parallelism) throws Exception {
        JobConfig config = config("idle-" + parallelism, parallelism);
        List<Trade> btc = new ArrayList<>();
        List<Trade> eth = new ArrayList<>();
        for (Trade t : CaptureTrades.read()) {
            (t.symbol.equals("BTCUSDT") ? btc : eth).add(t);
        }
        long ethFirstMinute = minute(eth.get(0).tradeTime);
        long ethLastMinute = ethFirstMinute + 2 * MINUTE;
        List<Trade> ethSent = eth.stream().filter(t -> minute(t.tradeTime) <= ethLastMinute).toList();
        // the watermark after BTCUSDT's last trade: 1 s out-of-orderness, 1 ms for shared milliseconds
        long watermark = btc.get(btc.size() - 1).tradeTime - 1000 - 1;
        long lastClosed = minute(watermark + 1) - MINUTE; // the last minute whose close time ≤ watermark

        try (CaptureTrades.Producer producer =
                new CaptureTrades.Producer(KAFKA.bootstrapServers(), config.kafka.topics.trades.name)) {
            ethSent.forEach(t -> producer.send(1, t));
            int batch = btc.size() / 40 + 1;
            btc.subList(0, batch).forEach(t -> producer.send(0, t));
            producer.flush();

            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                    JobEnvironment.kafkaJob(config));
            new MarketDataJob(config, KafkaInput.trades(config, MarketDataJob.NAME).build(),
                    KafkaSinks.of(config, MarketDataJob.NAME)).define(env);
            JobClient job = env.executeAsync(config.name);
            try {
                for (int from = batch; from < btc.size(); from += batch) {
                    Thread.sleep(200);
                    btc.subList(from, Math.min(btc.size(), from + batch)).forEach(t -> producer.send(0, t));
                    producer.flush();
                }
                Map<String, TreeMap<Long, Kline>> bars = readUntil(config, lastClosed, "USDM:BTCUSDT", "USDM:ETHUSDT");

                TreeMap<Long, Kline> btcBars = bars.get("USDM:BTCUSDT");
                TreeMap<Long, Kline> ethBars = bars.get("USDM:ETHUSDT");
                assertThat(btcBars.keySet()).containsExactlyElementsOf(
                        minutes(minute(btc.get(0).tradeTime), lastClosed));
                assertThat(ethBars.keySet()).containsExactlyElementsOf(minutes(ethFirstMinute, lastClosed));
                assertThat(lastClosed).as("BTCUSDT closes minutes after ETHUSDT's last")
                        .isGreaterThan(ethLastMinute + MINUTE);
                Kline last = ethBars.get(ethLastMinute);
                assertThat(last.count).isPositive();
                for (Kline quiet : ethBars.tailMap(ethLastMinute, false).values()) {
                    assertThat(quiet.count).as("ETHUSDT %d", quiet.openTime).isZero();
                    assertThat(List.of(quiet.open, quiet.high, quiet.low, quiet.close))
                            .as("ETHUSDT %d", quiet.openTime).containsOnly(last.close);
                }
            } finally {
                job.cancel().get();
            }
        }
    }

    private static JobConfig config(String test, int parallelism) {
        JobConfig config = new JobConfig();
        config.name = test;
        config.parallelism = parallelism;
        config.watermark.outOfOrderness = "1s";
        config.watermark.idleness = "1s";
        config.kafka.bootstrapServers = KAFKA.bootstrapServers();
        config.flink.put("execution.checkpointing.interval", "300ms");
        for (JobConfig.Topic topic : config.kafka.topics.all()) {
            topic.name = test + "-" + topic.name;
            topic.configs.putAll(CaptureTrades.TOPIC_CONFIGS);
        }
        config.kafka.topics.trades.partitions = 2;
        KAFKA.createTopics(config.kafka.topics.trades.spec(), config.kafka.topics.klines.spec(),
                config.kafka.topics.deadLetters.spec());
        return config;
    }

    /**
     * The 1m klines on the topic by instrument and open time, read {@code read_committed} until
     * the bar of {@code openTime} of every one of {@code instruments} is there (or 60 s have passed).
     */
    private static Map<String, TreeMap<Long, Kline>> readUntil(JobConfig config, long openTime,
            String... instruments) {
        String topic = config.kafka.topics.klines.name;
        Map<String, TreeMap<Long, Kline>> bars = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", KAFKA.bootstrapServers(), "isolation.level", "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!List.of(instruments).stream().allMatch(i ->
                            bars.getOrDefault(i, new TreeMap<>()).containsKey(openTime))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    Decoded<Kline> k = JsonRecords.KLINES.decode(r.value(), "test", r.timestamp());
                    assertThat(k.deadLetter).isNull();
                    if (k.value.interval.equals("1m")) {
                        Kline previous = bars.computeIfAbsent(k.value.market + ":" + k.value.symbol,
                                i -> new TreeMap<>()).put(k.value.openTime, k.value);
                        assertThat(previous).as("bar written twice: %s", k.value).isNull();
                    }
                }
            }
        }
        return bars;
    }

    private static List<Long> minutes(long first, long last) {
        List<Long> minutes = new ArrayList<>();
        for (long m = first; m <= last; m += MINUTE) {
            minutes.add(m);
        }
        return minutes;
    }

    private static long minute(long time) {
        return time - Math.floorMod(time, MINUTE);
    }
}
