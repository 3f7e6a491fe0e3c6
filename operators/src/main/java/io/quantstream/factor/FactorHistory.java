package io.quantstream.factor;

/**
 * Keyed state of {@link FactorCalculator} for one (market, symbol, interval): the open time of the
 * last kline taken and the history of each factor that has one, under the factor's
 * {@link Factor#spec() spec}. A Flink POJO, read and written once per kline.
 */
public class FactorHistory {
    /** Open time (epoch ms UTC) of the last kline taken. */
    public long lastOpenTime;
    /** Specs of the factors with history, e.g. {@code ema(200)}; parallel to {@link #states}. */
    public String[] specs;
    /** {@code states[i]}: the history of {@code specs[i]}, {@code [stateVersion, slots…]}. */
    public double[][] states;

    public FactorHistory() {}
}
