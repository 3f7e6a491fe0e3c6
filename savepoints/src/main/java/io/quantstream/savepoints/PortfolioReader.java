package io.quantstream.savepoints;

import io.quantstream.model.ControlCommand;
import io.quantstream.model.TargetPosition;
import io.quantstream.portfolio.PortfolioState;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.util.Collector;

/**
 * The state of a portfolio operator ({@code portfolio-<strategy>}) per strategy: the last bar
 * decided on, the command in force, and per instrument its last close and last target (the
 * row's key is {@code <strategy> <MARKET:SYMBOL>}).
 */
final class PortfolioReader extends KeyedStateReaderFunction<String, StateRow> {

    private final String uid;
    private transient ValueState<Long> lastCloseTime;
    private transient MapState<String, BigDecimal> lastClose;
    private transient MapState<String, TargetPosition> lastTargets;
    private transient ValueState<ControlCommand> inForce;

    PortfolioReader(String uid) {
        this.uid = uid;
    }

    @Override
    public void open(OpenContext context) {
        lastCloseTime = getRuntimeContext().getState(PortfolioState.lastCloseTime());
        lastClose = getRuntimeContext().getMapState(PortfolioState.lastClose());
        lastTargets = getRuntimeContext().getMapState(PortfolioState.lastTargets());
        inForce = getRuntimeContext().getState(PortfolioState.controlInForce());
    }

    @Override
    public void readKey(String strategy, Context ctx, Collector<StateRow> out) throws Exception {
        Long last = lastCloseTime.value();
        out.collect(new StateRow(uid, strategy, "last-decision",
                last == null ? "" : Values.time(last), ""));
        ControlCommand command = inForce.value();
        if (command != null) {
            out.collect(new StateRow(uid, strategy, "control-in-force", command.action,
                    "reference " + command.reference));
        }
        TreeMap<String, BigDecimal> closes = new TreeMap<>();
        for (Map.Entry<String, BigDecimal> e : lastClose.entries()) {
            closes.put(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, BigDecimal> e : closes.entrySet()) {
            out.collect(new StateRow(uid, strategy + " " + e.getKey(), "last-close",
                    Values.decimal(e.getValue()), ""));
        }
        TreeMap<String, TargetPosition> targets = new TreeMap<>();
        for (Map.Entry<String, TargetPosition> e : lastTargets.entries()) {
            targets.put(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, TargetPosition> e : targets.entrySet()) {
            TargetPosition t = e.getValue();
            out.collect(new StateRow(uid, strategy + " " + e.getKey(), "last-target",
                    Values.decimal(t.quantity), "weight " + t.weight + " price "
                            + Values.decimal(t.price) + " at " + Values.time(t.time)));
        }
    }
}
