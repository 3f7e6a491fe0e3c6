package io.quantstream.portfolio;

import io.quantstream.eventtime.WatermarkDelayingOutput;
import io.quantstream.model.ControlAction;
import io.quantstream.model.ControlCommand;
import io.quantstream.model.CrossSection;
import io.quantstream.model.TargetDelta;
import io.quantstream.model.TargetPosition;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.util.OutputTag;

/**
 * Runs a {@link ControlledPortfolio}: input 1 the strategy's cross-sections (keyed by strategy),
 * input 2 the control commands (broadcast).
 *
 * <p>Why not {@code BroadcastConnectedStream.process}: targets, deltas and control actions carry
 * their decision time as record timestamp (a bar drained from the waiting ones would otherwise
 * carry the timestamp of the bar that released it), and the control stream does not hold back
 * event time: commands apply by their own time, looked up at each bar, so a bar never waits for
 * the control stream's watermark (an idle control topic would otherwise stall every target). The
 * control input counts as idle from the start and its watermarks are ignored; the output
 * watermark is the cross-sections'. In BATCH the control input, not keyed, is read before the
 * keyed one, as for any broadcast input.
 */
@Internal
final class ControlledPortfolioOperator
        extends CoBroadcastWithKeyedOperator<String, CrossSection, ControlCommand, TargetPosition> {

    private static final long serialVersionUID = 1L;

    ControlledPortfolioOperator(ControlledPortfolio function) {
        super(function, List.of(ControlHistory.DESCRIPTOR));
    }

    @Override
    public void open() throws Exception {
        output = new Stamping(output);
        super.open();
        super.processWatermarkStatus(WatermarkStatus.IDLE, 1);
    }

    @Override
    public void processWatermark2(Watermark mark) {
        // the control stream's event time never holds back the targets (see the class comment)
    }

    @Override
    protected void processWatermarkStatus(WatermarkStatus status, int index) throws Exception {
        if (index == 0) {
            super.processWatermarkStatus(status, index);
        }
    }

    /** Stamps targets, deltas and actions with their decision time; dead letters keep theirs. */
    private static final class Stamping extends WatermarkDelayingOutput<TargetPosition> {

        Stamping(Output<StreamRecord<TargetPosition>> delegate) {
            super(delegate, 0);
        }

        @Override
        public void collect(StreamRecord<TargetPosition> record) {
            delegate.collect(record.replace(record.getValue(), record.getValue().time));
        }

        @Override
        public <X> void collect(OutputTag<X> tag, StreamRecord<X> record) {
            X value = record.getValue();
            if (value instanceof TargetDelta d) {
                delegate.collect(tag, record.replace(value, d.time));
            } else if (value instanceof ControlAction a) {
                delegate.collect(tag, record.replace(value, a.time));
            } else {
                delegate.collect(tag, record);
            }
        }
    }
}
