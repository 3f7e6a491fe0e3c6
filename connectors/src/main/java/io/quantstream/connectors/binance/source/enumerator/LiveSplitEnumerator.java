package io.quantstream.connectors.binance.source.enumerator;

import io.quantstream.connectors.binance.source.split.InstrumentSplit;

import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Hands each instrument's split to one reader: the instruments are numbered in a fixed order
 * (the source's list) and instrument {@code i} goes to reader {@code i mod parallelism}, so a
 * restart with the same parallelism gives every reader the same instruments. A split given back
 * by a failed reader (with the state of the last checkpoint) is assigned again when that reader
 * registers. Bounded sources signal "no more splits" to a reader once all of its are assigned.
 */
public final class LiveSplitEnumerator implements SplitEnumerator<InstrumentSplit, LiveEnumeratorState> {

    private final SplitEnumeratorContext<InstrumentSplit> context;
    private final List<String> order;
    private final boolean bounded;
    private final List<InstrumentSplit> pending;

    /**
     * @param order split ids of every instrument of the source, in assignment order
     * @param pending splits still to assign
     */
    public LiveSplitEnumerator(SplitEnumeratorContext<InstrumentSplit> context, List<String> order,
            List<InstrumentSplit> pending, boolean bounded) {
        this.context = context;
        this.order = List.copyOf(order);
        this.pending = new ArrayList<>(pending);
        this.bounded = bounded;
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        // splits are pushed when a reader registers; readers never ask
    }

    @Override
    public void addSplitsBack(List<InstrumentSplit> splits, int subtaskId) {
        pending.addAll(splits);
        if (context.registeredReaders().containsKey(subtaskId)) {
            assignTo(subtaskId);
        }
    }

    @Override
    public void addReader(int subtaskId) {
        assignTo(subtaskId);
    }

    private void assignTo(int subtaskId) {
        int parallelism = context.currentParallelism();
        List<InstrumentSplit> assigned = new ArrayList<>();
        for (Iterator<InstrumentSplit> it = pending.iterator(); it.hasNext(); ) {
            InstrumentSplit split = it.next();
            if (owner(split, parallelism) == subtaskId) {
                assigned.add(split);
                it.remove();
            }
        }
        if (!assigned.isEmpty()) {
            context.assignSplits(new SplitsAssignment<>(Map.of(subtaskId, assigned)));
        }
        if (bounded && pending.stream().noneMatch(s -> owner(s, parallelism) == subtaskId)) {
            context.signalNoMoreSplits(subtaskId);
        }
    }

    private int owner(InstrumentSplit split, int parallelism) {
        int index = order.indexOf(split.splitId());
        return Math.floorMod(index < 0 ? split.splitId().hashCode() : index, parallelism);
    }

    @Override
    public LiveEnumeratorState snapshotState(long checkpointId) {
        return new LiveEnumeratorState(pending);
    }

    @Override
    public void close() {}
}
