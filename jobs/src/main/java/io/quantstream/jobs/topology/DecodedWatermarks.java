package io.quantstream.jobs.topology;

import io.quantstream.connectors.kafka.Decoded;
import io.quantstream.connectors.kafka.JsonRecords;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.BoundedOutOfOrdernessWatermarks;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.eventtime.WatermarksWithIdleness;

/**
 * Event time of records read from Kafka: the timestamp is the decoded record's event time
 * ({@link JsonRecords#timestamp}: trade time, a bar's close time), and the watermark of each
 * partition (the Kafka source generates one per partition and passes on their minimum) trails
 * the latest of them by the out-of-orderness.
 *
 * <p>Records that did not decode (dead letters) take the Kafka timestamp and neither move the
 * watermark nor count as activity: a producer's clock must not make the trades after it late, and
 * a partition that receives nothing but garbage goes idle instead of holding the others back. A
 * partition without a decoded record for the idleness is idle until the next one.
 */
final class DecodedWatermarks {

    private DecodedWatermarks() {}

    /**
     * @param outOfOrderness bounded out-of-orderness (at least 1 ms: trades share milliseconds)
     * @param idleness a partition without records for this long (wall clock) stops holding the
     *     watermark back
     */
    static <T> WatermarkStrategy<Decoded<T>> of(JsonRecords<T> records, Duration outOfOrderness,
            Duration idleness) {
        return WatermarkStrategy.<Decoded<T>>forGenerator(context -> new DecodedOnly<>(
                        new WatermarksWithIdleness<>(
                                new BoundedOutOfOrdernessWatermarks<>(outOfOrderness), idleness,
                                context.getInputActivityClock())))
                .withTimestampAssigner((record, kafkaTimestamp) -> {
                    Long time = record.value == null ? null : records.timestamp(record.value);
                    return time == null ? kafkaTimestamp : time;
                });
    }

    /** Hands only decoded records to the watermark generator. */
    private static final class DecodedOnly<T> implements WatermarkGenerator<Decoded<T>> {
        private final WatermarkGenerator<Decoded<T>> generator;

        DecodedOnly(WatermarkGenerator<Decoded<T>> generator) {
            this.generator = generator;
        }

        @Override
        public void onEvent(Decoded<T> record, long timestamp, WatermarkOutput output) {
            if (record.value != null) {
                generator.onEvent(record, timestamp, output);
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            generator.onPeriodicEmit(output);
        }
    }
}
