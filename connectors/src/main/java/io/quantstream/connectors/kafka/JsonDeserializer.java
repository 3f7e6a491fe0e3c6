package io.quantstream.connectors.kafka;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads records as {@link JsonRecords} describes; a record that does not decode is a dead letter. */
final class JsonDeserializer<T> implements KafkaRecordDeserializationSchema<Decoded<T>> {

    private static final long serialVersionUID = 1L;

    private final JsonRecords<T> records;
    private transient Counter decoded;
    private transient Counter deadLetters;

    JsonDeserializer(JsonRecords<T> records) {
        this.records = records;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        decoded = context.getMetricGroup().counter("recordsDecoded");
        deadLetters = context.getMetricGroup().counter("deadLetters");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Decoded<T>> out) {
        Decoded<T> result = records.decode(record.value(), JsonRecords.origin(record), record.timestamp());
        (result.value != null ? decoded : deadLetters).inc();
        out.collect(result);
    }

    @Override
    public TypeInformation<Decoded<T>> getProducedType() {
        return Decoded.typeInfo(records.type());
    }
}
