package io.quantstream.savepoints;

import io.quantstream.kline.KlineAccumulator;
import io.quantstream.kline.KlineRollUp;
import io.quantstream.kline.KlineStages;
import io.quantstream.kline.RollUpCursor;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.util.Collector;

/**
 * The state of {@link KlineRollUp} ({@value KlineStages#ROLLUP_UID}) per instrument: the last 1m
 * kline taken and the open bar of each bigger interval.
 */
final class RollUpReader extends KeyedStateReaderFunction<String, StateRow> {

    private transient ValueState<RollUpCursor> cursors;
    private transient MapState<String, KlineAccumulator> openBars;

    @Override
    public void open(OpenContext context) {
        cursors = getRuntimeContext().getState(KlineRollUp.cursorDescriptor());
        openBars = getRuntimeContext().getMapState(KlineRollUp.openBarsDescriptor());
    }

    @Override
    public void readKey(String key, Context ctx, Collector<StateRow> out) throws Exception {
        RollUpCursor c = cursors.value();
        String uid = KlineStages.ROLLUP_UID;
        if (c != null) {
            out.collect(new StateRow(uid, key, "last-minute", Values.time(c.lastMinute),
                    c.intervals == null ? "" : "intervals " + c.intervals));
        }
        TreeMap<String, KlineAccumulator> bars = new TreeMap<>();
        for (Map.Entry<String, KlineAccumulator> e : openBars.entries()) {
            bars.put(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, KlineAccumulator> e : bars.entrySet()) {
            out.collect(new StateRow(uid, key, "open-bar " + e.getKey(),
                    Values.time(e.getValue().openTime), Values.bar(e.getValue())));
        }
    }
}
