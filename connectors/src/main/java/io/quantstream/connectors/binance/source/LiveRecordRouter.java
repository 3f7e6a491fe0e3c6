package io.quantstream.connectors.binance.source;

import io.quantstream.model.DeadLetters;
import io.quantstream.model.Trade;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Splits {@link BinanceLiveSource}'s records: trades to the main output (timestamps kept), gaps
 * to {@link #GAPS}, dead letters to {@link DeadLetters#TAG}. The source counts each kind already
 * (its reader metrics), so this function only routes.
 */
public class LiveRecordRouter extends ProcessFunction<LiveRecord, Trade> {

    private static final long serialVersionUID = 1L;

    /** Side output for trades the source could not deliver. */
    public static final OutputTag<BackfillGap> GAPS =
            new OutputTag<>("binance-live-gaps", TypeInformation.of(BackfillGap.class));

    @Override
    public void processElement(LiveRecord record, Context ctx, Collector<Trade> out) {
        switch (record.kind) {
            case TRADE:
                out.collect(record.trade);
                break;
            case GAP:
                ctx.output(GAPS, record.gap);
                break;
            case DEAD_LETTER:
                ctx.output(DeadLetters.TAG, record.deadLetter);
                break;
            default:
                throw new IllegalStateException("unexpected record kind " + record.kind);
        }
    }
}
