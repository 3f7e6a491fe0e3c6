package io.quantstream.execution;

import io.quantstream.eventtime.WatermarkDelayingOutput;
import io.quantstream.model.Fill;
import io.quantstream.model.FundingPayment;
import io.quantstream.model.LedgerEntry;
import org.apache.flink.annotation.Internal;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Runs {@link SimulatedExecution} with each output stamped with its own event time: a fill with
 * its fill time, a ledger entry with its bar's close, a funding payment with its funding time
 * (dead letters keep their input's timestamp). A time's events are applied once the watermark
 * passes it, and a fill is at the open of the 1m bar that closes then, so the output watermark
 * lags the input one by {@value #WATERMARK_DELAY} ms: a fill is never behind it.
 */
@Internal
final class AccountOperator extends KeyedProcessOperator<String, AccountEvent, Fill> {

    private static final long serialVersionUID = 1L;
    /** One minute: from a 1m bar's open (its fills) to its close (when they are emitted). */
    static final long WATERMARK_DELAY = 60_000;

    AccountOperator(SimulatedExecution function) {
        super(function);
    }

    @Override
    public void open() throws Exception {
        output = new Stamping(output);
        super.open();
    }

    private static final class Stamping extends WatermarkDelayingOutput<Fill> {

        Stamping(Output<StreamRecord<Fill>> delegate) {
            super(delegate, WATERMARK_DELAY);
        }

        @Override
        public void collect(StreamRecord<Fill> record) {
            delegate.collect(record.replace(record.getValue(), record.getValue().time));
        }

        @Override
        public <X> void collect(OutputTag<X> tag, StreamRecord<X> record) {
            X value = record.getValue();
            if (value instanceof LedgerEntry e) {
                delegate.collect(tag, record.replace(value, e.time));
            } else if (value instanceof FundingPayment p) {
                delegate.collect(tag, record.replace(value, p.time));
            } else {
                delegate.collect(tag, record);
            }
        }
    }
}
