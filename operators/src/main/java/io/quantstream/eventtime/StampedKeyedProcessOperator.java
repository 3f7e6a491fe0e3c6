package io.quantstream.eventtime;

import org.apache.flink.annotation.Internal;
import org.apache.flink.runtime.event.WatermarkEvent;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.LatencyMarker;
import org.apache.flink.streaming.runtime.streamrecord.RecordAttributes;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.util.OutputTag;
import org.apache.flink.util.function.SerializableFunction;

/**
 * A {@link KeyedProcessOperator} whose main-output records carry the event time their value names
 * (for this project: the bar's close time), and whose output watermark lags the input one by a
 * fixed delay.
 *
 * <p>Why: a {@link KeyedProcessFunction} emits with the input record's or the firing timer's
 * timestamp and cannot choose another. A stage that emits a bar from a later timer (a wait after
 * the close), or several bars from one call, needs the bar's own time. Holding the watermark back
 * by the longest such wait keeps those records on time for event-time consumers downstream: a
 * record with timestamp {@code t} always leaves before a watermark {@code ≥ t}. Side outputs keep
 * their timestamps.
 */
@Internal
public final class StampedKeyedProcessOperator<K, IN, OUT> extends KeyedProcessOperator<K, IN, OUT> {

    private static final long serialVersionUID = 1L;

    private final SerializableFunction<OUT, Long> eventTime;
    private final long watermarkDelay;

    /**
     * @param function the function to run
     * @param eventTime event time of an output value, epoch ms
     * @param watermarkDelay how far the output watermark lags the input one, ms, {@code ≥ 0}
     */
    public StampedKeyedProcessOperator(KeyedProcessFunction<K, IN, OUT> function,
            SerializableFunction<OUT, Long> eventTime, long watermarkDelay) {
        super(function);
        if (watermarkDelay < 0) {
            throw new IllegalArgumentException("negative watermark delay " + watermarkDelay);
        }
        this.eventTime = eventTime;
        this.watermarkDelay = watermarkDelay;
    }

    @Override
    public void open() throws Exception {
        output = new StampingOutput(output);
        super.open();
    }

    private final class StampingOutput implements Output<StreamRecord<OUT>> {

        private final Output<StreamRecord<OUT>> delegate;

        StampingOutput(Output<StreamRecord<OUT>> delegate) {
            this.delegate = delegate;
        }

        @Override
        public void collect(StreamRecord<OUT> record) {
            delegate.collect(record.replace(record.getValue(), eventTime.apply(record.getValue())));
        }

        @Override
        public <X> void collect(OutputTag<X> tag, StreamRecord<X> record) {
            delegate.collect(tag, record);
        }

        @Override
        public void emitWatermark(Watermark mark) {
            long t = mark.getTimestamp();
            boolean shift = watermarkDelay > 0 && t != Long.MAX_VALUE
                    && t >= Long.MIN_VALUE + watermarkDelay;
            delegate.emitWatermark(shift ? new Watermark(t - watermarkDelay) : mark);
        }

        @Override
        public void emitWatermark(WatermarkEvent event) {
            delegate.emitWatermark(event);
        }

        @Override
        public void emitWatermarkStatus(WatermarkStatus status) {
            delegate.emitWatermarkStatus(status);
        }

        @Override
        public void emitLatencyMarker(LatencyMarker marker) {
            delegate.emitLatencyMarker(marker);
        }

        @Override
        public void emitRecordAttributes(RecordAttributes attributes) {
            delegate.emitRecordAttributes(attributes);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
