package io.quantstream.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.model.Kline;
import io.quantstream.model.Market;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TopicDump#klines} of a topic with spot and USD-M BTCUSDT, two instruments, the same
 * minute: each in its own file, in market folders as the file job writes several markets.
 */
class TopicDumpITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir Path dir;

    @Test
    void klinesOfTwoMarketsGoToAFileEachInMarketFolders() throws Exception {
        KAFKA.createTopics(new TopicSpec("dump-klines", 2, Map.of()));
        Kline spot = JsonRecordsTest.kline();
        Kline usdm = JsonRecordsTest.kline();
        usdm.market = Market.USDM;
        usdm.close = new BigDecimal("67001.0");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Kline k : new Kline[] {spot, usdm}) {
                producer.send(new ProducerRecord<>("dump-klines", null, k.closeTime,
                        JsonRecords.KLINES.key(k).getBytes(), JsonRecords.KLINES.value(k))).get();
            }
        }

        TopicDump.Result result = TopicDump.klines(KAFKA.bootstrapServers(), "dump-klines", dir);

        assertThat(result.records()).isEqualTo(2);
        assertThat(result.files()).containsExactly(dir.resolve("spot/BTCUSDT-1m.csv"),
                dir.resolve("usdm/BTCUSDT-1m.csv"), dir.resolve("dead-letters.jsonl"));
        assertThat(Files.readAllLines(dir.resolve("spot/BTCUSDT-1m.csv"))).hasSize(2)
                .last().asString().startsWith("1721260800000,67000.10,67010.00,0.00000001,67005.5,");
        assertThat(Files.readAllLines(dir.resolve("usdm/BTCUSDT-1m.csv"))).hasSize(2)
                .last().asString().startsWith("1721260800000,67000.10,67010.00,0.00000001,67001.0,");
    }
}
