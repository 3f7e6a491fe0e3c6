package io.quantstream.savepoints;

import io.quantstream.kline.KlineAccumulator;
import io.quantstream.kline.KlineAggregator;
import io.quantstream.kline.KlineCursor;
import io.quantstream.kline.KlineStages;
import io.quantstream.trade.TradeSequence;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.util.Collector;

/**
 * The state of {@link KlineAggregator} ({@value KlineStages#AGGREGATE_UID}) per instrument: the
 * last trade id seen, the latest trade time, the last emitted 1m bar, the open bars.
 */
final class KlineAggregatorReader extends KeyedStateReaderFunction<String, StateRow> {

    private transient ValueState<KlineCursor> cursors;
    private transient MapState<Long, KlineAccumulator> olderBars;

    @Override
    public void open(OpenContext context) {
        cursors = getRuntimeContext().getState(KlineAggregator.cursorDescriptor());
        olderBars = getRuntimeContext().getMapState(KlineAggregator.olderBarsDescriptor());
    }

    @Override
    public void readKey(String key, Context ctx, Collector<StateRow> out) throws Exception {
        KlineCursor c = cursors.value();
        if (c == null) {
            return;
        }
        String uid = KlineStages.AGGREGATE_UID;
        TradeSequence ids = c.sequence;
        long settled = ids.next == Long.MIN_VALUE ? Long.MIN_VALUE : ids.next - 1;
        int pending = ids.pending.length / 4;
        long highest = pending > 0 ? ids.pending[(pending - 1) * 4 + 1] : settled;
        out.collect(new StateRow(uid, key, "last-trade-id",
                highest == Long.MIN_VALUE ? "" : Long.toString(highest),
                pending == 0 ? "" : "settled through " + settled + ", " + pending
                        + " id ranges above a hole"));
        out.collect(new StateRow(uid, key, "max-trade-time", Values.time(c.maxTradeTime), ""));
        out.collect(new StateRow(uid, key, "last-bar", Values.time(c.lastEmittedOpenTime),
                c.lastClose == null ? "" : "close " + Values.decimal(c.lastClose)));
        for (Map.Entry<Long, KlineAccumulator> older : olderBars.entries()) {
            out.collect(new StateRow(uid, key, "open-bar 1m", Values.time(older.getKey()),
                    Values.bar(older.getValue())));
        }
        if (c.current != null) {
            out.collect(new StateRow(uid, key, "open-bar 1m", Values.time(c.current.openTime),
                    Values.bar(c.current)));
        }
    }
}
