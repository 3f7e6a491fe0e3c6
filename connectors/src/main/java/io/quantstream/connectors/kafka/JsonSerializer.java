package io.quantstream.connectors.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes a record as {@link JsonRecords} describes: JSON value, key, event time as timestamp. */
final class JsonSerializer<T> implements KafkaRecordSerializationSchema<T> {

    private static final long serialVersionUID = 1L;

    private final JsonRecords<T> records;
    private final String topic;

    JsonSerializer(JsonRecords<T> records, String topic) {
        this.records = records;
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T record, KafkaSinkContext context, Long timestamp) {
        String key = records.key(record);
        return new ProducerRecord<>(topic, null, records.timestamp(record),
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), records.value(record));
    }
}
