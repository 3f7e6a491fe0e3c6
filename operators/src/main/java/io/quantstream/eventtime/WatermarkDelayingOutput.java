package io.quantstream.eventtime;

import org.apache.flink.annotation.Internal;
import org.apache.flink.runtime.event.WatermarkEvent;
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.LatencyMarker;
import org.apache.flink.streaming.runtime.streamrecord.RecordAttributes;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.util.OutputTag;

/**
 * Forwards watermarks {@code delay} ms behind the input watermark ({@code Long.MAX_VALUE}, the
 * end of input, unchanged). An operator that keeps bars open for late records this long must
 * hold back its watermark, or downstream event-time operators would see a bar after the
 * watermark passed its timestamp. Records pass unchanged unless a subclass overrides
 * {@link #collect(StreamRecord)}.
 */
@Internal
public class WatermarkDelayingOutput<T> implements Output<StreamRecord<T>> {

    protected final Output<StreamRecord<T>> delegate;
    private final long delay;

    /**
     * @param delegate the operator's output
     * @param delay how far the output watermark lags the input one, ms, {@code ≥ 0}
     * @throws IllegalArgumentException on a negative delay
     */
    public WatermarkDelayingOutput(Output<StreamRecord<T>> delegate, long delay) {
        if (delay < 0) {
            throw new IllegalArgumentException("negative watermark delay " + delay);
        }
        this.delegate = delegate;
        this.delay = delay;
    }

    @Override
    public void emitWatermark(Watermark mark) {
        long t = mark.getTimestamp();
        if (delay == 0 || t == Long.MAX_VALUE) {
            delegate.emitWatermark(mark);
        } else {
            delegate.emitWatermark(new Watermark(t < Long.MIN_VALUE + delay ? Long.MIN_VALUE : t - delay));
        }
    }

    @Override
    public void emitWatermarkStatus(WatermarkStatus status) {
        delegate.emitWatermarkStatus(status);
    }

    @Override
    public <X> void collect(OutputTag<X> tag, StreamRecord<X> record) {
        delegate.collect(tag, record);
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
    public void emitWatermark(WatermarkEvent watermark) {
        delegate.emitWatermark(watermark);
    }

    @Override
    public void collect(StreamRecord<T> record) {
        delegate.collect(record);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
