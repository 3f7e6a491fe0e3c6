package io.quantstream.crosssection;

import io.quantstream.model.CrossSection;
import io.quantstream.model.FactorVector;
import org.apache.flink.runtime.event.WatermarkEvent;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.LatencyMarker;
import org.apache.flink.streaming.runtime.streamrecord.RecordAttributes;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.util.OutputTag;

/**
 * Runs a {@link CrossSectionAssembler} and gives every emitted {@link CrossSection} its bar's close
 * time as record timestamp. A {@code KeyedProcessFunction} timer emits at the timer's time, which
 * for {@code maxWait > 0} is after the close; a plain function cannot set another timestamp, so the
 * operator's output does it. Side outputs and watermarks pass unchanged.
 */
final class CrossSectionOperator extends KeyedProcessOperator<Long, FactorVector, CrossSection> {

    private static final long serialVersionUID = 1L;

    CrossSectionOperator(CrossSectionAssembler assembler) {
        super(assembler);
    }

    @Override
    public void open() throws Exception {
        output = new CloseTimeOutput(output);
        super.open();
    }

    private static final class CloseTimeOutput implements Output<StreamRecord<CrossSection>> {

        private final Output<StreamRecord<CrossSection>> delegate;

        CloseTimeOutput(Output<StreamRecord<CrossSection>> delegate) {
            this.delegate = delegate;
        }

        @Override
        public void collect(StreamRecord<CrossSection> record) {
            delegate.collect(record.replace(record.getValue(), record.getValue().closeTime));
        }

        @Override
        public <X> void collect(OutputTag<X> tag, StreamRecord<X> record) {
            delegate.collect(tag, record);
        }

        @Override
        public void emitWatermark(Watermark mark) {
            delegate.emitWatermark(mark);
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
