package io.quantstream.factor;

import io.quantstream.model.Kline;
import java.io.Serializable;

/**
 * One incremental factor of a {@link FactorSet}: fed one bar at a time, it keeps what it needs
 * between bars in a slice of a {@code double[]} owned by the caller (one array per key for the
 * whole set, so keyed state is a single value however many factors are configured).
 *
 * <p>Implementations are stateless objects; every value that depends on history lives in
 * {@code state[offset .. offset + stateSize())}, which starts as zeros.
 */
public interface Factor extends Serializable {

    /** Output name, e.g. {@code ema_20}; unique within a set. */
    String name();

    /** Number of doubles this factor keeps between bars; fixed for the factor's lifetime. */
    int stateSize();

    /**
     * Advances the factor by one bar and returns its value at the bar's close.
     *
     * @param bar the bar, newer than every bar seen before for this key
     * @param close {@code bar.close} as a double, converted once per bar by the caller
     * @param state the set's state array; this factor owns {@code stateSize()} slots from
     *     {@code offset}
     * @param offset first slot of this factor in {@code state}
     * @return the value, or {@code NaN} while warming up or when undefined for this bar
     */
    double update(Kline bar, double close, double[] state, int offset);
}
