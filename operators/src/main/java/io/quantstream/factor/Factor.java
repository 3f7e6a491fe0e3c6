package io.quantstream.factor;

import io.quantstream.model.Kline;
import java.io.Serializable;

/**
 * One incremental factor of a {@link FactorSet}: fed one bar at a time, it keeps what it needs
 * between bars in a slice of a {@code double[]} owned by the caller ({@link FactorCalculator}
 * keeps one array per factor and key, under the factor's {@link #spec()}).
 *
 * <p>Implementations are stateless objects; every value that depends on history lives in
 * {@code state[offset .. offset + stateSize())}, which starts as zeros.
 */
public interface Factor extends Serializable {

    /**
     * Canonical configuration of the factor, e.g. {@code ema(20)}: lower case, no whitespace,
     * unique within a set. Names the factor's keyed state, so it must not change for a given
     * computation.
     */
    String spec();

    /** Output name, e.g. {@code ema_20}; unique within a set. */
    String name();

    /** Number of doubles this factor keeps between bars; fixed for the factor's lifetime. */
    int stateSize();

    /**
     * Version of the meaning of the state slots: raise it when an implementation reads its slots
     * differently, so that state written by the old one is warmed up again rather than misread.
     */
    default int stateVersion() {
        return 1;
    }

    /**
     * Advances the factor by one bar and returns its value at the bar's close.
     *
     * @param bar the bar, newer than every bar seen before for this key
     * @param close {@code bar.close} as a double, converted once per bar by the caller
     * @param state the array holding this factor's state
     * @param offset first of this factor's {@code stateSize()} slots in {@code state}
     * @return the value, or {@code NaN} while warming up or when undefined for this bar
     */
    double update(Kline bar, double close, double[] state, int offset);
}
