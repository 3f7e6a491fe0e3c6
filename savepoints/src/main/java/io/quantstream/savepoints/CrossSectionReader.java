package io.quantstream.savepoints;

import io.quantstream.crosssection.CrossSectionAssembler;
import io.quantstream.model.FactorVector;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.util.Collector;

/**
 * The state of a cross-section operator ({@code cross-section-<universe>-<interval>}) per bar
 * (key: open time, printed ISO-8601 UTC): the instruments reported so far and whether the bar was
 * emitted (its state stays until the bar's deadline).
 */
final class CrossSectionReader extends KeyedStateReaderFunction<Long, StateRow> {

    private final String uid;
    private transient MapState<String, FactorVector> reported;
    private transient ValueState<Integer> reportedCount;
    private transient ValueState<Boolean> emitted;

    CrossSectionReader(String uid) {
        this.uid = uid;
    }

    @Override
    public void open(OpenContext context) {
        reported = getRuntimeContext().getMapState(CrossSectionAssembler.reportedDescriptor());
        reportedCount = getRuntimeContext().getState(CrossSectionAssembler.reportedCountDescriptor());
        emitted = getRuntimeContext().getState(CrossSectionAssembler.emittedDescriptor());
    }

    @Override
    public void readKey(Long openTime, Context ctx, Collector<StateRow> out) throws Exception {
        String key = Values.time(openTime);
        TreeSet<String> instruments = new TreeSet<>();
        for (Map.Entry<String, FactorVector> e : reported.entries()) {
            instruments.add(e.getKey());
        }
        Integer count = reportedCount.value();
        out.collect(new StateRow(uid, key, "reported", Integer.toString(count == null ? 0 : count),
                String.join(" ", instruments)));
        out.collect(new StateRow(uid, key, "emitted",
                Boolean.toString(Boolean.TRUE.equals(emitted.value())), ""));
    }
}
