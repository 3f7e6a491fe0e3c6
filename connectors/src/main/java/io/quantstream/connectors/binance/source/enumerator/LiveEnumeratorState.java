package io.quantstream.connectors.binance.source.enumerator;

import io.quantstream.connectors.binance.source.split.InstrumentSplit;

import java.util.List;

/**
 * The enumerator's checkpoint: splits not assigned to a reader at that moment (not yet handed
 * out, or given back by a failed reader). Assigned splits live in the readers' checkpoints.
 *
 * @param pending unassigned splits, in assignment order
 */
public record LiveEnumeratorState(List<InstrumentSplit> pending) {

    public LiveEnumeratorState {
        pending = List.copyOf(pending);
    }
}
