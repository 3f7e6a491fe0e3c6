package io.quantstream.jobs.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantstream.connectors.kafka.Decoded;
import io.quantstream.connectors.kafka.JsonRecords;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.model.Interval;
import io.quantstream.model.Kline;
import io.quantstream.model.TargetPosition;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The status line of a live run:
 *
 * <pre>[  42s] RUNNING  trades 12,345/s (412,345 read)  bars 1,234  lag BTCUSDT 14s ETHUSDT 14s
 *     dead letters 0  targets 12:34 BTCUSDT +0.500 ETHUSDT -0.500</pre>
 *
 * <ul>
 *   <li>trades: what the pipeline's trades source emitted (its {@code numRecordsOut} in the REST
 *       API of the MiniCluster), per second since the last line;
 *   <li>bars, dead letters, targets: what the job committed to the {@code klines},
 *       {@code dead-letters} and {@code target-positions} topics since this status began, read
 *       {@code read_committed} by one consumer of those low-volume topics (every kline of every
 *       interval; the last decision time's target weights);
 *   <li>lag per instrument: how far the close of its last committed 1m bar is behind the
 *       reference time: the newest trade time replayed, or the wall clock without a replay. It
 *       is the watermark's delay behind the trades plus the commit interval, and grows by up to
 *       a minute between two bars.
 * </ul>
 *
 * The line names at most {@value #SHOWN} instruments, then how many more.
 */
final class LiveStatus implements AutoCloseable {

    private static final int SHOWN = 4;
    private static final String TRADES_SOURCE = "read kafka trades";

    private final JobConfig.Topics topics;
    private final LocalCluster cluster;
    private final KafkaConsumer<byte[], byte[]> consumer;

    private long bars;
    private long deadLetters;
    /** Close time of the last 1m bar per instrument key, epoch ms UTC. */
    private final Map<String, Long> lastBarClose = new TreeMap<>();
    private long targetsTime = Long.MIN_VALUE;
    private final Map<String, Double> targetWeights = new TreeMap<>();

    private String tradesMetric;
    private String tradesVertex;
    private long tradesRead;
    private long tradesReadBefore;
    private long before = System.nanoTime();

    LiveStatus(JobConfig config, LocalCluster cluster) {
        this.topics = config.kafka.topics;
        this.cluster = cluster;
        this.consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", config.kafka.bootstrapServers,
                "isolation.level", "read_committed", "enable.auto.commit", false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (JobConfig.Topic topic : List.of(topics.klines, topics.targetPositions, topics.deadLetters)) {
            consumer.partitionsFor(topic.name).forEach(p -> partitions.add(new TopicPartition(topic.name, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions); // a topic of months of klines is not read at every start
    }

    /**
     * Reads what was committed since the last call, the job's state and trade count, and returns
     * the line.
     *
     * @param referenceTime the time lags are measured to, epoch ms UTC ({@code Long.MIN_VALUE}:
     *     none yet); never before the newest bar's close
     */
    String update(JobID job, long referenceTime, long elapsedSeconds) {
        readTopics();
        long now = System.nanoTime();
        String state = readJob(job);
        double seconds = (now - before) / 1e9;
        double rate = seconds > 0 ? (tradesRead - tradesReadBefore) / seconds : 0;
        before = now;
        tradesReadBefore = tradesRead;
        StringBuilder line = new StringBuilder(String.format("[%4ds] %s  trades %,.0f/s (%,d read)  bars %,d",
                elapsedSeconds, state, rate, tradesRead, bars));
        if (!lastBarClose.isEmpty()) {
            long reference = Math.max(referenceTime,
                    lastBarClose.values().stream().mapToLong(Long::longValue).max().getAsLong() + 1);
            line.append("  lag ").append(shown(lastBarClose.entrySet().stream()
                    .map(e -> symbol(e.getKey()) + " " + duration(reference - e.getValue() - 1))
                    .collect(Collectors.toList())));
        }
        line.append(String.format("  dead letters %,d", deadLetters));
        if (targetsTime != Long.MIN_VALUE) {
            line.append("  targets ").append(Instant.ofEpochMilli(targetsTime + 1).toString(), 11, 16)
                    .append(' ').append(shown(targetWeights.entrySet().stream()
                            .map(e -> symbol(e.getKey()) + String.format(" %+.3f", e.getValue()))
                            .collect(Collectors.toList())));
        }
        return line.toString();
    }

    private void readTopics() {
        while (true) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(50));
            if (records.isEmpty()) {
                return;
            }
            for (ConsumerRecord<byte[], byte[]> r : records) { // origins unused: bad records are only skipped
                if (r.topic().equals(topics.klines.name)) {
                    kline(JsonRecords.KLINES.decode(r.value(), "", r.timestamp()));
                } else if (r.topic().equals(topics.targetPositions.name)) {
                    target(JsonRecords.TARGET_POSITIONS.decode(r.value(), "", r.timestamp()));
                } else {
                    deadLetters++;
                }
            }
        }
    }

    private void kline(Decoded<Kline> decoded) {
        Kline k = decoded.value;
        if (k == null) {
            return;
        }
        bars++;
        if (Interval.ONE_MINUTE.label().equals(k.interval)) {
            lastBarClose.merge(JsonRecords.instrument(k.market, k.symbol), k.closeTime, Math::max);
        }
    }

    private void target(Decoded<TargetPosition> decoded) {
        TargetPosition t = decoded.value;
        if (t == null || t.time < targetsTime) {
            return;
        }
        if (t.time > targetsTime) {
            targetsTime = t.time;
            targetWeights.clear();
        }
        targetWeights.put(JsonRecords.instrument(t.market, t.symbol), t.weight);
    }

    /**
     * The job's state, and the trades source's {@code numRecordsOut} summed over its subtasks;
     * the metric's name is looked up once (operator metrics are named after the operator, e.g.
     * {@code Source__read_kafka_trades.numRecordsOut}).
     */
    private String readJob(JobID job) {
        try {
            JsonNode details = cluster.get("/jobs/" + job);
            if (tradesMetric == null) {
                for (JsonNode v : details.path("vertices")) {
                    if (v.path("name").asText().contains(TRADES_SOURCE)) {
                        tradesVertex = "/jobs/" + job + "/vertices/" + v.path("id").asText() + "/subtasks/metrics";
                    }
                }
                if (tradesVertex == null) {
                    return details.path("state").asText();
                }
                for (JsonNode m : cluster.get(tradesVertex)) {
                    String id = m.path("id").asText();
                    if (id.endsWith(".numRecordsOut") && id.contains(TRADES_SOURCE.replace(' ', '_'))) {
                        tradesMetric = id;
                    }
                }
                if (tradesMetric == null) {
                    return details.path("state").asText();
                }
            }
            JsonNode values = cluster.get(tradesVertex + "?agg=sum&get="
                    + URLEncoder.encode(tradesMetric, StandardCharsets.UTF_8));
            if (values.size() > 0) {
                tradesRead = Math.max(tradesRead, values.get(0).path("sum").asLong());
            }
            return details.path("state").asText();
        } catch (Exception e) {
            return "(busy)"; // the REST API may be busy while the job (re)starts; the next line asks again
        }
    }

    private static String shown(List<String> items) {
        if (items.size() <= SHOWN) {
            return String.join(" ", items);
        }
        return String.join(" ", items.subList(0, SHOWN)) + " +" + (items.size() - SHOWN) + " more";
    }

    private static String symbol(String instrument) {
        return instrument.substring(instrument.indexOf(':') + 1);
    }

    /** {@code 14s}, {@code 3m05s}, {@code 2h07m}, {@code 3d04h}; negative as {@code 0s}. */
    static String duration(long millis) {
        long s = Math.max(0, millis) / 1000;
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        if (s < 86_400) {
            return String.format("%dh%02dm", s / 3600, s % 3600 / 60);
        }
        return String.format("%dd%02dh", s / 86_400, s % 86_400 / 3600);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
