package io.quantstream.connectors.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.connectors.kafka.JsonRecords;
import io.quantstream.connectors.kafka.KafkaBrokerExtension;
import io.quantstream.connectors.kafka.TopicSpec;
import io.quantstream.model.Trade;
import io.quantstream.testing.TestTrades;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The last committed trade id per key, found from the tail of a partition. */
class PublishedIdsITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    /**
     * One partition: spot:AAAUSDT ids 1–10, then 2,500 trades of spot:BBBUSDT, then a record of
     * AAAUSDT that is not a trade, then AAAUSDT ids 11–20 in an aborted transaction. AAAUSDT's last
     * committed trade is 10, 2,501 records back from the end: three chunks (1,000, 2,000, the rest).
     */
    @Test
    void theLastCommittedTradeOfAKeyIsFoundFarBackAndAbortedOrUndecodableRecordsAreIgnored() throws Exception {
        String topic = "published-ids";
        KAFKA.createTopics(new TopicSpec(topic, 1, Map.of()));
        try (KafkaProducer<byte[], byte[]> producer = producer(Map.of())) {
            for (long id = 1; id <= 10; id++) {
                producer.send(record(topic, "AAAUSDT", id));
            }
            for (long id = 1; id <= 2_500; id++) {
                producer.send(record(topic, "BBBUSDT", id));
            }
            producer.send(new ProducerRecord<>(topic, 0, null, "spot:AAAUSDT".getBytes(StandardCharsets.UTF_8),
                    "not a trade".getBytes(StandardCharsets.UTF_8)));
        }
        try (KafkaProducer<byte[], byte[]> aborted = producer(Map.of("transactional.id", "published-ids-aborted"))) {
            aborted.initTransactions();
            aborted.beginTransaction();
            for (long id = 11; id <= 20; id++) {
                aborted.send(record(topic, "AAAUSDT", id));
            }
            aborted.abortTransaction();
        }

        try (PublishedIds ids = new PublishedIds(KAFKA.bootstrapServers(), topic)) {
            assertThat(ids.lastId("spot:BBBUSDT", 0)).isEqualTo(2_500);
            assertThat(ids.recordsRead()).isLessThan(1_100); // BBBUSDT is in the first chunk
            assertThat(ids.lastId("spot:AAAUSDT", 0)).isEqualTo(10);
            assertThat(ids.lastId("spot:CCCUSDT", 0)).isEqualTo(PublishedIds.NONE);
            // the whole partition (the aborted records, if its marker was written by the time it opened)
            assertThat(ids.recordsRead()).isGreaterThanOrEqualTo(10 + 2_500 + 1);
        }
    }

    @Test
    void anEmptyTopicHasNoIds() {
        KAFKA.createTopics(new TopicSpec("published-ids-empty", 2, Map.of()));
        try (PublishedIds ids = new PublishedIds(KAFKA.bootstrapServers(), "published-ids-empty")) {
            assertThat(ids.partitions()).isEqualTo(2);
            assertThat(ids.lastId("spot:AAAUSDT", 1)).isEqualTo(PublishedIds.NONE);
            assertThat(ids.recordsRead()).isZero();
        }
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, String symbol, long id) {
        Trade t = TestTrades.trade(symbol, id, 1_700_000_000_000L + id, "1.5", "1", false);
        return new ProducerRecord<>(topic, 0, t.tradeTime, JsonRecords.TRADES.key(t).getBytes(StandardCharsets.UTF_8),
                JsonRecords.TRADES.value(t));
    }

    private static KafkaProducer<byte[], byte[]> producer(Map<String, Object> extra) {
        Map<String, Object> config = new java.util.HashMap<>(extra);
        config.put("bootstrap.servers", KAFKA.bootstrapServers());
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
