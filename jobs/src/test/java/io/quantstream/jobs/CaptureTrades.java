package io.quantstream.jobs;

import io.quantstream.connectors.binance.BinanceFiles;
import io.quantstream.connectors.binance.DecodedFiles;
import io.quantstream.connectors.kafka.JsonRecords;
import io.quantstream.model.Market;
import io.quantstream.model.Trade;
import io.quantstream.testing.SharedData;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The trades of the USD-M BTCUSDT and ETHUSDT websocket captures ({@code binance/ws/usdm}), decoded
 * as the file job decodes them, and a plain producer that writes records to a {@code trades}
 * topic the way the ingest job does: key = instrument, value = JSON ({@link JsonRecords#TRADES}),
 * timestamp = trade time.
 */
final class CaptureTrades {

    /**
     * Configs of a test topic that holds the captures' records, or records made from them. The
     * records carry their 2024 event times as Kafka timestamps: with the broker's 7-day
     * {@code retention.ms} the retention check (30 s after the broker starts, then every 5 min)
     * deletes them, also from the active segment; and a transaction marker (stamped with the time
     * of today) rolls the segment ({@code segment.ms} is measured between the timestamps in a
     * segment), after which the cleaner compacts it ({@code target-positions}: only the latest
     * target per key would be read back). So: no retention, one segment per partition.
     */
    static final Map<String, String> TOPIC_CONFIGS =
            Map.of("retention.ms", "-1", "segment.ms", "3153600000000");

    /** The capture folder, relative to the shared data. */
    static final String FOLDER = "binance/ws/usdm";

    private CaptureTrades() {}

    /** Every trade of the captures, file after file (each instrument in file order). */
    static List<Trade> read() {
        return DecodedFiles.of(BinanceFiles.discover(
                List.of(SharedData.require(FOLDER)), Market.USDM, null)).trades;
    }

    /** Writes to a topic, waiting for every record's acknowledgement when closed. */
    static final class Producer implements AutoCloseable {
        private final KafkaProducer<byte[], byte[]> producer;
        private final String topic;
        private final AtomicReference<Exception> failure = new AtomicReference<>();

        Producer(String bootstrapServers, String topic) {
            this.producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers,
                    "acks", "all", "linger.ms", 5), new ByteArraySerializer(), new ByteArraySerializer());
            this.topic = topic;
        }

        /** A trade on the partition of its key. */
        void send(Trade trade) {
            send(null, trade);
        }

        /** A trade on {@code partition}, or on that of its key when null. */
        void send(Integer partition, Trade trade) {
            send(new ProducerRecord<>(topic, partition, JsonRecords.TRADES.timestamp(trade),
                    bytes(JsonRecords.TRADES.key(trade)), JsonRecords.TRADES.value(trade)));
        }

        /** Any value under {@code key}, with {@code timestamp} (epoch ms) as its Kafka timestamp. */
        void sendRaw(String key, String value, long timestamp) {
            send(new ProducerRecord<>(topic, null, timestamp, bytes(key), bytes(value)));
        }

        /** Waits until every record sent so far is acknowledged. */
        void flush() {
            producer.flush();
            if (failure.get() != null) {
                throw new IllegalStateException("a record was not written to " + topic, failure.get());
            }
        }

        @Override
        public void close() {
            flush();
            producer.close();
        }

        private void send(ProducerRecord<byte[], byte[]> record) {
            producer.send(record, (metadata, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
            });
        }

        private static byte[] bytes(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }
}
