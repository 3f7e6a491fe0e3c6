package io.quantstream.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.model.DeadLetter;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.Kline;
import io.quantstream.model.Market;
import io.quantstream.testing.MiniClusters;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Klines through a real broker: a Flink job writes them with the exactly-once sink (transactions
 * committed on checkpoints), a {@code read_committed} source reads back exactly those records,
 * decimals to the last digit; an aborted transaction is never read, and records that are not
 * klines become dead letters while the job goes on.
 */
class KlineTopicRoundTripITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final String TOPIC = "roundtrip-klines";
    private static final List<Kline> WRITTEN = klines();
    private static final List<String> NOT_KLINES = List.of(
            "{\"symbol\":\"BTCUSDT\",\"open\":",                              // cut off
            new String(JsonRecords.KLINES.value(JsonRecordsTest.kline()), StandardCharsets.UTF_8)
                    .replace("\"openTime\":1721260800000", "\"openTime\":\"soon\""),  // wrong type
            "[\"BTCUSDT\",67000.10]");                                        // not an object

    @BeforeAll
    static void writeKlinesWithTheExactlyOnceSinkThenRecordsThatAreNotKlines() throws Exception {
        KAFKA.createTopics(new TopicSpec(TOPIC, 2, Map.of()));
        StreamExecutionEnvironment env = environment();
        env.enableCheckpointing(100);
        env.fromData(WRITTEN)
                .sinkTo(JsonRecords.KLINES.exactlyOnceSink(KAFKA.bootstrapServers(), TOPIC, "roundtrip-test"))
                .name("klines to kafka").uid("klines-to-kafka");
        env.execute("write klines");

        try (KafkaProducer<byte[], byte[]> producer = producer(Map.of())) {
            for (String text : NOT_KLINES) {
                producer.send(new ProducerRecord<>(TOPIC, 0, null, text.getBytes(StandardCharsets.UTF_8))).get();
            }
        }
        try (KafkaProducer<byte[], byte[]> aborted = producer(Map.of("transactional.id", "roundtrip-aborted"))) {
            aborted.initTransactions();
            aborted.beginTransaction();
            Kline never = JsonRecordsTest.kline();
            aborted.send(new ProducerRecord<>(TOPIC, 1, null, JsonRecords.KLINES.value(never))).get();
            aborted.abortTransaction();
        }
    }

    @Test
    void aReadCommittedSourceReadsBackExactlyTheKlinesWritten() throws Exception {
        List<Kline> read = collect(klinesFromTopic());

        assertThat(read).hasSameSizeAs(WRITTEN);
        assertThat(sorted(read)).containsExactlyElementsOf(sorted(WRITTEN));
        assertThat(plain(sorted(read))).containsExactlyElementsOf(plain(sorted(WRITTEN)));
    }

    @Test
    void theSinkWroteInTransactionsUnderItsPrefixAndCommittedThem() throws Exception {
        List<TransactionListing> sinkTransactions = KAFKA.admin().listTransactions().all().get().stream()
                .filter(t -> t.transactionalId().startsWith("roundtrip-test-"))
                .collect(Collectors.toList());

        // a subtask's id after its last committed one was opened for the next checkpoint, unused
        assertThat(sinkTransactions).extracting(TransactionListing::state)
                .contains(TransactionState.COMPLETE_COMMIT)
                .containsOnly(TransactionState.COMPLETE_COMMIT, TransactionState.EMPTY);
    }

    @Test
    void recordsThatAreNotKlinesBecomeDeadLettersWithTheirReasonAndOrigin() throws Exception {
        List<DeadLetter> deadLetters = collect(klinesFromTopic().getSideOutput(DeadLetters.TAG));

        deadLetters.sort(Comparator.comparingLong(d -> Long.parseLong(d.origin.substring(d.origin.indexOf('@') + 1))));
        assertThat(deadLetters).extracting(d -> d.reason).containsExactly("malformed", "bad-value", "malformed");
        assertThat(deadLetters).extracting(d -> d.raw).containsExactlyElementsOf(NOT_KLINES);
        assertThat(deadLetters).allMatch(d -> d.stage.equals("decode") && d.origin.startsWith("kafka:" + TOPIC + "/0@"));
        assertThat(deadLetters.get(1).detail).startsWith("openTime: ");
    }

    private static SingleOutputStreamOperator<Kline> klinesFromTopic() {
        StreamExecutionEnvironment env = environment();
        DataStream<Decoded<Kline>> records = env.fromSource(
                JsonRecords.KLINES.source(KAFKA.bootstrapServers(), TOPIC)
                        .setBounded(OffsetsInitializer.latest())
                        .build(),
                WatermarkStrategy.noWatermarks(), "klines from kafka").uid("klines-from-kafka");
        return Decoded.split(records, Kline.class, "decode-klines");
    }

    /** 2 instruments × 150 minutes, decimals of every shape: trailing zeros, 8 and 18 places, 0E-8. */
    private static List<Kline> klines() {
        List<Kline> klines = new ArrayList<>();
        for (Market market : List.of(Market.SPOT, Market.USDM)) {
            for (int i = 0; i < 150; i++) {
                Kline k = JsonRecordsTest.kline();
                k.market = market;
                k.openTime += i * 60_000L;
                k.closeTime += i * 60_000L;
                k.open = new BigDecimal("67000.10").add(new BigDecimal(i).movePointLeft(2));
                k.close = new BigDecimal("0.000000" + (10 + i % 90));
                k.volume = new BigDecimal("123456789012.1234567890").add(new BigDecimal(i).movePointLeft(18));
                k.count = i;
                klines.add(k);
            }
        }
        return klines;
    }

    private static List<Kline> sorted(List<Kline> klines) {
        return klines.stream().sorted(Comparator.comparing((Kline k) -> k.market).thenComparingLong(k -> k.openTime))
                .collect(Collectors.toList());
    }

    private static List<String> plain(List<Kline> klines) {
        return klines.stream().map(k -> String.join(",", k.open.toPlainString(), k.high.toPlainString(),
                k.low.toPlainString(), k.close.toPlainString(), k.volume.toPlainString(),
                k.quoteVolume.toPlainString(), k.takerBuyVolume.toPlainString(),
                k.takerBuyQuoteVolume.toPlainString())).collect(Collectors.toList());
    }

    private static KafkaProducer<byte[], byte[]> producer(Map<String, Object> extra) {
        Map<String, Object> config = new java.util.HashMap<>(extra);
        config.put("bootstrap.servers", KAFKA.bootstrapServers());
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static StreamExecutionEnvironment environment() {
        Configuration config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);
        return env;
    }

    private static <T> List<T> collect(DataStream<T> stream) throws Exception {
        List<T> result = new ArrayList<>();
        try (CloseableIterator<T> it = stream.executeAndCollect()) {
            it.forEachRemaining(result::add);
        }
        return result;
    }
}
