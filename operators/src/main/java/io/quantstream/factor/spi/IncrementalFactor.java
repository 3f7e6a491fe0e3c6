package io.quantstream.factor.spi;

import io.quantstream.factor.expr.BarField;
import java.io.Serializable;
import java.util.EnumSet;
import java.util.Set;

/**
 * One factor of a {@link FactorPlugin} with its parameters: a value per bar of one instrument and
 * interval, computed from that bar and the factor's own keyed state, never from a window re-read.
 * The engine runs it inside the factor operator: its state is part of the key's
 * {@code FactorHistory} (Flink POJO state, RocksDB on a cluster), kept under the canonical text
 * of the call ({@code kama(window=10,fast=2,slow=30)}), so it survives savepoints and a change
 * of the other factors of the set.
 *
 * <p>Serializable: the object travels in the job graph and is not shared between keys (keep
 * everything per key in the {@link FactorState}). Called by one thread per operator instance.
 */
public interface IncrementalFactor extends Serializable {

    /**
     * Bars the factor takes before its value is valid (at least 1): the engine reports
     * {@code NaN} before, and the cross-section ignores instruments whose factors are not warm.
     */
    long warmUp();

    /**
     * Doubles of state per instrument and interval (0 … {@link #MAX_STATE}); fixed, so the state
     * is bounded. A factor without state must have a warm-up of 1.
     */
    int stateSize();

    /** Largest {@link #stateSize()}. */
    int MAX_STATE = 100_000;

    /**
     * Version of the meaning of the state's slots (at least 1): raise it when a new release reads
     * them differently, so that state saved by the old one warms up again instead of being
     * misread.
     */
    default int stateVersion() {
        return 1;
    }

    /**
     * The bar fields {@link #update} reads with {@link Bar#get} (and its shortcuts). The factor
     * operator converts only the fields some factor of the set reads from each kline (decimals to
     * doubles, trade statistics), so declaring the few a factor needs spares the conversion of
     * the others; a field read but not declared throws {@link IllegalStateException} in
     * {@link Bar#get}, which the engine handles as any exception of {@link #update}. Default:
     * every field, what a plug-in written before this method reads.
     */
    default Set<BarField> fields() {
        return EnumSet.allOf(BarField.class);
    }

    /**
     * Takes the key's next bar and returns the factor's value at it (any value while warming up:
     * the engine reports {@code NaN} until {@link #warmUp()} bars are taken).
     *
     * @param bar the bar's fields ({@link Bar}), newer than every bar before of its key
     * @param state the key's state, all zeros for a key's first bar; {@link FactorState#bars()}
     *     bars taken before this one
     * @throws RuntimeException for a bar it cannot take: the engine does not fail the job but
     *     reports {@code NaN} for the factor at this bar, puts the state back as it was before the
     *     call (slots and {@link FactorState#bars()}: the bar is not taken) and sends a dead letter
     *     {@code factors/plugin-failed} naming the call, the exception, the instrument and the
     *     bar; the next bar is offered as usual
     */
    double update(Bar bar, FactorState state);
}
