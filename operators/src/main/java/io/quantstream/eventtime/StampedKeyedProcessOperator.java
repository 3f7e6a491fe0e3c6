package io.quantstream.eventtime;

import org.apache.flink.annotation.Internal;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
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

    private final class StampingOutput extends WatermarkDelayingOutput<OUT> {

        StampingOutput(Output<StreamRecord<OUT>> delegate) {
            super(delegate, watermarkDelay);
        }

        @Override
        public void collect(StreamRecord<OUT> record) {
            delegate.collect(record.replace(record.getValue(), eventTime.apply(record.getValue())));
        }
    }
}
