package io.quantstream.model;

import java.math.BigDecimal;

/**
 * The factor values of one instrument (market and symbol) at the close of one bar, in the order
 * of the configured factor set ({@link #names}). A value is {@code NaN} while its factor is
 * warming up (fewer bars than its warm-up, {@code FactorSet.warmUp}); those factors are named in
 * {@link #warmingUp}. Stream record timestamp: {@link #closeTime}.
 */
public class FactorVector {
    public String symbol;
    public Market market;
    /** Interval label of the bars the factors were computed on. */
    public String interval;
    /** Open time of the bar, epoch ms UTC. */
    public long openTime;
    /** Close time of the bar, epoch ms UTC. */
    public long closeTime;
    /** Close price of the bar, quote currency. */
    public BigDecimal close;
    /** Factor names, e.g. {@code ema_20}, {@code rsi_14}; same order as {@link #values}. */
    public String[] names;
    /** Factor values, {@code NaN} while warming up. */
    public double[] values;
    /**
     * Names of the factors still warming up at this bar (their values are {@code NaN}), empty
     * once every factor is warm; null in vectors of versions before it (read as all warm).
     */
    public String[] warmingUp;

    public FactorVector() {}

    /** Whether every factor in {@code factors} is warm at this bar (not in {@link #warmingUp}). */
    public boolean warm(String[] factors) {
        if (warmingUp == null || warmingUp.length == 0) {
            return true;
        }
        for (String cold : warmingUp) {
            for (String f : factors) {
                if (cold.equals(f)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Value of the factor called {@code name}, or {@code NaN} if there is none. */
    public double value(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return values[i];
            }
        }
        return Double.NaN;
    }
}
