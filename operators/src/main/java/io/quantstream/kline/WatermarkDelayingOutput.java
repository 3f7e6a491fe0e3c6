package io.quantstream.kline;

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
 * watermark passed its timestamp.
 */
final class WatermarkDelayingOutput<T> implements Output<StreamRecord<T>> {

    private final Output<StreamRecord<T>> delegate;
    private final long delay;

    WatermarkDelayingOutput(Output<StreamRecord<T>> delegate, long delay) {
        this.delegate = delegate;
        this.delay = delay;
    }

    @Override
    public void emitWatermark(Watermark mark) {
        long t = mark.getTimestamp();
        if (t == Long.MAX_VALUE) {
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
