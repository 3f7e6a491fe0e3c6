package io.quantstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantstream.connectors.file.JsonLinesSink;
import io.quantstream.connectors.kafka.JsonRecords;
import io.quantstream.connectors.kafka.KafkaBrokerExtension;
import io.quantstream.connectors.kafka.TopicDump;
import io.quantstream.jobs.config.ConfigLoader;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.state.HistoryBootstrap;
import io.quantstream.jobs.topology.KafkaInput;
import io.quantstream.jobs.topology.KafkaSinks;
import io.quantstream.model.FactorVector;
import io.quantstream.model.Instrument;
import io.quantstream.model.Kline;
import io.quantstream.model.Market;
import io.quantstream.testing.MiniClusters;
import io.quantstream.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code state bootstrap} on the real 2026-02 1m klines of the seven USD-M perpetuals: a savepoint
 * of factor state built from the history before a split time gives {@code FactorJob} on Kafka,
 * started from it with only the bars after the split, the factor values of a file job that ran
 * through the whole month: on its first bar and on every bar after.
 */
class FactorStateBootstrapITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final String KLINES = "binance/vision/futures/um/monthly/klines";
    private static final List<String> SYMBOLS = List.of("ALGOUSDT", "AVAXUSDT", "DOTUSDT",
            "FILUSDT", "LINKUSDT", "LTCUSDT", "NEARUSDT");
    /** Warm-ups up to 25 bars (log_return(24)) and 21 (the 20-bar correlation). */
    private static final String FACTORS = "ema(24),rsi(14),log_return(24),realized_vol(24),"
            + "taker_buy_ratio,CORR20=Corr($close,Log($volume+1),20),IMAX10=IdxMax($high,10)/10";
    private static final String SPLIT = "2026-02-15T07:00:00Z";
    private static final ObjectMapper JSON = JsonLinesSink.mapper();

    @TempDir static Path work;

    @Test
    void aBootstrappedFactorJobGivesTheFactorsOfAJobThatRanThroughTheHistory() throws Exception {
        long split = Instant.parse(SPLIT).toEpochMilli();
        Path full = work.resolve("full");
        FileJobRuns.run(config("batch", full));
        Map<String, List<FactorVector>> expected = byKey(read(full.resolve("factors.jsonl")));
        assertThat(expected).hasSize(SYMBOLS.size());

        Path savepoint = work.resolve("bootstrapped");
        HistoryBootstrap.define(config("batch", work.resolve("unused")),
                List.of(SharedData.require(KLINES).toString()), Long.MIN_VALUE, split, savepoint)
                .execute("state bootstrap");
        assertThat(savepoint.resolve("_metadata")).isRegularFile();

        JobConfig live = config("streaming", work.resolve("live"));
        live.kafka.bootstrapServers = KAFKA.bootstrapServers();
        live.flink.put("execution.checkpointing.interval", "500ms");
        live.flink.put("state.backend.type", "rocksdb");
        live.flink.put("execution.state-recovery.path", savepoint.toUri().toString());
        for (JobConfig.Topic topic : List.of(live.kafka.topics.klines, live.kafka.topics.factors,
                live.kafka.topics.deadLetters)) {
            topic.configs.put("retention.ms", "-1"); // 2026 event times as Kafka timestamps
            KAFKA.createTopics(topic.spec());
        }
        List<Kline> after = new ArrayList<>();
        for (String symbol : SYMBOLS) {
            List<Kline> hours = KlineCsvFiles.read(full.resolve(symbol + "-1h.csv"), Market.USDM,
                    symbol, "1h");
            assertThat(hours).as(symbol).hasSizeGreaterThan(600);
            hours.stream().filter(k -> k.openTime >= split).forEach(after::add);
        }
        after.sort(Comparator.comparingLong((Kline k) -> k.closeTime).thenComparing(k -> k.symbol));
        publish(live.kafka.topics.klines.name, after);
        new FactorJob(live, KafkaInput.klines(live, FactorJob.NAME)
                .setBounded(OffsetsInitializer.latest()).build(), KafkaSinks.of(live, FactorJob.NAME))
                .execute();

        Path dump = work.resolve("factors-topic");
        CommittedTopics.awaitStable(KAFKA.bootstrapServers(), live.kafka.topics.factors.name);
        TopicDump.jsonLines(KAFKA.bootstrapServers(), live.kafka.topics.factors.name, dump);
        Map<String, List<FactorVector>> fromSavepoint =
                byKey(read(dump.resolve(live.kafka.topics.factors.name + ".jsonl")));
        assertThat(fromSavepoint.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Map.Entry<String, List<FactorVector>> key : fromSavepoint.entrySet()) {
            List<FactorVector> got = key.getValue();
            List<FactorVector> want = expected.get(key.getKey()).stream()
                    .filter(v -> v.openTime >= split).toList();
            FactorVector first = got.get(0);
            assertThat(first.openTime).as(key.getKey()).isEqualTo(split);
            assertThat(Arrays.stream(first.values))
                    .as("%s: warm on the first bar", key.getKey()).allMatch(Double::isFinite);
            assertThat(first.values).as("%s first bar", key.getKey())
                    .containsExactly(want.get(0).values);
            assertThat(got).hasSameSizeAs(want);
            for (int i = 0; i < got.size(); i++) {
                assertThat(got.get(i).openTime).isEqualTo(want.get(i).openTime);
                assertThat(got.get(i).values).as("%s bar %d", key.getKey(), i)
                        .containsExactly(want.get(i).values);
            }
        }
    }

    /** 1h factors of the seven instruments' 1m kline files, rolled up by the job. */
    private static JobConfig config(String mode, Path output) {
        JobConfig config = ConfigLoader.load(Path.of("../config/demo.yaml"), List.of(
                "--mode", mode, "--name", "bootstrap-" + mode, "--output", output.toString(),
                "--input.dataDir", SharedData.root().toString(), "--klines.intervals", "1m,1h",
                "--factorIntervals", "1h"));
        config.factors = FACTORS;
        config.universe = null;
        config.crossSection = null;
        config.strategy = null;
        return config;
    }

    private static void publish(String topic, List<Kline> bars) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", KAFKA.bootstrapServers(), "acks", "all", "linger.ms", 5),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (Kline k : bars) {
                sent.add(producer.send(new ProducerRecord<>(topic, null, k.closeTime,
                        JsonRecords.KLINES.key(k).getBytes(StandardCharsets.UTF_8),
                        JsonRecords.KLINES.value(k))));
            }
            for (Future<RecordMetadata> record : sent) {
                record.get();
            }
        }
    }

    private static List<FactorVector> read(Path file) throws IOException {
        List<FactorVector> vectors = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            vectors.add(JSON.readValue(line, FactorVector.class));
        }
        return vectors;
    }

    /** By instrument and interval, each key's vectors in open-time order. */
    private static Map<String, List<FactorVector>> byKey(List<FactorVector> vectors) {
        Map<String, List<FactorVector>> keys = new LinkedHashMap<>();
        vectors.stream().sorted(Comparator.comparingLong(v -> v.openTime)).forEach(v -> keys
                .computeIfAbsent(Instrument.key(v.market, v.symbol) + ":" + v.interval,
                        k -> new ArrayList<>()).add(v));
        return keys;
    }
}
